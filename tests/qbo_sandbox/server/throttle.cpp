#include "throttle.h"

#include <stdexcept>

namespace qbo_sandbox {
namespace {

constexpr std::int64_t kWindow = std::chrono::nanoseconds(std::chrono::minutes(1)).count();

void forget_older_than(std::deque<std::int64_t>& times, std::int64_t oldest_kept) {
  while (!times.empty() && times.front() <= oldest_kept) {
    times.pop_front();
  }
}

// Releases a concurrency slot when the last holder lets go.
class SlotRelease {
 public:
  explicit SlotRelease(std::shared_ptr<std::atomic<std::size_t>> in_flight)
      : in_flight_(std::move(in_flight)) {}
  SlotRelease(const SlotRelease&) = delete;
  SlotRelease& operator=(const SlotRelease&) = delete;
  ~SlotRelease() { in_flight_->fetch_sub(1); }

 private:
  std::shared_ptr<std::atomic<std::size_t>> in_flight_;
};

}  // namespace

Throttle::Throttle(ThrottleLimits limits, double time_scale)
    : limits_(limits), time_scale_(time_scale), base_real_(std::chrono::steady_clock::now()) {
  if (!(time_scale > 0)) {
    throw std::invalid_argument("time_scale must be positive");
  }
}

std::int64_t Throttle::scaled_now() const {
  const auto real = std::chrono::steady_clock::now() - base_real_;
  return base_scaled_ +
         static_cast<std::int64_t>(static_cast<double>(std::chrono::nanoseconds(real).count()) *
                                   time_scale_);
}

Throttle::Admission Throttle::admit(const std::string& realm_id, bool batch) {
  std::lock_guard lock(mutex_);
  if (!limits_.enabled) {
    return {Verdict::admitted, nullptr};
  }
  auto [it, inserted] = realms_.try_emplace(realm_id);
  RealmState& realm = it->second;
  if (inserted) {
    realm.in_flight = std::make_shared<std::atomic<std::size_t>>(0);
  }
  const std::int64_t now = scaled_now();
  forget_older_than(realm.requests, now - kWindow);
  forget_older_than(realm.batches, now - kWindow);
  if (realm.in_flight->load() >= limits_.concurrent_requests) {
    return {Verdict::concurrency_exceeded, nullptr};
  }
  if (realm.requests.size() >= limits_.requests_per_minute) {
    return {Verdict::rate_exceeded, nullptr};
  }
  if (batch && realm.batches.size() >= limits_.batch_requests_per_minute) {
    return {Verdict::batch_rate_exceeded, nullptr};
  }
  realm.requests.push_back(now);
  if (batch) {
    realm.batches.push_back(now);
  }
  realm.in_flight->fetch_add(1);
  return {Verdict::admitted, std::make_shared<SlotRelease>(realm.in_flight)};
}

ThrottleLimits Throttle::limits() const {
  std::lock_guard lock(mutex_);
  return limits_;
}

void Throttle::set_limits(ThrottleLimits limits) {
  std::lock_guard lock(mutex_);
  limits_ = limits;
}

double Throttle::time_scale() const {
  std::lock_guard lock(mutex_);
  return time_scale_;
}

void Throttle::set_time_scale(double time_scale) {
  if (!(time_scale > 0)) {
    throw std::invalid_argument("time_scale must be positive");
  }
  std::lock_guard lock(mutex_);
  base_scaled_ = scaled_now();
  base_real_ = std::chrono::steady_clock::now();
  time_scale_ = time_scale;
}

void Throttle::advance(std::chrono::seconds by) {
  std::lock_guard lock(mutex_);
  base_scaled_ += std::chrono::nanoseconds(by).count();
}

void Throttle::reset() {
  std::lock_guard lock(mutex_);
  for (auto& [realm_id, realm] : realms_) {
    realm.requests.clear();
    realm.batches.clear();
  }
}

std::size_t Throttle::in_flight(std::string_view realm_id) const {
  std::lock_guard lock(mutex_);
  auto found = realms_.find(realm_id);
  return found == realms_.end() ? 0 : found->second.in_flight->load();
}

}  // namespace qbo_sandbox
