#include "qbo_client/rate_governor.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace qbo_sync::qbo {

RateGovernor::Permit::Permit(Permit&& other) noexcept
    : governor_(std::exchange(other.governor_, nullptr)), realm_(std::move(other.realm_)) {}

RateGovernor::Permit& RateGovernor::Permit::operator=(Permit&& other) noexcept {
  if (this != &other) {
    release();
    governor_ = std::exchange(other.governor_, nullptr);
    realm_ = std::move(other.realm_);
  }
  return *this;
}

RateGovernor::Permit::~Permit() {
  release();
}

void RateGovernor::Permit::release() {
  if (governor_ != nullptr) {
    std::exchange(governor_, nullptr)->release(realm_);
  }
}

RateGovernor::RateGovernor(RateGovernorOptions options, const clock::Clock* clock)
    : options_(options), clock_(clock ? *clock : real_time_) {}

RateGovernor::RealmState& RateGovernor::state_for(std::string_view realm) {
  auto it = realms_.find(realm);
  if (it == realms_.end()) {
    it = realms_.emplace(std::string(realm), RealmState{}).first;
  }
  return it->second;
}

RateGovernor::Acquisition RateGovernor::try_acquire(std::string_view realm, RequestKind kind,
                                                    TimePoint now) {
  std::lock_guard lock(mutex_);
  RealmState& state = state_for(realm);
  const auto window = options_.window + options_.window_margin;
  auto expire = [&](std::deque<TimePoint>& starts) {
    while (!starts.empty() && starts.front() + window <= now) {
      starts.pop_front();
    }
  };
  expire(state.requests);
  expire(state.batches);

  TimePoint retry_at = now;
  if (state.paused_until > now) {
    retry_at = std::max(retry_at, state.paused_until);
  }
  if (state.requests.size() >= options_.requests_per_window) {
    retry_at = std::max(retry_at, state.requests.front() + window);
  }
  if (kind == RequestKind::batch && state.batches.size() >= options_.batches_per_window) {
    retry_at = std::max(retry_at, state.batches.front() + window);
  }
  if (retry_at > now) {
    return {std::nullopt, retry_at, false};
  }
  if (state.in_flight >= options_.max_in_flight) {
    return {std::nullopt, now, true};
  }
  ++state.in_flight;
  state.requests.push_back(now);
  if (kind == RequestKind::batch) {
    state.batches.push_back(now);
  }
  return {Permit(this, std::string(realm)), now, false};
}

RateGovernor::Permit RateGovernor::acquire(std::string_view realm, RequestKind kind) {
  // Waits are capped and re-checked against the clock, which a test may move by hand.
  constexpr auto kMaxWaitStep = std::chrono::milliseconds(50);
  while (true) {
    const TimePoint now = clock_.steady_now();
    Acquisition attempt = try_acquire(realm, kind, now);
    if (attempt.permit) {
      return std::move(*attempt.permit);
    }
    std::unique_lock lock(mutex_);
    if (attempt.waiting_for_slot) {
      released_.wait_for(lock, kMaxWaitStep);
    } else {
      const auto real = clock_.real_time_for(attempt.retry_at - now);
      const std::chrono::nanoseconds wait = real ? *real : kMaxWaitStep;
      released_.wait_for(lock, std::clamp<std::chrono::nanoseconds>(
                                   wait, std::chrono::microseconds(100), kMaxWaitStep));
    }
  }
}

void RateGovernor::report_throttled(std::string_view realm, TimePoint now,
                                    std::optional<std::chrono::milliseconds> retry_after) {
  std::lock_guard lock(mutex_);
  RealmState& state = state_for(realm);
  auto pause = options_.throttle_pause;
  if (retry_after && *retry_after > pause) {
    pause = *retry_after;
  }
  state.paused_until = std::max(state.paused_until, now + pause);
}

std::optional<RateGovernor::TimePoint> RateGovernor::throttled_until(std::string_view realm,
                                                                     TimePoint now) const {
  std::lock_guard lock(mutex_);
  auto it = realms_.find(realm);
  if (it == realms_.end() || it->second.paused_until <= now) {
    return std::nullopt;
  }
  return it->second.paused_until;
}

std::optional<std::chrono::system_clock::time_point> RateGovernor::throttled_until_wall_clock(
    std::string_view realm) const {
  const TimePoint now = clock_.steady_now();
  const auto until = throttled_until(realm, now);
  if (!until) {
    return std::nullopt;
  }
  const std::chrono::system_clock::time_point wall_now{std::chrono::milliseconds(clock_.now_ms())};
  return wall_now + std::chrono::duration_cast<std::chrono::system_clock::duration>(*until - now);
}

std::size_t RateGovernor::in_flight(std::string_view realm) const {
  std::lock_guard lock(mutex_);
  auto it = realms_.find(realm);
  return it == realms_.end() ? 0 : it->second.in_flight;
}

void RateGovernor::release(const std::string& realm) {
  {
    std::lock_guard lock(mutex_);
    auto it = realms_.find(realm);
    if (it != realms_.end() && it->second.in_flight > 0) {
      --it->second.in_flight;
    }
  }
  released_.notify_all();
}

}  // namespace qbo_sync::qbo
