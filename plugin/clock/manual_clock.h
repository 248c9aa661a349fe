// A clock for tests that stands still until it is moved. Move it through Scheduler::advance, so
// that the timers falling due on the way fire in order, each at its own time. Thread-safe.
#pragma once

#include <atomic>

#include "clock/clock.h"

namespace qbo_sync::clock {

class ManualClock final : public Clock {
 public:
  // Starts at the real wall time unless told otherwise.
  ManualClock();
  explicit ManualClock(int64_t start_wall_ms);

  int64_t now_ms() const override;
  SteadyTime steady_now() const override;
  std::optional<std::chrono::nanoseconds> real_time_for(
      std::chrono::nanoseconds span) const override;

  // Moves the clock forward by `span` (a negative span is ignored: time never runs back).
  void advance(std::chrono::nanoseconds span);

 private:
  int64_t start_wall_ms_;
  SteadyTime start_steady_;
  std::atomic<int64_t> elapsed_ns_{0};
};

}  // namespace qbo_sync::clock
