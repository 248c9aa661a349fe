// How an attempt at a sync record ends, shared by every record handler: the statuses and audit
// rows it leaves, the plugin's own refusals, the account's settings, and what follows a QBO
// fault (retry with backoff, a pause until the tenant reconnects, or errored with advice).
#pragma once

#include <cstdint>
#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

#include "events/typed_events.h"
#include "qbo_client/fault.h"
#include "qbo_client/retry_policy.h"
#include "store/store.h"

namespace qbo_sync::engine {

// The audit detail of an attempt: {"outcome": outcome, ...extra}.
std::string audit(std::string_view outcome, const boost::json::object& extra = {});

store::AttemptOutcome skipped(std::string reason);
store::AttemptOutcome errored(std::string reason, std::string error, std::string qbo_id = {});
store::AttemptOutcome completed(std::string qbo_id, std::string_view how);
// Todo again at `until_ms` for `reason`, audited as `how` (paused, waiting, deferred) with `extra`.
store::AttemptOutcome todo_until(std::string reason, int64_t until_ms, std::string_view how,
                                 const boost::json::object& extra = {});
// Todo again at `until_ms`, reason reconnect_needed: the tenant's tokens need a reconnect.
store::AttemptOutcome paused_for_reconnect(int64_t until_ms);
// Todo again at `until_ms`, reason not_connected: the account has no QuickBooks connection yet
// (or was disconnected); connecting makes it due at once.
store::AttemptOutcome waiting_for_connection(int64_t until_ms);

// A refusal of the plugin's own (no QBO fault): what went wrong and what to do.
std::string own_error(std::string_view code, std::string_view message,
                      const boost::json::object& details = {});

// The last-error JSON an errored or retried record shows: {class, code, http_status, message
// (what to do, in plain language), intuit_tid}.
std::string error_json(const qbo::Fault& fault);

// The account's newest settings; the defaults when it sent none (or they cannot be read).
events::Settings settings_of(store::Store& store, const std::string& account_id);

// The event carrying the record's current revision, typed by `parse` (events::parse_payment, ...),
// or the errored outcome (invalid_payload) when it is missing or cannot be read. `noun` names the
// object in the message ("payment").
template <class Parse>
auto stored_event(store::Store& store, const store::SyncRecord& record, std::string_view noun,
                  Parse parse)
    -> std::variant<decltype(parse(std::declval<const boost::json::value&>())),
                    store::AttemptOutcome> {
  const auto payload = store.record_payload(record.id);
  if (!payload) {
    return errored("invalid_payload",
                   own_error("invalid_payload",
                             "the " + std::string(noun) + "'s data is missing from the store"));
  }
  try {
    return parse(boost::json::parse(*payload));
  } catch (const std::exception& error) {
    return errored(
        "invalid_payload",
        own_error("invalid_payload",
                  "the " + std::string(noun) + "'s stored data cannot be read: " + error.what()));
  }
}

// What follows a QBO fault for a record that has made `attempts_so_far` attempts at its current
// revision. Thread-safe.
class FaultOutcomes {
 public:
  using Clock = std::function<int64_t()>;  // ms since the Unix epoch

  // `time_scale` multiplies every delay; `reconnect_pause_ms` is how long a record of a tenant that
  // must reconnect waits; a transient fault errors the record at its `max_attempts`th attempt.
  FaultOutcomes(Clock clock, double time_scale, int max_attempts, int64_t reconnect_pause_ms);

  store::AttemptOutcome after_fault(const qbo::Fault& fault, bool settle,
                                    int64_t attempts_so_far) const;
  // The end of a reconnect pause that starts now.
  int64_t reconnect_pause_end() const;
  // A record whose tenant has no usable connection (`row`: its connection row, if any): paused
  // while the admins are asked to reconnect, else waiting (todo, not_connected) for a connect.
  store::AttemptOutcome without_connection(const std::optional<store::ConnectionRow>& row) const;
  // Connected, but the company's settings and lists are not read yet: todo, discovering_company,
  // looked at again shortly (the reading is resumed when a record reports this).
  store::AttemptOutcome without_company_data() const;

 private:
  Clock clock_;
  double time_scale_;
  int max_attempts_;
  int64_t reconnect_pause_ms_;
  qbo::RetryPolicy retry_policy_;
};

}  // namespace qbo_sync::engine
