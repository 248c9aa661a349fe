#include "clock/scaled_clock.h"

#include <gtest/gtest.h>

#include <thread>

namespace qbo_sync::clock {
namespace {

using namespace std::chrono_literals;

TEST(ScaledClockTest, EveryIntervalTakesTheSameFractionOfRealTime) {
  const ScaledClock clock(600);
  EXPECT_EQ(clock.real_time_for(60s), 100ms);
  EXPECT_EQ(clock.real_time_for(30min), 3s);
  EXPECT_EQ(clock.real_time_for(600ms), 1ms);
}

TEST(ScaledClockTest, WallAndSteadyTimeRunFasterThanRealTime) {
  const ScaledClock clock(1000);
  // Real time is read outside and inside the scaled readings, so that the scaled span lies
  // between the two however slowly the test runs.
  const auto outer_before = std::chrono::steady_clock::now();
  const auto wall_before = clock.now_ms();
  const auto steady_before = clock.steady_now();
  const auto inner_before = std::chrono::steady_clock::now();
  // Waiting on real time is what this test is about.
  std::this_thread::sleep_for(20ms);
  const auto inner_elapsed = std::chrono::steady_clock::now() - inner_before;
  const auto steady_elapsed = clock.steady_now() - steady_before;
  const auto outer_elapsed = std::chrono::steady_clock::now() - outer_before;
  EXPECT_GE(steady_elapsed, 20s);
  EXPECT_GE(steady_elapsed, inner_elapsed * 1000 - 1ms);
  EXPECT_LE(steady_elapsed, outer_elapsed * 1000 + 1ms);
  EXPECT_GE(clock.now_ms() - wall_before, 20'000);
}

TEST(ScaledClockTest, StartsAtTheRealWallTime) {
  const auto real = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count();
  const ScaledClock clock(2);
  EXPECT_NEAR(static_cast<double>(clock.now_ms()), static_cast<double>(real), 1000.0);
}

TEST(ScaledClockTest, ClocksSharingAnOriginShareOneTimeline) {
  const auto real = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count();
  // Started 10 real seconds ago at 600 times: 100 minutes have passed on it.
  const ScaledClock clock(600, real - 10'000);
  EXPECT_NEAR(static_cast<double>(clock.now_ms() - real), 5'990'000.0, 600'000.0);
  const ScaledClock from_now(600, real + 60'000);  // an origin to come is the start
  EXPECT_NEAR(static_cast<double>(from_now.now_ms()), static_cast<double>(real), 1000.0);
}

}  // namespace
}  // namespace qbo_sync::clock
