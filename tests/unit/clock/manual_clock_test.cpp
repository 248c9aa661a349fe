#include "clock/manual_clock.h"

#include <gtest/gtest.h>

namespace qbo_sync::clock {
namespace {

using namespace std::chrono_literals;

TEST(ManualClockTest, StandsStillUntilAdvanced) {
  ManualClock clock(1'000'000);
  const auto steady = clock.steady_now();
  EXPECT_EQ(clock.now_ms(), 1'000'000);
  EXPECT_EQ(clock.steady_now(), steady);
  EXPECT_FALSE(clock.real_time_for(1s).has_value());
  clock.advance(90s);
  EXPECT_EQ(clock.now_ms(), 1'090'000);
  EXPECT_EQ(clock.steady_now() - steady, 90s);
}

TEST(ManualClockTest, NeverRunsBackwards) {
  ManualClock clock(5000);
  clock.advance(-3s);
  EXPECT_EQ(clock.now_ms(), 5000);
}

}  // namespace
}  // namespace qbo_sync::clock
