// A clock that runs `speed` times faster than real time (tests and demos): every interval measured
// on it passes `speed` times sooner. It stood at the real time at `origin_wall_ms` (by default its
// construction), so that processes that share a store and an origin share one timeline.
#pragma once

#include "clock/clock.h"

namespace qbo_sync::clock {

class ScaledClock final : public Clock {
 public:
  explicit ScaledClock(double speed, std::optional<int64_t> origin_wall_ms = std::nullopt);

  int64_t now_ms() const override;
  SteadyTime steady_now() const override;
  std::optional<std::chrono::nanoseconds> real_time_for(
      std::chrono::nanoseconds span) const override;

  double speed() const { return speed_; }

 private:
  // Real time elapsed since construction, sped up.
  std::chrono::nanoseconds elapsed() const;

  double speed_;
  int64_t start_wall_ms_;
  SteadyTime start_steady_;
};

}  // namespace qbo_sync::clock
