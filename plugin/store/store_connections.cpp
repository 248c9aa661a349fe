// The Store's connection, OAuth state and lease tables.
#include "store/store.h"

namespace qbo_sync::store {

std::optional<ConnectionRow> Store::connection(const std::string& account_id) {
  std::lock_guard lock(read_mutex_);
  auto query = reader_.prepare(
      "SELECT account_id, realm_id, company_name, country, company_json, "
      "COALESCE(sealed_tokens, ''), connected_at, last_refresh_at, reconnect_needed, "
      "reconnect_reason, disconnected_at FROM connections WHERE account_id=?");
  query.bind(1, account_id);
  if (!query.step()) return std::nullopt;
  ConnectionRow row;
  row.account_id = query.column_text(0);
  row.realm_id = query.column_text(1);
  row.company_name = query.column_text(2);
  row.country = query.column_text(3);
  row.company_json = query.column_text(4);
  row.sealed_tokens = query.column_blob(5);
  row.connected_at_ms = query.column_int(6);
  row.last_refresh_at_ms = query.column_int(7);
  row.reconnect_needed = query.column_int(8) != 0;
  row.reconnect_reason = query.column_text(9);
  row.disconnected_at_ms = query.column_int(10);
  return row;
}

void Store::put_connection(const ConnectionRow& row) {
  std::lock_guard lock(write_mutex_);
  writer_
      .prepare(
          "INSERT INTO connections (account_id, realm_id, company_name, country, company_json, "
          "sealed_tokens, connected_at, last_refresh_at, reconnect_needed, reconnect_reason, "
          "disconnected_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
          "ON CONFLICT (account_id) DO UPDATE SET realm_id=excluded.realm_id, "
          "company_name=excluded.company_name, country=excluded.country, "
          "company_json=excluded.company_json, sealed_tokens=excluded.sealed_tokens, "
          "connected_at=excluded.connected_at, last_refresh_at=excluded.last_refresh_at, "
          "reconnect_needed=excluded.reconnect_needed, "
          "reconnect_reason=excluded.reconnect_reason, disconnected_at=excluded.disconnected_at, "
          "updated_at=excluded.updated_at")
      .bind(1, row.account_id)
      .bind(2, row.realm_id)
      .bind(3, row.company_name)
      .bind(4, row.country)
      .bind(5, row.company_json)
      .bind_blob(6, row.sealed_tokens)
      .bind(7, row.connected_at_ms)
      .bind(8, row.last_refresh_at_ms)
      .bind(9, static_cast<int64_t>(row.reconnect_needed))
      .bind(10, row.reconnect_reason)
      .bind(11, row.disconnected_at_ms)
      .bind(12, now())
      .run();
}

void Store::save_sealed_tokens(const std::string& account_id, const std::string& sealed,
                               int64_t refreshed_at_ms) {
  std::lock_guard lock(write_mutex_);
  writer_
      .prepare(
          "UPDATE connections SET sealed_tokens=?, last_refresh_at=?, reconnect_needed=0, "
          "reconnect_reason='', disconnected_at=0, updated_at=? WHERE account_id=?")
      .bind_blob(1, sealed)
      .bind(2, refreshed_at_ms)
      .bind(3, now())
      .bind(4, account_id)
      .run();
  if (writer_.changes() == 0) {
    throw StoreError("no connection row for account " + account_id);
  }
}

bool Store::mark_reconnect_needed(const std::string& account_id, const std::string& reason) {
  std::lock_guard lock(write_mutex_);
  writer_
      .prepare(
          "UPDATE connections SET reconnect_needed=1, reconnect_reason=?, updated_at=? "
          "WHERE account_id=? AND reconnect_needed=0")
      .bind(1, reason)
      .bind(2, now())
      .bind(3, account_id)
      .run();
  return writer_.changes() > 0;
}

void Store::delete_connection(const std::string& account_id) {
  std::lock_guard lock(write_mutex_);
  writer_.prepare("DELETE FROM connections WHERE account_id=?").bind(1, account_id).run();
}

void Store::clear_tokens(const std::string& account_id) {
  std::lock_guard lock(write_mutex_);
  const int64_t at = now();
  writer_
      .prepare(
          "UPDATE connections SET sealed_tokens=NULL, reconnect_needed=0, reconnect_reason='', "
          "disconnected_at=?, updated_at=? WHERE account_id=?")
      .bind(1, at)
      .bind(2, at)
      .bind(3, account_id)
      .run();
}

void Store::put_oauth_state(const std::string& state, const std::string& account_id) {
  std::lock_guard lock(write_mutex_);
  writer_.prepare("INSERT INTO oauth_states (state, account_id, created_at) VALUES (?, ?, ?)")
      .bind(1, state)
      .bind(2, account_id)
      .bind(3, now())
      .run();
}

std::optional<std::string> Store::consume_oauth_state(const std::string& state,
                                                      int64_t max_age_ms) {
  std::lock_guard lock(write_mutex_);
  Transaction transaction(writer_);
  auto query = writer_.prepare("SELECT account_id, created_at FROM oauth_states WHERE state=?");
  query.bind(1, state);
  std::optional<std::string> account;
  if (query.step() && now() - query.column_int(1) <= max_age_ms) account = query.column_text(0);
  writer_.prepare("DELETE FROM oauth_states WHERE state=? OR created_at < ?")
      .bind(1, state)
      .bind(2, now() - max_age_ms)
      .run();
  transaction.commit();
  return account;
}

bool Store::try_acquire_lease(const std::string& name, const std::string& owner, int64_t now_ms,
                              int64_t expires_at_ms) {
  std::lock_guard lock(write_mutex_);
  writer_
      .prepare(
          "INSERT INTO leases (name, owner, expires_at) VALUES (?, ?, ?) "
          "ON CONFLICT (name) DO UPDATE SET owner=excluded.owner, expires_at=excluded.expires_at "
          "WHERE leases.owner=excluded.owner OR leases.expires_at <= ?")
      .bind(1, name)
      .bind(2, owner)
      .bind(3, expires_at_ms)
      .bind(4, now_ms)
      .run();
  return writer_.changes() > 0;
}

void Store::release_lease(const std::string& name, const std::string& owner) {
  std::lock_guard lock(write_mutex_);
  writer_.prepare("DELETE FROM leases WHERE name=? AND owner=?").bind(1, name).bind(2, owner).run();
}

}  // namespace qbo_sync::store
