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

  // Opens or creates <data_dir>/qbo_sync.db and migrates it. Throws StoreError.
  explicit Store(const std::filesystem::path& data_dir, Clock clock = {});
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

  // Connections (one per CRM account).
  std::optional<ConnectionRow> connection(const std::string& account_id);
  // Creates or replaces the account's connection row (a connect or reconnect).
  void put_connection(const ConnectionRow& row);
  void save_sealed_tokens(const std::string& account_id, const std::string& sealed,
                          int64_t refreshed_at_ms);
  void mark_reconnect_needed(const std::string& account_id, const std::string& reason);
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
};

}  // namespace qbo_sync::store
