#include "clock/system_clock.h"

namespace qbo_sync::clock {

int64_t SystemClock::now_ms() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

SteadyTime SystemClock::steady_now() const {
  return std::chrono::steady_clock::now();
}

std::optional<std::chrono::nanoseconds> SystemClock::real_time_for(
    std::chrono::nanoseconds span) const {
  return span;
}

}  // namespace qbo_sync::clock
