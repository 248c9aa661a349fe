#include "clock/scheduler.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <mutex>
#include <string>
#include <vector>

#include "clock/manual_clock.h"
#include "clock/scaled_clock.h"
#include "clock/system_clock.h"

namespace qbo_sync::clock {
namespace {

using namespace std::chrono_literals;

class ManualSchedulerTest : public ::testing::Test {
 protected:
  void SetUp() override { scheduler_.start(); }

  // A task that notes its name and the clock's time when it runs.
  Scheduler::TaskId noting(const std::string& name) {
    return scheduler_.add([this, name] {
      std::lock_guard lock(mutex_);
      runs_.push_back(name + "@" + std::to_string((clock_.steady_now() - start_) / 1s));
    });
  }

  std::vector<std::string> runs() {
    std::lock_guard lock(mutex_);
    return runs_;
  }

  ManualClock clock_;
  SteadyTime start_ = clock_.steady_now();
  Scheduler scheduler_{clock_};
  std::mutex mutex_;
  std::vector<std::string> runs_;
};

TEST_F(ManualSchedulerTest, FiresTimersInOrderOfDueTimeEachAtItsTime) {
  const auto late = noting("late");
  const auto early = noting("early");
  const auto middle = noting("middle");
  scheduler_.wake_after(late, 30s);
  scheduler_.wake_after(early, 10s);
  scheduler_.wake_after(middle, 20s);
  ASSERT_TRUE(scheduler_.advance(60s));
  EXPECT_EQ(runs(), (std::vector<std::string>{"early@10", "middle@20", "late@30"}));
  EXPECT_EQ(clock_.steady_now() - start_, 60s);
}

TEST_F(ManualSchedulerTest, NothingFiresBeforeItsTime) {
  const auto task = noting("task");
  scheduler_.wake_after(task, 10s);
  ASSERT_TRUE(scheduler_.advance(9999ms));
  EXPECT_TRUE(runs().empty());
  ASSERT_TRUE(scheduler_.advance(1ms));
  EXPECT_EQ(runs(), std::vector<std::string>{"task@10"});
}

TEST_F(ManualSchedulerTest, ATaskThatWakesItselfRepeatsAtItsPeriod) {
  Scheduler::TaskId id = 0;
  int runs = 0;
  id = scheduler_.add([&] {
    ++runs;
    scheduler_.wake_after(id, 60s);
  });
  scheduler_.wake_after(id, 60s);
  ASSERT_TRUE(scheduler_.advance(5min));
  EXPECT_EQ(runs, 5);
}

TEST_F(ManualSchedulerTest, ARemovedTaskNeverRuns) {
  const auto kept = noting("kept");
  const auto removed = noting("removed");
  scheduler_.wake_after(kept, 1s);
  scheduler_.wake_after(removed, 1s);
  scheduler_.remove(removed);
  scheduler_.wake_after(removed, 1s);  // ignored: no longer registered
  ASSERT_TRUE(scheduler_.advance(2s));
  EXPECT_EQ(runs(), std::vector<std::string>{"kept@1"});
}

TEST_F(ManualSchedulerTest, AnEarlierWakeUpWinsAndOneRunServesBoth) {
  const auto task = noting("task");
  scheduler_.wake_after(task, 30s);
  scheduler_.wake_after(task, 10s);
  scheduler_.wake_after(task, 20s);
  ASSERT_TRUE(scheduler_.advance(1min));
  EXPECT_EQ(runs(), std::vector<std::string>{"task@10"});
}

TEST_F(ManualSchedulerTest, TasksDueTogetherRunInTheOrderTheyWereWoken) {
  const auto second = noting("second");
  const auto first = noting("first");
  scheduler_.wake_after(first, 5s);
  scheduler_.wake_after(second, 5s);
  ASSERT_TRUE(scheduler_.advance(5s));
  EXPECT_EQ(runs(), (std::vector<std::string>{"first@5", "second@5"}));
}

TEST(SchedulerTest, OnlyAManualClockCanBeAdvanced) {
  SystemClock clock;
  Scheduler scheduler(clock);
  scheduler.start();
  EXPECT_FALSE(scheduler.advance(1s));
}

TEST(SchedulerTest, AScaledClockFiresAMinuteTimerInAFractionOfTheRealTime) {
  ScaledClock clock(600);  // a minute lasts 100 ms
  Scheduler scheduler(clock);
  scheduler.start();
  std::promise<SteadyTime> fired;
  const auto id = scheduler.add([&] { fired.set_value(clock.steady_now()); });
  const auto real_start = std::chrono::steady_clock::now();
  const auto clock_start = clock.steady_now();
  scheduler.wake_after(id, 1min);
  auto result = fired.get_future();
  ASSERT_EQ(result.wait_for(10s), std::future_status::ready);
  const auto real_elapsed = std::chrono::steady_clock::now() - real_start;
  EXPECT_GE(result.get() - clock_start, 1min);  // never early on its own clock
  EXPECT_GE(real_elapsed, 99ms);
  EXPECT_LT(real_elapsed, 5s);
}

TEST(SchedulerTest, RemoveWaitsForARunUnderWay) {
  SystemClock clock;
  Scheduler scheduler(clock);
  scheduler.start();
  std::promise<void> entered;
  std::promise<void> release;
  auto released = release.get_future().share();
  std::atomic<bool> finished{false};
  const auto id = scheduler.add([&] {
    entered.set_value();
    released.wait();
    finished = true;
  });
  scheduler.wake_now(id);
  entered.get_future().wait();
  auto removing = std::async(std::launch::async, [&] { scheduler.remove(id); });
  EXPECT_EQ(removing.wait_for(50ms), std::future_status::timeout);
  release.set_value();
  removing.wait();
  EXPECT_TRUE(finished);
}

}  // namespace
}  // namespace qbo_sync::clock
