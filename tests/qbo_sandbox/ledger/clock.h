#pragma once

#include <atomic>
#include <chrono>

namespace qbo_sandbox {

// The sandbox's clock: real time plus an offset that tests advance, so that token expiry, the CDC
// window and requestid retention can be exercised without waiting.
class Clock {
 public:
  std::chrono::system_clock::time_point now() const;  // real time + offset
  void advance(std::chrono::seconds by);
  std::chrono::seconds offset() const;

 private:
  std::atomic<std::int64_t> offset_seconds_{0};
};

}  // namespace qbo_sandbox
