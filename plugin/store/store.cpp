#include "store/store.h"

#include "store/record_rows.h"

#include <chrono>

#include "store/migrations.h"
#include "store/private_files.h"

namespace qbo_sync::store {
namespace {

constexpr const char* kDatabaseFileName = "qbo_sync.db";

std::filesystem::path database_path(const std::filesystem::path& data_dir) {
  prepare_private_directory(data_dir);
  const auto database = data_dir / kDatabaseFileName;
  prepare_private_file(database);
  // Journals an earlier version left with a wider mode are narrowed too.
  for (const char* suffix : {"-wal", "-shm"}) {
    std::error_code error;
    auto journal = database;
    journal += suffix;
    if (std::filesystem::exists(journal, error)) {
      std::filesystem::permissions(
          journal, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
          std::filesystem::perm_options::replace, error);
    }
  }
  return database;
}

}  // namespace

Store::Store(const std::filesystem::path& data_dir, Clock clock, Durability durability)
    : file_(database_path(data_dir)),
      clock_(std::move(clock)),
      writer_(file_, durability == Durability::power_loss),
      reader_(file_) {
  migrate(writer_);
  checkpointer_ = std::make_unique<WalCheckpointer>(file_, writer_);
}

Store::~Store() = default;

int64_t Store::now() const {
  if (clock_) return clock_();
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::vector<IntakeOutcome> Store::commit_events(const std::vector<IncomingEvent>& events) {
  std::vector<IntakeOutcome> outcomes;
  outcomes.reserve(events.size());
  std::lock_guard lock(write_mutex_);
  const int64_t at = now();
  Transaction transaction(writer_);
  for (const auto& event : events) outcomes.push_back(commit_one(event, at));
  transaction.commit();
  return outcomes;
}

IntakeOutcome Store::commit_one(const IncomingEvent& event, int64_t at) {
  IntakeOutcome outcome;
  {
    auto known = writer_.prepare(
        "SELECT COALESCE(record_id, 0) FROM events WHERE account_id=? AND event_id=?");
    known.bind(1, event.account_id).bind(2, event.event_id);
    if (known.step()) {
      outcome.result = IntakeResult::duplicate;
      outcome.record_id = known.column_int(0);
      return outcome;
    }
  }
  writer_
      .prepare(
          "INSERT INTO events (account_id, event_id, kind, object_type, object_id, revision, "
          "occurred_at, received_at, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind(1, event.account_id)
      .bind(2, event.event_id)
      .bind(3, event.kind)
      .bind(4, event.object_type)
      .bind(5, event.object_id)
      .bind(6, event.revision)
      .bind(7, event.occurred_at)
      .bind(8, at)
      .bind(9, event.payload_json)
      .run();
  const int64_t event_seq = writer_.last_insert_id();

  if (event.object_type == "settings") {
    writer_
        .prepare(
            "INSERT INTO account_settings (account_id, revision, settings, updated_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (account_id) DO UPDATE SET "
            "revision=excluded.revision, "
            "settings=excluded.settings, updated_at=excluded.updated_at "
            "WHERE excluded.revision > account_settings.revision")
        .bind(1, event.account_id)
        .bind(2, event.revision)
        .bind(3, event.payload_json)
        .bind(4, at)
        .run();
    outcome.superseded = writer_.changes() == 0;
    return outcome;
  }

  auto existing = writer_.prepare(
      "SELECT id, revision FROM sync_records WHERE account_id=? AND object_type=? AND "
      "object_id=?");
  existing.bind(1, event.account_id).bind(2, event.object_type).bind(3, event.object_id);
  const std::string audit_detail = "{\"event_id\":\"" + event.event_id +
                                   "\",\"revision\":" + std::to_string(event.revision) + "}";
  if (!existing.step()) {
    writer_
        .prepare(
            "INSERT INTO sync_records (account_id, object_type, object_id, revision, event_seq, "
            "status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'todo', ?, ?)")
        .bind(1, event.account_id)
        .bind(2, event.object_type)
        .bind(3, event.object_id)
        .bind(4, event.revision)
        .bind(5, event_seq)
        .bind(6, at)
        .bind(7, at)
        .run();
    outcome.record_id = writer_.last_insert_id();
    add_audit(writer_, outcome.record_id, at, "accepted", audit_detail);
  } else {
    outcome.record_id = existing.column_int(0);
    const int64_t known_revision = existing.column_int(1);
    if (event.revision > known_revision) {
      // A newer state of the CRM object: it needs syncing again, whatever happened before.
      writer_
          .prepare(
              "UPDATE sync_records SET revision=?, event_seq=?, status='todo', reason='', "
              "next_attempt_at=0, revision_attempts=0, updated_at=? WHERE id=?")
          .bind(1, event.revision)
          .bind(2, event_seq)
          .bind(3, at)
          .bind(4, outcome.record_id)
          .run();
      add_audit(writer_, outcome.record_id, at, "revision", audit_detail);
    } else {
      outcome.superseded = true;
      add_audit(writer_, outcome.record_id, at, "superseded", audit_detail);
    }
  }
  writer_.prepare("UPDATE events SET record_id=? WHERE seq=?")
      .bind(1, outcome.record_id)
      .bind(2, event_seq)
      .run();
  return outcome;
}

std::vector<SyncRecord> Store::list_records(const RecordFilter& filter) {
  std::string sql = std::string("SELECT ") + kSyncRecordColumns +
                    " FROM sync_records WHERE account_id=? AND id>?";
  if (filter.status) sql += " AND status=?";
  if (filter.object_type) sql += " AND object_type=?";
  sql += " ORDER BY id LIMIT ?";
  std::lock_guard lock(read_mutex_);
  auto query = reader_.prepare(sql);
  query.bind(1, filter.account_id);
  query.bind(2, filter.after_id);
  int index = 3;
  if (filter.status) query.bind(index++, to_string(*filter.status));
  if (filter.object_type) query.bind(index++, *filter.object_type);
  query.bind(index, static_cast<int64_t>(filter.limit));
  std::vector<SyncRecord> records;
  while (query.step()) records.push_back(read_sync_record(query));
  return records;
}

std::optional<SyncRecord> Store::get_record(int64_t record_id) {
  std::lock_guard lock(read_mutex_);
  auto query = reader_.prepare(std::string("SELECT ") + kSyncRecordColumns +
                               " FROM sync_records WHERE id=?");
  query.bind(1, record_id);
  if (!query.step()) return std::nullopt;
  return read_sync_record(query);
}

std::vector<AuditEntry> Store::audit_trail(int64_t record_id) {
  std::lock_guard lock(read_mutex_);
  auto query = reader_.prepare(
      "SELECT id, record_id, at, action, detail FROM audit WHERE record_id=? ORDER BY id");
  query.bind(1, record_id);
  std::vector<AuditEntry> entries;
  while (query.step()) {
    entries.push_back({query.column_int(0), query.column_int(1), query.column_int(2),
                       query.column_text(3), query.column_text(4)});
  }
  return entries;
}

int64_t Store::count_records(const std::string& account_id, std::optional<RecordStatus> status) {
  std::lock_guard lock(read_mutex_);
  auto query =
      reader_.prepare(status ? "SELECT COUNT(*) FROM sync_records WHERE account_id=? AND status=?"
                             : "SELECT COUNT(*) FROM sync_records WHERE account_id=?");
  query.bind(1, account_id);
  if (status) query.bind(2, to_string(*status));
  query.step();
  return query.column_int(0);
}

std::optional<std::string> Store::account_settings(const std::string& account_id) {
  std::lock_guard lock(read_mutex_);
  auto query = reader_.prepare("SELECT settings FROM account_settings WHERE account_id=?");
  query.bind(1, account_id);
  if (!query.step()) return std::nullopt;
  return query.column_text(0);
}

int Store::schema_version() {
  std::lock_guard lock(read_mutex_);
  auto query = reader_.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  query.step();
  return static_cast<int>(query.column_int(0));
}

}  // namespace qbo_sync::store
