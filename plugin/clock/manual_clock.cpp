#include "clock/manual_clock.h"

namespace qbo_sync::clock {

ManualClock::ManualClock()
    : ManualClock(std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::system_clock::now().time_since_epoch())
                      .count()) {}

ManualClock::ManualClock(int64_t start_wall_ms)
    : start_wall_ms_(start_wall_ms), start_steady_(std::chrono::steady_clock::now()) {}

int64_t ManualClock::now_ms() const {
  return start_wall_ms_ + elapsed_ns_.load() / 1'000'000;
}

SteadyTime ManualClock::steady_now() const {
  return start_steady_ + std::chrono::nanoseconds(elapsed_ns_.load());
}

std::optional<std::chrono::nanoseconds> ManualClock::real_time_for(
    std::chrono::nanoseconds /*span*/) const {
  return std::nullopt;
}

void ManualClock::advance(std::chrono::nanoseconds span) {
  if (span.count() > 0) elapsed_ns_.fetch_add(span.count());
}

}  // namespace qbo_sync::clock
