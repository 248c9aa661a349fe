#include "ledger/clock.h"

#include <gtest/gtest.h>

namespace qbo_sandbox {
namespace {

TEST(Clock, FollowsRealTimeUntilAdvanced) {
  Clock clock;
  const auto before = std::chrono::system_clock::now();
  const auto now = clock.now();
  EXPECT_GE(now, before);
  EXPECT_LT(now - before, std::chrono::seconds(5));
}

TEST(Clock, AdvancesForwardAndBack) {
  Clock clock;
  clock.advance(std::chrono::hours(24));
  EXPECT_GE(clock.now() - std::chrono::system_clock::now(), std::chrono::hours(23));
  EXPECT_EQ(clock.offset(), std::chrono::hours(24));
  clock.advance(std::chrono::hours(-48));
  EXPECT_EQ(clock.offset(), std::chrono::hours(-24));
  EXPECT_LT(clock.now(), std::chrono::system_clock::now());
}

}  // namespace
}  // namespace qbo_sandbox
