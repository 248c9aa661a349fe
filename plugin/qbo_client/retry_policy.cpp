#include "qbo_client/retry_policy.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <mutex>
#include <random>

namespace qbo_sync::qbo {
namespace {

std::chrono::milliseconds scaled(std::chrono::milliseconds delay, double scale) {
  return std::chrono::milliseconds(
      static_cast<std::int64_t>(std::llround(static_cast<double>(delay.count()) * scale)));
}

std::function<double()> default_uniform() {
  auto engine = std::make_shared<std::mt19937_64>(std::random_device{}());
  auto lock = std::make_shared<std::mutex>();
  return [engine, lock] {
    std::lock_guard guard(*lock);
    return std::uniform_real_distribution<double>(0.0, 1.0)(*engine);
  };
}

}  // namespace

std::string_view to_string(RetryAction action) {
  switch (action) {
    case RetryAction::retry_after_delay:
      return "retry_after_delay";
    case RetryAction::refresh_then_retry:
      return "refresh_then_retry";
    case RetryAction::reread_then_retry:
      return "reread_then_retry";
    case RetryAction::settle_first:
      return "settle_first";
    case RetryAction::reconnect_needed:
      return "reconnect_needed";
    case RetryAction::permanent:
      return "permanent";
  }
  return "permanent";
}

RetryPolicy::RetryPolicy(RetryPolicyOptions options, std::function<double()> uniform)
    : options_(options), uniform_(uniform ? std::move(uniform) : default_uniform()) {}

std::chrono::milliseconds RetryPolicy::backoff(int attempt) const {
  const int exponent = std::clamp(attempt - 1, 0, 30);
  const double ceiling =
      std::min(static_cast<double>(options_.max_delay.count()),
               static_cast<double>(options_.base_delay.count()) * std::ldexp(1.0, exponent));
  const double fraction = std::clamp(uniform_(), 0.0, 1.0);
  return scaled(std::chrono::milliseconds(static_cast<std::int64_t>(ceiling * fraction)),
                options_.time_scale);
}

RetryDecision RetryPolicy::decide(const Fault& fault, const AttemptContext& context) const {
  // No answer came back, or QBO failed after receiving a write: it may have been applied.
  const bool outcome_unknown =
      context.is_write &&
      (fault.may_have_reached_server || (!fault.transport_error && fault.http_status >= 500));
  switch (fault.fault_class) {
    case FaultClass::throttled: {
      // A throttled request was not processed; wait the pause (or longer if QBO asks).
      const auto pause = std::max(options_.throttle_pause, context.retry_after);
      return {RetryAction::retry_after_delay, scaled(pause, options_.time_scale)};
    }
    case FaultClass::transient:
      return {outcome_unknown ? RetryAction::settle_first : RetryAction::retry_after_delay,
              backoff(context.attempt)};
    case FaultClass::unknown:
      if (outcome_unknown) {
        return {RetryAction::settle_first, backoff(context.attempt)};
      }
      // An unreadable answer to a read is worth another try; a write is left for a human.
      if (!context.is_write) {
        return {RetryAction::retry_after_delay, backoff(context.attempt)};
      }
      return {RetryAction::permanent, {}};
    case FaultClass::unauthorized:
      if (context.already_refreshed) {
        return {RetryAction::reconnect_needed, {}};
      }
      return {RetryAction::refresh_then_retry, {}};
    case FaultClass::reconnect_needed:
    case FaultClass::not_connected:
      return {RetryAction::reconnect_needed, {}};
    case FaultClass::stale_object:
      return {RetryAction::reread_then_retry, {}};
    case FaultClass::bad_client:
    case FaultClass::duplicate_name:
    case FaultClass::duplicate_document_number:
    case FaultClass::not_found:
    case FaultClass::validation:
    case FaultClass::permission:
    case FaultClass::closed_period:
    case FaultClass::business_rule:
      return {RetryAction::permanent, {}};
  }
  return {RetryAction::permanent, {}};
}

}  // namespace qbo_sync::qbo
