// Keeps each realm inside QBO's limits: at most 10 requests in flight, 500 requests and 40 batch
// requests per rolling minute, and a pause (60 s, or Retry-After) after a 429. Non-blocking at its
// core (try_acquire answers "granted" or "wait until"), with a blocking convenience.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "clock/clock.h"
#include "clock/system_clock.h"

namespace qbo_sync::qbo {

enum class RequestKind { single, batch };

struct RateGovernorOptions {
  std::size_t max_in_flight = 10;
  std::size_t requests_per_window = 500;
  std::size_t batches_per_window = 40;
  std::chrono::milliseconds window{std::chrono::minutes(1)};
  // QBO counts a request when it arrives, a little after the permit was granted here; keeping
  // each request in the window this much longer stops the two windows from drifting apart, which
  // would draw a 429 and its 60 s pause on the 501st call. Costs under 2 % of the minute's budget.
  std::chrono::milliseconds window_margin{std::chrono::seconds(1)};
  std::chrono::milliseconds throttle_pause{std::chrono::seconds(60)};
};

class RateGovernor {
 public:
  using TimePoint = clock::SteadyTime;

  // Holds one in-flight slot of a realm; the slot is freed when the permit is released or
  // destroyed. Must not outlive its governor.
  class Permit {
   public:
    Permit() = default;
    Permit(Permit&& other) noexcept;
    Permit& operator=(Permit&& other) noexcept;
    Permit(const Permit&) = delete;
    Permit& operator=(const Permit&) = delete;
    ~Permit();

    bool valid() const { return governor_ != nullptr; }
    void release();

   private:
    friend class RateGovernor;
    Permit(RateGovernor* governor, std::string realm)
        : governor_(governor), realm_(std::move(realm)) {}
    RateGovernor* governor_ = nullptr;
    std::string realm_;
  };

  struct Acquisition {
    std::optional<Permit> permit;  // set when granted
    // When not granted: the earliest time worth asking again. When in-flight slots are the only
    // obstacle it is `now` (ask again once a permit is released).
    TimePoint retry_at{};
    bool waiting_for_slot = false;  // the realm has max_in_flight requests running
  };

  // Windows and pauses are measured on `clock` (the plugin's; real time when null), which must
  // outlive the governor.
  explicit RateGovernor(RateGovernorOptions options = {}, const clock::Clock* clock = nullptr);

  // Grants a permit if the realm's limits allow one at `now`; a granted request counts against the
  // rolling minute immediately. A batch counts once against each limit.
  Acquisition try_acquire(std::string_view realm, RequestKind kind, TimePoint now);

  // Blocks until a permit is granted (using the governor's clock), then returns it.
  Permit acquire(std::string_view realm, RequestKind kind);

  // Records a 429 for the realm: no permit is granted until the pause (or `retry_after`, if
  // longer) has passed.
  void report_throttled(std::string_view realm, TimePoint now,
                        std::optional<std::chrono::milliseconds> retry_after = std::nullopt);

  // When the realm's throttle pause ends, if it is paused at `now`.
  std::optional<TimePoint> throttled_until(std::string_view realm, TimePoint now) const;

  // The same, on the wall clock, for the admin status ("throttled until 14:02:10").
  std::optional<std::chrono::system_clock::time_point> throttled_until_wall_clock(
      std::string_view realm) const;

  std::size_t in_flight(std::string_view realm) const;

  TimePoint now() const { return clock_.steady_now(); }

 private:
  struct RealmState {
    std::size_t in_flight = 0;
    std::deque<TimePoint> requests;  // start times inside the rolling window
    std::deque<TimePoint> batches;
    TimePoint paused_until{};
  };

  RealmState& state_for(std::string_view realm);
  void release(const std::string& realm);

  RateGovernorOptions options_;
  clock::SystemClock real_time_;
  const clock::Clock& clock_;
  mutable std::mutex mutex_;
  std::condition_variable released_;
  std::map<std::string, RealmState, std::less<>> realms_;
};

}  // namespace qbo_sync::qbo
