// The plugin's one notion of time. Every interval the plugin waits (polls, backoffs, throttle
// windows, digests, leases, quiet periods) is measured on one Clock, so that a test can make them
// all pass faster alike (ScaledClock) or only when it says so (ManualClock).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>

namespace qbo_sync::clock {

using SteadyTime = std::chrono::steady_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;

  // Wall time: milliseconds since the Unix epoch (what the store and QBO documents record).
  virtual int64_t now_ms() const = 0;
  // Monotonic time, for intervals that must not jump with the wall clock.
  virtual SteadyTime steady_now() const = 0;
  // How much real time `span` of this clock takes to pass; nullopt when the clock only moves when
  // it is told to (a manual clock).
  virtual std::optional<std::chrono::nanoseconds> real_time_for(
      std::chrono::nanoseconds span) const = 0;
};

}  // namespace qbo_sync::clock
