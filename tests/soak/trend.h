// Whether a figure sampled over a run keeps growing: the least-squares slope over the second half
// of the run (the first half is warm-up: caches fill, pools reach their size) against a tolerance.
#pragma once

#include <cstddef>
#include <vector>

namespace qbo_sync::soak {

struct Sample {
  double at_seconds = 0;  // since the run started
  double value = 0;
};

// The least-squares slope of value over time, per second; 0 for fewer than two distinct times.
double least_squares_slope(const std::vector<Sample>& samples);

// How much growth is still "stable": a figure grows when its slope over the second half exceeds
// `per_hour` AND the rise that slope makes over the second half exceeds `noise` (so that a short
// run's jitter of one descriptor or a few pages is not called a leak).
struct Tolerance {
  double per_hour = 0;
  double noise = 0;
};

enum class Verdict { stable, grows };

struct Judgement {
  double slope_per_hour = 0;  // over the second half
  double rise = 0;            // slope × the second half's length
  std::size_t samples = 0;    // in the second half
  Verdict verdict = Verdict::stable;
};

// Judges the samples (in time order) whose time is at least half the last sample's time. Fewer
// than three such samples cannot show a trend and are judged stable.
Judgement judge_second_half(const std::vector<Sample>& samples, Tolerance tolerance);

}  // namespace qbo_sync::soak
