#include "trend.h"

namespace qbo_sync::soak {

double least_squares_slope(const std::vector<Sample>& samples) {
  if (samples.size() < 2) return 0;
  double mean_time = 0, mean_value = 0;
  for (const Sample& sample : samples) {
    mean_time += sample.at_seconds;
    mean_value += sample.value;
  }
  const auto count = static_cast<double>(samples.size());
  mean_time /= count;
  mean_value /= count;
  double covariance = 0, variance = 0;
  for (const Sample& sample : samples) {
    covariance += (sample.at_seconds - mean_time) * (sample.value - mean_value);
    variance += (sample.at_seconds - mean_time) * (sample.at_seconds - mean_time);
  }
  return variance > 0 ? covariance / variance : 0;
}

Judgement judge_second_half(const std::vector<Sample>& samples, Tolerance tolerance) {
  Judgement judgement;
  if (samples.empty()) return judgement;
  const double half = samples.back().at_seconds / 2;
  std::vector<Sample> second_half;
  for (const Sample& sample : samples) {
    if (sample.at_seconds >= half) second_half.push_back(sample);
  }
  judgement.samples = second_half.size();
  if (second_half.size() < 3) return judgement;
  const double slope = least_squares_slope(second_half);
  judgement.slope_per_hour = slope * 3600;
  judgement.rise = slope * (second_half.back().at_seconds - second_half.front().at_seconds);
  const bool grows =
      judgement.slope_per_hour > tolerance.per_hour && judgement.rise > tolerance.noise;
  judgement.verdict = grows ? Verdict::grows : Verdict::stable;
  return judgement;
}

}  // namespace qbo_sync::soak
