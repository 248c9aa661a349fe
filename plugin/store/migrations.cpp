#include "store/migrations.h"

#include <array>
#include <string>

namespace qbo_sync::store {
namespace {

struct Migration {
  int version;
  const char* sql;
};

// Append only: a released migration is never edited. Written in the schema language of
// Database::schema_sql; keep to what every engine has (no engine-specific functions or defaults).
constexpr std::array<Migration, 6> kMigrations = {{
    {1, R"sql(
CREATE TABLE events (
  seq          INTEGER PRIMARY KEY,
  account_id   TEXT    NOT NULL,
  event_id     TEXT    NOT NULL,
  kind         TEXT    NOT NULL,
  object_type  TEXT    NOT NULL,
  object_id    TEXT    NOT NULL,
  revision     INTEGER NOT NULL,
  occurred_at  TEXT    NOT NULL,
  received_at  INTEGER NOT NULL,
  record_id    INTEGER,
  payload      TEXT    NOT NULL,
  UNIQUE (account_id, event_id)
);
CREATE TABLE sync_records (
  id               INTEGER PRIMARY KEY,
  account_id       TEXT    NOT NULL,
  object_type      TEXT    NOT NULL,
  object_id        TEXT    NOT NULL,
  revision         INTEGER NOT NULL,
  event_seq        INTEGER NOT NULL REFERENCES events(seq),
  status           TEXT    NOT NULL CHECK (status IN ('todo','completed','errored','skipped')),
  reason           TEXT    NOT NULL DEFAULT '',
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  INTEGER NOT NULL DEFAULT 0,
  lease_owner      TEXT,
  lease_expires_at INTEGER NOT NULL DEFAULT 0,
  last_error       TEXT    NOT NULL DEFAULT '',
  qbo_id           TEXT    NOT NULL DEFAULT '',
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  UNIQUE (account_id, object_type, object_id)
);
CREATE INDEX sync_records_by_account_status ON sync_records (account_id, status, id);
CREATE INDEX sync_records_due ON sync_records (status, next_attempt_at) WHERE status = 'todo';
CREATE TABLE audit (
  id         INTEGER PRIMARY KEY,
  record_id  INTEGER NOT NULL REFERENCES sync_records(id),
  at         INTEGER NOT NULL,
  action     TEXT    NOT NULL,
  detail     TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX audit_by_record ON audit (record_id, id);
CREATE TABLE account_settings (
  account_id  TEXT PRIMARY KEY,
  revision    INTEGER NOT NULL,
  settings    TEXT    NOT NULL,
  updated_at  INTEGER NOT NULL
);
)sql"},
    {2, R"sql(
CREATE TABLE connections (
  account_id        TEXT PRIMARY KEY,
  realm_id          TEXT    NOT NULL,
  company_name      TEXT    NOT NULL DEFAULT '',
  country           TEXT    NOT NULL DEFAULT '',
  company_json      TEXT    NOT NULL DEFAULT '',
  sealed_tokens     BLOB,
  connected_at      INTEGER NOT NULL,
  last_refresh_at   INTEGER NOT NULL DEFAULT 0,
  reconnect_needed  INTEGER NOT NULL DEFAULT 0,
  reconnect_reason  TEXT    NOT NULL DEFAULT '',
  disconnected_at   INTEGER NOT NULL DEFAULT 0,
  updated_at        INTEGER NOT NULL
);
CREATE TABLE oauth_states (
  state       TEXT PRIMARY KEY,
  account_id  TEXT    NOT NULL,
  created_at  INTEGER NOT NULL
);
CREATE TABLE leases (
  name        TEXT PRIMARY KEY,
  owner       TEXT    NOT NULL,
  expires_at  INTEGER NOT NULL
);
)sql"},
    {3, R"sql(
CREATE TABLE links (
  account_id     TEXT NOT NULL,
  crm_type       TEXT NOT NULL,
  crm_id         TEXT NOT NULL,
  qbo_type       TEXT NOT NULL,
  qbo_id         TEXT NOT NULL,
  sync_token     TEXT NOT NULL DEFAULT '',
  origin         TEXT NOT NULL DEFAULT 'crm' CHECK (origin IN ('crm','quickbooks')),
  updated_at     INTEGER NOT NULL,
  PRIMARY KEY (account_id, crm_type, crm_id)
);
CREATE UNIQUE INDEX links_by_qbo ON links (account_id, qbo_type, qbo_id, crm_type);
)sql"},
    {4, R"sql(
CREATE TABLE plugin_state (
  account_id  TEXT    NOT NULL,
  name        TEXT    NOT NULL,
  value       TEXT    NOT NULL,
  updated_at  INTEGER NOT NULL,
  PRIMARY KEY (account_id, name)
);
CREATE TABLE once_markers (
  account_id  TEXT    NOT NULL,
  kind        TEXT    NOT NULL,
  key         TEXT    NOT NULL,
  detail      TEXT    NOT NULL DEFAULT '',
  created_at  INTEGER NOT NULL,
  PRIMARY KEY (account_id, kind, key)
);
)sql"},
    {5, R"sql(
ALTER TABLE sync_records ADD COLUMN revision_attempts INTEGER NOT NULL DEFAULT 0;
)sql"},
    {6, R"sql(
ALTER TABLE sync_records ADD COLUMN attempts_started INTEGER NOT NULL DEFAULT 0;
UPDATE sync_records SET attempts_started = attempts;
)sql"},
}};

int current_version(Database& database) {
  auto statement = database.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  statement.step();
  return static_cast<int>(statement.column_int(0));
}

}  // namespace

int latest_schema_version() {
  return kMigrations.back().version;
}

int migrate(Database& database) {
  database.execute(database.migrations_table_sql());
  const int found = current_version(database);
  if (found > latest_schema_version()) {
    throw StoreError("the store has schema version " + std::to_string(found) +
                     ", newer than this plugin understands (" +
                     std::to_string(latest_schema_version()) + "); upgrade the plugin");
  }
  for (const auto& migration : kMigrations) {
    if (migration.version <= found) continue;
    Transaction transaction(database);
    // Another process may have applied it while this one waited for the write lock.
    if (current_version(database) >= migration.version) continue;
    database.execute(database.schema_sql(migration.sql));
    database.prepare("INSERT INTO schema_migrations (version) VALUES (?)")
        .bind(1, static_cast<int64_t>(migration.version))
        .run();
    transaction.commit();
  }
  return found;
}

}  // namespace qbo_sync::store
