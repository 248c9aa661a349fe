// The failures waiting for the next alert digest of one account, as kept in the store
// (Store::put_state) so that a restart loses none: counts by cause for every failure and the
// details of the first few records.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

namespace qbo_sync::alerts {

// One errored record, as the admin reads it.
struct FailedRecord {
  int64_t record_id = 0;
  int64_t revision = 0;
  std::string object_type;  // payment | invoice | ...
  std::string object_id;    // the CRM's id
  std::string reason;       // the record's reason, e.g. validation, total_mismatch
  std::string error_class;  // the last error's class
  std::string code;         // QBO's error code, or the plugin's own
  std::string message;      // plain language, with what to do
  std::string intuit_tid;   // QBO's transaction id for Intuit support
};

// Failures sharing a reason and code: one line of the digest.
struct Cause {
  std::string reason;
  std::string code;
  std::string message;  // the first failure's message: the advice for the whole group
  int64_t count = 0;
};

struct AlertBatch {
  int64_t first_at_ms = 0;  // when the first failure of the batch was queued
  int64_t last_at_ms = 0;   // when the latest was
  int64_t total = 0;
  std::vector<Cause> causes;          // in order of first appearance
  std::vector<FailedRecord> records;  // the first `listed` failures

  // Counts the failure and keeps its details while fewer than `listed` records are kept.
  void add(const FailedRecord& failure, int64_t now_ms, std::size_t listed);
};

// What the store holds for an account: failures waiting, a digest being sent (taken out of
// `pending` before it is handed to the host, so that failures arriving meanwhile wait for the
// next one), and when the last digest went out.
struct AlertState {
  std::optional<AlertBatch> pending;
  std::optional<AlertBatch> sending;
  int64_t last_sent_at_ms = 0;
  int64_t retry_send_at_ms = 0;  // after the host failed to take `sending`

  boost::json::value to_json() const;
  // Unreadable or missing text gives an empty state.
  static AlertState parse(const std::optional<std::string>& text);
};

// The failure a recorded attempt's last-error JSON describes ({class, code, message, intuit_tid}).
FailedRecord failed_record(int64_t record_id, int64_t revision, const std::string& object_type,
                           const std::string& object_id, const std::string& reason,
                           const std::string& error_json);

}  // namespace qbo_sync::alerts
