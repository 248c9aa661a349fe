#include "clock.h"

namespace qbo_sandbox {

std::chrono::system_clock::time_point Clock::now() const {
  return std::chrono::system_clock::now() + offset();
}

void Clock::advance(std::chrono::seconds by) {
  offset_seconds_.fetch_add(by.count());
}

std::chrono::seconds Clock::offset() const {
  return std::chrono::seconds(offset_seconds_.load());
}

}  // namespace qbo_sandbox
