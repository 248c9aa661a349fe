// The sync records as a work queue: what the admin lists and acts on (retry, skip), and what the
// engine leases, attempts and settles.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/database_access.h"
#include "store/sync_record.h"

namespace qbo_sync::store {

// How one sync attempt ended, as the engine records it.
struct AttemptOutcome {
  RecordStatus status = RecordStatus::todo;  // todo = try again at next_attempt_at_ms
  std::string reason;                        // e.g. not_connected, total_mismatch, test_order
  std::string error_json;                    // the last error, empty on success
  std::string qbo_id;                        // the QBO object produced, on success
  int64_t next_attempt_at_ms = 0;
  std::string audit_detail;  // JSON for the audit row
};

struct RecordFilter {
  std::string account_id;
  std::optional<RecordStatus> status;
  std::optional<std::string> object_type;
  int64_t after_id = 0;  // paging cursor: records with a larger id
  int limit = 50;
  std::optional<std::string> reason;  // exactly this reason ("" for none)
};

// How many of an account's records have one status and one reason.
struct ReasonCount {
  RecordStatus status;
  std::string reason;
  int64_t count = 0;
};

class RecordQueue {
 public:
  explicit RecordQueue(DatabaseAccess& access) : access_(access) {}

  std::vector<SyncRecord> list(const RecordFilter& filter);
  std::optional<SyncRecord> get(int64_t record_id);
  std::vector<AuditEntry> audit_trail(int64_t record_id);
  int64_t count(const std::string& account_id, std::optional<RecordStatus> status);
  // The account's records counted by status and reason, every pair that has any, in status then
  // reason order; counted by the database, so exact however many there are.
  std::vector<ReasonCount> count_by_reason(const std::string& account_id);

  // Leases up to `limit` due todo records (next_attempt_at <= now, no live lease) for `owner`
  // until `lease_until_ms`; a lease held by a process that died expires and the record is taken
  // up again.
  std::vector<SyncRecord> lease_due(const std::string& owner, int64_t now_ms,
                                    int64_t lease_until_ms, int limit);
  // The payload of the event that carries the record's current revision.
  std::optional<std::string> payload(int64_t record_id);
  // Records an attempt of `revision`. If a newer revision arrived meanwhile, the record stays todo
  // for it (the outcome is kept in the audit only). Counts the attempt and releases the lease.
  void finish_attempt(int64_t record_id, int64_t revision, const std::string& owner,
                      const AttemptOutcome& outcome);

  // Admin retry (errored or skipped → todo, due now) and skip (→ skipped with the reason). Returns
  // how many records changed; records of other accounts are left alone.
  int retry(const std::string& account_id, const std::vector<int64_t>& record_ids);
  int skip(const std::string& account_id, const std::vector<int64_t>& record_ids,
           const std::string& reason);
  // Makes the account's todo records that wait for `reason` (not_connected, reconnect_needed,
  // waiting_for_invoice, ...) due now. Returns how many.
  int wake_waiting(const std::string& account_id, const std::string& reason);

 private:
  using BindUpdate = std::function<void(Statement& update, int64_t record_id, int64_t at)>;
  // Runs `update_sql`, bound by `bind`, for each record in one transaction, with an audit row
  // `action` for each it changed. Returns how many changed.
  int update_each(const std::vector<int64_t>& record_ids, std::string_view update_sql,
                  const BindUpdate& bind, std::string_view action);

  DatabaseAccess& access_;
};

}  // namespace qbo_sync::store
