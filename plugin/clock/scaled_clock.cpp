#include "clock/scaled_clock.h"

#include <cmath>

namespace qbo_sync::clock {

ScaledClock::ScaledClock(double speed)
    : speed_(speed > 0 ? speed : 1.0),
      start_wall_ms_(std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count()),
      start_steady_(std::chrono::steady_clock::now()) {}

std::chrono::nanoseconds ScaledClock::elapsed() const {
  const auto real = std::chrono::steady_clock::now() - start_steady_;
  return std::chrono::nanoseconds(std::llround(static_cast<double>(real.count()) * speed_));
}

int64_t ScaledClock::now_ms() const {
  return start_wall_ms_ + std::chrono::duration_cast<std::chrono::milliseconds>(elapsed()).count();
}

SteadyTime ScaledClock::steady_now() const {
  return start_steady_ + elapsed();
}

std::optional<std::chrono::nanoseconds> ScaledClock::real_time_for(
    std::chrono::nanoseconds span) const {
  return std::chrono::nanoseconds(std::llround(static_cast<double>(span.count()) / speed_));
}

}  // namespace qbo_sync::clock
