// The plugin's durable state: accepted events, sync records and their audit trail, account
// settings. SQLite in WAL mode in the host-given data directory; several processes may open the
// same store.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "store/sqlite_connection.h"
#include "store/sync_record.h"
#include "store/wal_checkpointer.h"

namespace qbo_sync::store {

// An event that passed validation, ready to be committed.
struct IncomingEvent {
  std::string account_id;
  std::string event_id;
  std::string kind;         // payment.completed, invoice.sent, invoice.updated, settings.changed
  std::string object_type;  // payment | invoice | settings
  std::string object_id;
  int64_t revision = 0;
  std::string occurred_at;
  std::string payload_json;
};

enum class IntakeResult { accepted, duplicate };

struct IntakeOutcome {
  IntakeResult result = IntakeResult::accepted;
  int64_t record_id = 0;    // the sync record (0 for settings, which have none)
  bool superseded = false;  // accepted, but an equal or newer revision was already known
};

// A CRM account's QuickBooks connection. `sealed_tokens` is ciphertext (see SecretBox).
struct ConnectionRow {
  std::string account_id;
  std::string realm_id;
  std::string company_name;
  std::string country;
  std::string company_json;   // what discovery learned: CompanyInfo, tax codes, accounts, items
  std::string sealed_tokens;  // empty when disconnected
  int64_t connected_at_ms = 0;
  int64_t last_refresh_at_ms = 0;
  bool reconnect_needed = false;
  std::string reconnect_reason;
  int64_t disconnected_at_ms = 0;  // 0 while connected
};

// A CRM object and the QBO object that mirrors it.
struct Link {
  std::string account_id;
  std::string crm_type;  // contact | payment | invoice | product
  std::string crm_id;
  std::string qbo_type;  // Customer | SalesReceipt | Invoice | Item | Payment
  std::string qbo_id;
  std::string sync_token;
  std::string origin = "crm";  // crm | quickbooks (imported: never pushed back)
};

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
};

class Store {
 public:
  using Clock = std::function<int64_t()>;  // milliseconds since the Unix epoch

  enum class Durability {
    process_crash,  // an accepted event survives any crash of the process (no disk sync)
    power_loss,     // it also survives a machine crash (one disk sync per commit)
  };

  // Opens or creates <data_dir>/qbo_sync.db and migrates it. Throws StoreError.
  explicit Store(const std::filesystem::path& data_dir, Clock clock = {},
                 Durability durability = Durability::process_crash);
  ~Store();

  // Commits every event in one transaction (group commit) and returns their outcomes in order: a
  // known (account_id, event_id) is a duplicate and changes nothing; the first event of a CRM
  // object creates its sync record with status todo; a newer revision moves the record back to
  // todo. Throws StoreError with nothing committed.
  std::vector<IntakeOutcome> commit_events(const std::vector<IncomingEvent>& events);

  std::vector<SyncRecord> list_records(const RecordFilter& filter);
  std::optional<SyncRecord> get_record(int64_t record_id);
  std::vector<AuditEntry> audit_trail(int64_t record_id);
  int64_t count_records(const std::string& account_id, std::optional<RecordStatus> status);

  // The account's newest settings JSON, if any were received.
  std::optional<std::string> account_settings(const std::string& account_id);

  // The sync engine's side. Leases up to `limit` due todo records (next_attempt_at <= now, no live
  // lease) for `owner` until `lease_until_ms`; a lease held by a process that died expires and the
  // record is taken up again.
  std::vector<SyncRecord> lease_due_records(const std::string& owner, int64_t now_ms,
                                            int64_t lease_until_ms, int limit);
  // The payload of the event that carries the record's current revision.
  std::optional<std::string> record_payload(int64_t record_id);
  // Records an attempt of `revision`. If a newer revision arrived meanwhile, the record stays todo
  // for it (the outcome is kept in the audit only). Counts the attempt and releases the lease.
  void finish_attempt(int64_t record_id, int64_t revision, const std::string& owner,
                      const AttemptOutcome& outcome);
  // Admin retry (errored or skipped → todo, due now) and skip (→ skipped with the reason). Returns
  // how many records changed; records of other accounts are left alone.
  int retry_records(const std::string& account_id, const std::vector<int64_t>& record_ids);
  int skip_records(const std::string& account_id, const std::vector<int64_t>& record_ids,
                   const std::string& reason);
  // Makes the account's todo records that wait for `reason` (not_connected, reconnect_needed,
  // waiting_for_invoice, ...) due now. Returns how many.
  int wake_waiting_records(const std::string& account_id, const std::string& reason);

  std::optional<Link> link(const std::string& account_id, const std::string& crm_type,
                           const std::string& crm_id);
  std::optional<Link> link_by_qbo(const std::string& account_id, const std::string& qbo_type,
                                  const std::string& qbo_id);
  void put_link(const Link& link);
  // Moves a link to another CRM key (the CRM object is now known by `to_crm_id`). False when
  // there was no link at `from_crm_id`; throws StoreError when `to_crm_id` is taken.
  bool rekey_link(const std::string& account_id, const std::string& crm_type,
                  const std::string& from_crm_id, const std::string& to_crm_id);
  // Drops every link of the account (it was connected to another QuickBooks company).
  void forget_links(const std::string& account_id);

  // Connections (one per CRM account).
  std::optional<ConnectionRow> connection(const std::string& account_id);
  // Creates or replaces the account's connection row (a connect or reconnect).
  void put_connection(const ConnectionRow& row);
  // Forgets the account's connection row entirely (a first connect that did not go through).
  void delete_connection(const std::string& account_id);
  void save_sealed_tokens(const std::string& account_id, const std::string& sealed,
                          int64_t refreshed_at_ms);
  // True when this call moved the account into reconnect-needed (false if it already was), so
  // that exactly one caller, across processes, alerts the admins.
  bool mark_reconnect_needed(const std::string& account_id, const std::string& reason);
  // Disconnect: forgets the tokens, keeps the row (realm, company) so a reconnect resumes.
  void clear_tokens(const std::string& account_id);

  // OAuth `state`: single-use, bound to the account, valid for `max_age_ms`.
  void put_oauth_state(const std::string& state, const std::string& account_id);
  // The account the state was issued for, if it exists and is fresh; it is consumed either way.
  std::optional<std::string> consume_oauth_state(const std::string& state, int64_t max_age_ms);

  // A named lease shared by every process over this store (e.g. one token refresh at a time).
  bool try_acquire_lease(const std::string& name, const std::string& owner, int64_t now_ms,
                         int64_t expires_at_ms);
  void release_lease(const std::string& name, const std::string& owner);

  // Every account that holds tokens (connected, possibly waiting for a reconnect).
  std::vector<ConnectionRow> connected_accounts();

  // Small named values a concern keeps per account across restarts: watermarks, progress,
  // cursors. `value` is the concern's own text (usually JSON).
  std::optional<std::string> state(const std::string& account_id, const std::string& name);
  void put_state(const std::string& account_id, const std::string& name, const std::string& value);
  // Writes `value` only if the current value is `expected` (nullopt: no value yet). True when it
  // was written: a compare-and-set that holds across processes.
  bool replace_state(const std::string& account_id, const std::string& name,
                     const std::optional<std::string>& expected, const std::string& value);

  // Something that must happen at most once, ever, per (account, kind, key): a review request
  // per contact, an alert per failure. True only for the one call, across processes and
  // restarts, that set the mark.
  bool mark_once(const std::string& account_id, const std::string& kind, const std::string& key,
                 const std::string& detail = {});
  bool is_marked(const std::string& account_id, const std::string& kind, const std::string& key);

  int schema_version();
  const std::filesystem::path& database_file() const { return file_; }

 private:
  IntakeOutcome commit_one(const IncomingEvent& event, int64_t now);
  int64_t now() const;

  std::filesystem::path file_;
  Clock clock_;
  std::mutex write_mutex_;
  Connection writer_;
  std::mutex read_mutex_;
  Connection reader_;
  // Last: it watches writer_'s commits and stops before the connections close.
  std::unique_ptr<WalCheckpointer> checkpointer_;
};

}  // namespace qbo_sync::store
