#include "engine/attempt_outcomes.h"

#include <algorithm>
#include <exception>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "qbo_client/fault_advice.h"

namespace qbo_sync::engine {
namespace json = boost::json;

using store::AttemptOutcome;
using store::RecordStatus;

std::string audit(std::string_view outcome, const json::object& extra) {
  json::object detail = extra;
  detail["outcome"] = outcome;
  return json::serialize(detail);
}

AttemptOutcome skipped(std::string reason) {
  AttemptOutcome outcome;
  outcome.status = RecordStatus::skipped;
  outcome.audit_detail = audit("skipped", {{"reason", reason}});
  outcome.reason = std::move(reason);
  return outcome;
}

AttemptOutcome errored(std::string reason, std::string error, std::string qbo_id) {
  AttemptOutcome outcome;
  outcome.status = RecordStatus::errored;
  outcome.audit_detail = audit("errored", {{"reason", reason}, {"error", json::parse(error)}});
  outcome.reason = std::move(reason);
  outcome.error_json = std::move(error);
  outcome.qbo_id = std::move(qbo_id);
  return outcome;
}

AttemptOutcome completed(std::string qbo_id, std::string_view how) {
  AttemptOutcome outcome;
  outcome.status = RecordStatus::completed;
  outcome.audit_detail = audit("completed", {{"qbo_id", qbo_id}, {"how", how}});
  outcome.qbo_id = std::move(qbo_id);
  return outcome;
}

AttemptOutcome todo_until(std::string reason, int64_t until_ms, std::string_view how,
                          const json::object& extra) {
  json::object detail{{"reason", reason}};
  for (const auto& [key, value] : extra) detail[key] = value;
  AttemptOutcome outcome;
  outcome.reason = std::move(reason);
  outcome.next_attempt_at_ms = until_ms;
  outcome.audit_detail = audit(how, detail);
  return outcome;
}

AttemptOutcome paused_for_reconnect(int64_t until_ms) {
  return todo_until("reconnect_needed", until_ms, "paused");
}

AttemptOutcome waiting_for_connection(int64_t until_ms) {
  return todo_until("not_connected", until_ms, "waiting");
}

std::string own_error(std::string_view code, std::string_view message,
                      const json::object& details) {
  json::object error{{"class", "mapping"}, {"code", code}, {"message", message}};
  if (!details.empty()) error["details"] = details;
  return json::serialize(error);
}

std::string error_json(const qbo::Fault& fault) {
  json::object error{{"class", qbo::to_string(fault.fault_class)},
                     {"code", fault.code},
                     {"http_status", fault.http_status},
                     {"message", qbo::admin_advice(fault)},
                     {"intuit_tid", fault.intuit_tid}};
  if (fault.transport_error) error["transport"] = qbo::to_string(*fault.transport_error);
  return json::serialize(error);
}

events::Settings settings_of(store::Store& store, const std::string& account_id) {
  return events::stored_settings(store.account_settings(account_id));
}

FaultOutcomes::FaultOutcomes(Clock clock, double time_scale, int max_attempts,
                             int64_t reconnect_pause_ms)
    : clock_(std::move(clock)),
      time_scale_(time_scale),
      max_attempts_(max_attempts),
      reconnect_pause_ms_(reconnect_pause_ms),
      retry_policy_([time_scale] {
        qbo::RetryPolicyOptions retry;
        retry.time_scale = time_scale;
        return retry;
      }()) {}

int64_t FaultOutcomes::reconnect_pause_end() const {
  return clock_() +
         std::max<int64_t>(
             1, static_cast<int64_t>(static_cast<double>(reconnect_pause_ms_) * time_scale_));
}

AttemptOutcome FaultOutcomes::without_connection(
    const std::optional<store::ConnectionRow>& row) const {
  if (row && row->reconnect_needed && !row->sealed_tokens.empty()) {
    return paused_for_reconnect(reconnect_pause_end());
  }
  return waiting_for_connection(reconnect_pause_end());
}

AttemptOutcome FaultOutcomes::without_company_data() const {
  constexpr int64_t kDiscoveryRetryMs = 30'000;
  return todo_until(
      "discovering_company",
      clock_() + std::max<int64_t>(
                     1, static_cast<int64_t>(static_cast<double>(kDiscoveryRetryMs) * time_scale_)),
      "waiting");
}

AttemptOutcome FaultOutcomes::after_fault(const qbo::Fault& fault, bool settle,
                                          int64_t attempts_so_far) const {
  const int attempt = static_cast<int>(attempts_so_far) + 1;
  const qbo::RetryDecision decision = retry_policy_.decide(fault, {attempt, true});
  const std::string error = error_json(fault);
  switch (decision.action) {
    case qbo::RetryAction::permanent:
      return errored(std::string(qbo::to_string(fault.fault_class)), error);
    case qbo::RetryAction::reconnect_needed: {
      AttemptOutcome paused = paused_for_reconnect(reconnect_pause_end());
      paused.error_json = error;
      return paused;
    }
    default:
      break;
  }
  if (attempt >= max_attempts_) return errored("retries_exhausted", error);
  AttemptOutcome outcome;
  outcome.error_json = error;
  outcome.next_attempt_at_ms = clock_() + decision.delay.count();
  outcome.audit_detail =
      audit("retry", {{"action", qbo::to_string(decision.action)},
                      {"settle", settle || decision.action == qbo::RetryAction::settle_first},
                      {"delay_ms", decision.delay.count()},
                      {"error", json::parse(error)}});
  return outcome;
}

}  // namespace qbo_sync::engine
