#include "clock/scaled_clock.h"

#include <cmath>

namespace qbo_sync::clock {

namespace {

int64_t real_wall_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

ScaledClock::ScaledClock(double speed, std::optional<int64_t> origin_wall_ms)
    : speed_(speed > 0 ? speed : 1.0),
      start_wall_ms_(real_wall_ms()),
      start_steady_(std::chrono::steady_clock::now()) {
  if (origin_wall_ms && *origin_wall_ms < start_wall_ms_) {
    start_wall_ms_ = *origin_wall_ms +
                     std::llround(static_cast<double>(start_wall_ms_ - *origin_wall_ms) * speed_);
  }
}

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
