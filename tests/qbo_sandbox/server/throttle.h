#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "server.h"

namespace qbo_sandbox {

// QBO's per-realm throttles: requests per minute (sliding window), concurrent requests, batch
// requests per minute. Windows run on a scaled steady clock so that tests need not wait a
// minute; advancing the sandbox clock moves them too. Thread-safe.
class Throttle {
 public:
  enum class Verdict { admitted, rate_exceeded, concurrency_exceeded, batch_rate_exceeded };
  struct Admission {
    Verdict verdict = Verdict::admitted;
    // Admitted requests hold a concurrency slot until this is released.
    std::shared_ptr<void> slot;
  };

  Throttle(ThrottleLimits limits, double time_scale);

  Admission admit(const std::string& realm_id, bool batch);

  ThrottleLimits limits() const;
  void set_limits(ThrottleLimits limits);
  double time_scale() const;
  void set_time_scale(double time_scale);
  // The sandbox clock jumped forward: the windows see the same jump.
  void advance(std::chrono::seconds by);
  // Forgets every window (not the requests in flight).
  void reset();
  // Requests of the realm admitted and not yet answered.
  std::size_t in_flight(std::string_view realm_id) const;

 private:
  struct RealmState {
    std::deque<std::int64_t> requests;  // admission times, scaled nanoseconds
    std::deque<std::int64_t> batches;
    // Shared with the slots, which decrement it when released.
    std::shared_ptr<std::atomic<std::size_t>> in_flight;
  };
  std::int64_t scaled_now() const;  // requires mutex_

  mutable std::mutex mutex_;
  ThrottleLimits limits_;
  double time_scale_;
  std::chrono::steady_clock::time_point base_real_;
  std::int64_t base_scaled_ = 0;
  std::map<std::string, RealmState, std::less<>> realms_;
};

}  // namespace qbo_sandbox
