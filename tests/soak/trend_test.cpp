#include "trend.h"

#include <gtest/gtest.h>

#include <vector>

namespace qbo_sync::soak {
namespace {

std::vector<Sample> series(int count, double step_seconds, double (*value_at)(double)) {
  std::vector<Sample> samples;
  for (int i = 0; i < count; ++i) {
    const double at = i * step_seconds;
    samples.push_back({at, value_at(at)});
  }
  return samples;
}

TEST(LeastSquaresSlope, IsExactOnAStraightLine) {
  const auto line = series(10, 5, [](double at) { return 3 + 0.25 * at; });
  EXPECT_DOUBLE_EQ(least_squares_slope(line), 0.25);
}

TEST(LeastSquaresSlope, IsZeroWithoutTwoDistinctTimes) {
  EXPECT_EQ(least_squares_slope({}), 0);
  EXPECT_EQ(least_squares_slope({{1, 5}, {1, 9}}), 0);
}

TEST(JudgeSecondHalf, CallsASteadyClimbGrowth) {
  // One descriptor a minute for an hour.
  const auto leak = series(61, 60, [](double at) { return 20 + at / 60; });
  const Judgement judgement = judge_second_half(leak, {2, 2});
  EXPECT_EQ(judgement.verdict, Verdict::grows);
  EXPECT_NEAR(judgement.slope_per_hour, 60, 1e-9);
  EXPECT_NEAR(judgement.rise, 30, 1e-9);
}

TEST(JudgeSecondHalf, IgnoresWarmUpGrowthThatLevelsOff) {
  const auto warm_up = series(61, 60, [](double at) { return at < 1200 ? at / 10 : 120.0; });
  EXPECT_EQ(judge_second_half(warm_up, {2, 2}).verdict, Verdict::stable);
}

TEST(JudgeSecondHalf, CallsJitterWithinTheNoiseStable) {
  // Alternates between 20 and 21 descriptors, ending on the high value.
  const auto jitter =
      series(12, 15, [](double at) { return static_cast<int>(at / 15) % 2 == 0 ? 20.0 : 21.0; });
  const Judgement judgement = judge_second_half(jitter, {2, 2});
  EXPECT_EQ(judgement.verdict, Verdict::stable);
  EXPECT_LT(judgement.rise, 2);
}

TEST(JudgeSecondHalf, NeedsThreeSamplesInTheSecondHalf) {
  const std::vector<Sample> short_run{{0, 1}, {10, 100}, {20, 1000}};
  const Judgement judgement = judge_second_half(short_run, {0, 0});
  EXPECT_EQ(judgement.samples, 2U);
  EXPECT_EQ(judgement.verdict, Verdict::stable);
}

}  // namespace
}  // namespace qbo_sync::soak
