// The plugin's durable state: accepted events, sync records and their audit trail, links,
// connections, account state, marks and leases. Store opens the database (SQLite in WAL mode in
// the host-given data directory; several processes may open the same store), migrates it, and
// owns one unit per concern over the Database interface; reach them through records(), links(),
// ... The member functions below forward to those units.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "store/account_state.h"
#include "store/connection_repository.h"
#include "store/database_access.h"
#include "store/event_intake.h"
#include "store/link_repository.h"
#include "store/marks_and_leases.h"
#include "store/record_queue.h"
#include "store/sqlite_connection.h"
#include "store/sync_record.h"

namespace qbo_sync::store {

class WalCheckpointer;

class Store {
 public:
  using Clock = DatabaseAccess::Clock;  // milliseconds since the Unix epoch

  enum class Durability {
    process_crash,  // an accepted event survives any crash of the process (no disk sync)
    power_loss,     // it also survives a machine crash (one disk sync per commit)
  };

  // Opens or creates <data_dir>/qbo_sync.db and migrates it. Throws StoreError.
  explicit Store(const std::filesystem::path& data_dir, Clock clock = {},
                 Durability durability = Durability::process_crash);
  // Opens a store over a database server (e.g. PostgreSQL): `writer` and `reader` are two
  // connections to it; `location` says where it is without any secret. Migrates it; several
  // processes on several machines may open the same database. Throws StoreError.
  Store(std::unique_ptr<Database> writer, std::unique_ptr<Database> reader, std::string location,
        Clock clock = {});
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  EventIntake& intake() { return intake_; }
  RecordQueue& records() { return records_; }
  LinkRepository& links() { return links_; }
  ConnectionRepository& connections() { return connections_; }
  AccountState& account_state() { return account_state_; }
  MarksAndLeases& marks_and_leases() { return marks_and_leases_; }

  // Forwarders, kept while callers move over to the units above.
  std::vector<IntakeOutcome> commit_events(const std::vector<IncomingEvent>& events) {
    return intake_.commit_events(events);
  }

  std::vector<SyncRecord> list_records(const RecordFilter& filter) { return records_.list(filter); }
  std::optional<SyncRecord> get_record(int64_t record_id) { return records_.get(record_id); }
  std::vector<AuditEntry> audit_trail(int64_t record_id) { return records_.audit_trail(record_id); }
  int64_t count_records(const std::string& account_id, std::optional<RecordStatus> status) {
    return records_.count(account_id, status);
  }
  std::vector<SyncRecord> lease_due_records(const std::string& owner, int64_t now_ms,
                                            int64_t lease_until_ms, int limit) {
    return records_.lease_due(owner, now_ms, lease_until_ms, limit);
  }
  std::optional<std::string> record_payload(int64_t record_id) {
    return records_.payload(record_id);
  }
  void finish_attempt(int64_t record_id, int64_t revision, const std::string& owner,
                      const AttemptOutcome& outcome) {
    records_.finish_attempt(record_id, revision, owner, outcome);
  }
  int retry_records(const std::string& account_id, const std::vector<int64_t>& record_ids) {
    return records_.retry(account_id, record_ids);
  }
  int skip_records(const std::string& account_id, const std::vector<int64_t>& record_ids,
                   const std::string& reason) {
    return records_.skip(account_id, record_ids, reason);
  }
  int wake_waiting_records(const std::string& account_id, const std::string& reason) {
    return records_.wake_waiting(account_id, reason);
  }

  std::optional<Link> link(const std::string& account_id, const std::string& crm_type,
                           const std::string& crm_id) {
    return links_.by_crm(account_id, crm_type, crm_id);
  }
  std::optional<Link> link_by_qbo(const std::string& account_id, const std::string& qbo_type,
                                  const std::string& qbo_id) {
    return links_.by_qbo(account_id, qbo_type, qbo_id);
  }
  void put_link(const Link& link) { links_.put(link); }
  bool rekey_link(const std::string& account_id, const std::string& crm_type,
                  const std::string& from_crm_id, const std::string& to_crm_id) {
    return links_.rekey(account_id, crm_type, from_crm_id, to_crm_id);
  }
  void forget_links(const std::string& account_id) { links_.forget_account(account_id); }

  std::optional<ConnectionRow> connection(const std::string& account_id) {
    return connections_.get(account_id);
  }
  std::vector<ConnectionRow> connected_accounts() { return connections_.connected_accounts(); }
  void put_connection(const ConnectionRow& row) { connections_.put(row); }
  void delete_connection(const std::string& account_id) { connections_.remove(account_id); }
  void save_sealed_tokens(const std::string& account_id, const std::string& sealed,
                          int64_t refreshed_at_ms) {
    connections_.save_sealed_tokens(account_id, sealed, refreshed_at_ms);
  }
  bool mark_reconnect_needed(const std::string& account_id, const std::string& reason) {
    return connections_.mark_reconnect_needed(account_id, reason);
  }
  void clear_tokens(const std::string& account_id) { connections_.clear_tokens(account_id); }
  void put_oauth_state(const std::string& state, const std::string& account_id) {
    connections_.put_oauth_state(state, account_id);
  }
  std::optional<std::string> consume_oauth_state(const std::string& state, int64_t max_age_ms) {
    return connections_.consume_oauth_state(state, max_age_ms);
  }

  std::optional<std::string> account_settings(const std::string& account_id) {
    return account_state_.settings(account_id);
  }
  std::optional<std::string> state(const std::string& account_id, const std::string& name) {
    return account_state_.get(account_id, name);
  }
  void put_state(const std::string& account_id, const std::string& name, const std::string& value) {
    account_state_.put(account_id, name, value);
  }
  bool replace_state(const std::string& account_id, const std::string& name,
                     const std::optional<std::string>& expected, const std::string& value) {
    return account_state_.replace(account_id, name, expected, value);
  }

  bool mark_once(const std::string& account_id, const std::string& kind, const std::string& key,
                 const std::string& detail = {}) {
    return marks_and_leases_.mark_once(account_id, kind, key, detail);
  }
  bool is_marked(const std::string& account_id, const std::string& kind, const std::string& key) {
    return marks_and_leases_.is_marked(account_id, kind, key);
  }
  bool try_acquire_lease(const std::string& name, const std::string& owner, int64_t now_ms,
                         int64_t expires_at_ms) {
    return marks_and_leases_.try_acquire_lease(name, owner, now_ms, expires_at_ms);
  }
  void release_lease(const std::string& name, const std::string& owner) {
    marks_and_leases_.release_lease(name, owner);
  }

  int schema_version();
  // The store's clock (the one that stamps rows): milliseconds since the Unix epoch.
  int64_t now_ms() const { return access_.now(); }
  // The SQLite file; empty for a database server.
  const std::filesystem::path& database_file() const { return file_; }
  // Where the store is, for logs: the file, or the server's URL with its password masked.
  const std::string& location() const { return location_; }

 private:
  Store(std::unique_ptr<SqliteConnection> writer, Clock clock);

  std::filesystem::path file_;
  std::string location_;
  SqliteConnection* sqlite_writer_ = nullptr;  // owned by access_; the checkpointer watches it
  DatabaseAccess access_;
  EventIntake intake_{access_};
  RecordQueue records_{access_};
  LinkRepository links_{access_};
  ConnectionRepository connections_{access_};
  AccountState account_state_{access_};
  MarksAndLeases marks_and_leases_{access_};
  // SQLite only. Last: it watches the writer's commits and stops before the connections close.
  std::unique_ptr<WalCheckpointer> checkpointer_;
};

}  // namespace qbo_sync::store
