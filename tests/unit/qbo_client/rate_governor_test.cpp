#include "qbo_client/rate_governor.h"

#include "clock/scaled_clock.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace qbo_sync::qbo {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using TimePoint = RateGovernor::TimePoint;

const TimePoint kStart = TimePoint{} + std::chrono::hours(1);

TEST(RateGovernorTest, AtMostTenInFlightPerRealm) {
  RateGovernor governor;
  std::vector<RateGovernor::Permit> permits;
  for (int i = 0; i < 10; ++i) {
    auto granted = governor.try_acquire("realm-a", RequestKind::single, kStart);
    ASSERT_TRUE(granted.permit);
    permits.push_back(std::move(*granted.permit));
  }
  auto refused = governor.try_acquire("realm-a", RequestKind::single, kStart);
  EXPECT_FALSE(refused.permit);
  EXPECT_TRUE(refused.waiting_for_slot);
  EXPECT_EQ(governor.in_flight("realm-a"), 10U);
  // Another realm is independent.
  EXPECT_TRUE(governor.try_acquire("realm-b", RequestKind::single, kStart).permit);
  permits.front().release();
  EXPECT_EQ(governor.in_flight("realm-a"), 9U);
  EXPECT_TRUE(governor.try_acquire("realm-a", RequestKind::single, kStart).permit);
}

TEST(RateGovernorTest, AtMost500PerRollingMinute) {
  RateGovernor governor;
  for (int i = 0; i < 500; ++i) {
    auto granted = governor.try_acquire("r", RequestKind::single, kStart + milliseconds(i * 10));
    ASSERT_TRUE(granted.permit) << i;
  }  // each permit is released at the end of its iteration
  const TimePoint now = kStart + seconds(30);
  auto refused = governor.try_acquire("r", RequestKind::single, now);
  EXPECT_FALSE(refused.permit);
  EXPECT_FALSE(refused.waiting_for_slot);
  // When the first one leaves the window, with the margin for QBO counting it a little later.
  EXPECT_EQ(refused.retry_at, kStart + seconds(61));
  EXPECT_FALSE(governor.try_acquire("r", RequestKind::single, kStart + milliseconds(60999)).permit);
  EXPECT_TRUE(governor.try_acquire("r", RequestKind::single, kStart + seconds(61)).permit);
  EXPECT_FALSE(governor.try_acquire("r", RequestKind::single, kStart + seconds(61)).permit);
}

TEST(RateGovernorTest, AtMost40BatchesPerMinuteAndBatchesCountAsRequests) {
  RateGovernor governor;
  for (int i = 0; i < 40; ++i) {
    ASSERT_TRUE(governor.try_acquire("r", RequestKind::batch, kStart).permit);
  }
  auto refused = governor.try_acquire("r", RequestKind::batch, kStart + seconds(1));
  EXPECT_FALSE(refused.permit);
  EXPECT_EQ(refused.retry_at, kStart + seconds(61));
  // Single requests still flow, within the 500 that include the 40 batches.
  for (int i = 0; i < 460; ++i) {
    ASSERT_TRUE(governor.try_acquire("r", RequestKind::single, kStart + seconds(1)).permit) << i;
  }
  EXPECT_FALSE(governor.try_acquire("r", RequestKind::single, kStart + seconds(1)).permit);
}

TEST(RateGovernorTest, ThrottlePausesTheRealmForSixtySecondsOrRetryAfter) {
  RateGovernor governor;
  governor.report_throttled("r", kStart);
  EXPECT_EQ(governor.throttled_until("r", kStart + seconds(1)), kStart + seconds(60));
  auto refused = governor.try_acquire("r", RequestKind::single, kStart + seconds(10));
  EXPECT_FALSE(refused.permit);
  EXPECT_EQ(refused.retry_at, kStart + seconds(60));
  EXPECT_TRUE(governor.try_acquire("other", RequestKind::single, kStart + seconds(10)).permit);
  EXPECT_TRUE(governor.try_acquire("r", RequestKind::single, kStart + seconds(60)).permit);
  EXPECT_FALSE(governor.throttled_until("r", kStart + seconds(60)));

  governor.report_throttled("r", kStart + seconds(100), seconds(90));
  EXPECT_EQ(governor.throttled_until("r", kStart + seconds(100)), kStart + seconds(190));
}

TEST(RateGovernorTest, ThrottledUntilIsAlsoGivenOnTheWallClock) {
  RateGovernor governor;
  EXPECT_FALSE(governor.throttled_until_wall_clock("r"));
  governor.report_throttled("r", governor.now());
  const auto until = governor.throttled_until_wall_clock("r");
  ASSERT_TRUE(until);
  const auto remaining = *until - std::chrono::system_clock::now();
  EXPECT_GT(remaining, seconds(58));
  EXPECT_LE(remaining, seconds(60));
}

TEST(RateGovernorTest, BlockingAcquireNeverExceedsTheInFlightLimit) {
  RateGovernorOptions options;
  options.max_in_flight = 3;
  RateGovernor governor(options);
  std::atomic<int> running{0};
  std::atomic<int> peak{0};
  {
    std::vector<std::jthread> threads;  // joined at the end of this block
    for (int t = 0; t < 8; ++t) {
      threads.emplace_back([&] {
        for (int i = 0; i < 20; ++i) {
          auto permit = governor.acquire("r", RequestKind::single);
          const int now_running = ++running;
          int seen = peak.load();
          while (now_running > seen && !peak.compare_exchange_weak(seen, now_running)) {
          }
          std::this_thread::yield();
          --running;
        }
      });
    }
  }
  EXPECT_LE(peak.load(), 3);
  EXPECT_GE(peak.load(), 1);
  EXPECT_EQ(governor.in_flight("r"), 0U);
}

TEST(RateGovernorTest, BlockingAcquireWaitsOutThePauseOnItsClock) {
  const clock::ScaledClock fast(1000);  // the 60 s pause lasts 60 ms
  RateGovernor governor({}, &fast);
  const auto before = governor.now();
  governor.report_throttled("r", before);
  const auto real_before = std::chrono::steady_clock::now();
  auto permit = governor.acquire("r", RequestKind::single);
  EXPECT_TRUE(permit.valid());
  EXPECT_GE(governor.now() - before, std::chrono::seconds(60));
  EXPECT_LT(std::chrono::steady_clock::now() - real_before, std::chrono::seconds(30));
}

}  // namespace
}  // namespace qbo_sync::qbo
