#include "store/connection_repository.h"

#include "store/row_reader.h"

namespace qbo_sync::store {

std::vector<ConnectionRow> ConnectionRepository::select(
    std::string_view where, const std::optional<std::string>& account_id) {
  auto db = access_.read();
  auto query = db->prepare(
      "SELECT account_id, realm_id, company_name, country, company_json, "
      "COALESCE(sealed_tokens, ''), connected_at, last_refresh_at, reconnect_needed, "
      "reconnect_reason, disconnected_at FROM connections WHERE " +
      std::string(where));
  if (account_id) query.bind(1, *account_id);
  std::vector<ConnectionRow> rows;
  using C = ConnectionRow;
  while (query.step()) {
    rows.push_back(read_row<C>(query, &C::account_id, &C::realm_id, &C::company_name, &C::country,
                               &C::company_json, as_blob(&C::sealed_tokens), &C::connected_at_ms,
                               &C::last_refresh_at_ms, &C::reconnect_needed, &C::reconnect_reason,
                               &C::disconnected_at_ms));
  }
  return rows;
}

std::optional<ConnectionRow> ConnectionRepository::get(const std::string& account_id) {
  auto rows = select("account_id=?", account_id);
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

std::vector<ConnectionRow> ConnectionRepository::connected_accounts() {
  return select("sealed_tokens IS NOT NULL AND length(sealed_tokens) > 0 ORDER BY account_id",
                std::nullopt);
}

void ConnectionRepository::put(const ConnectionRow& row) {
  auto db = access_.write();
  db->prepare(db->upsert_sql({.table = "connections",
                              .key = {"account_id"},
                              .values = {"realm_id", "company_name", "country", "company_json",
                                         "sealed_tokens", "connected_at", "last_refresh_at",
                                         "reconnect_needed", "reconnect_reason", "disconnected_at",
                                         "updated_at"}}))
      .bind_all(row.account_id, row.realm_id, row.company_name, row.country, row.company_json,
                Blob{row.sealed_tokens}, row.connected_at_ms, row.last_refresh_at_ms,
                int64_t{row.reconnect_needed}, row.reconnect_reason, row.disconnected_at_ms,
                access_.now())
      .run();
}

void ConnectionRepository::remove(const std::string& account_id) {
  auto db = access_.write();
  db->prepare("DELETE FROM connections WHERE account_id=?").bind(1, account_id).run();
}

void ConnectionRepository::save_sealed_tokens(const std::string& account_id,
                                              const std::string& sealed, int64_t refreshed_at_ms) {
  auto db = access_.write();
  db->prepare(
        "UPDATE connections SET sealed_tokens=?, last_refresh_at=?, reconnect_needed=0, "
        "reconnect_reason='', disconnected_at=0, updated_at=? WHERE account_id=?")
      .bind_all(Blob{sealed}, refreshed_at_ms, access_.now(), account_id)
      .run();
  if (db->changes() == 0) throw StoreError("no connection row for account " + account_id);
}

bool ConnectionRepository::mark_reconnect_needed(const std::string& account_id,
                                                 const std::string& reason) {
  auto db = access_.write();
  db->prepare(
        "UPDATE connections SET reconnect_needed=1, reconnect_reason=?, updated_at=? "
        "WHERE account_id=? AND reconnect_needed=0")
      .bind_all(reason, access_.now(), account_id)
      .run();
  return db->changes() > 0;
}

void ConnectionRepository::clear_tokens(const std::string& account_id) {
  auto db = access_.write();
  const int64_t at = access_.now();
  db->prepare(
        "UPDATE connections SET sealed_tokens=NULL, reconnect_needed=0, reconnect_reason='', "
        "disconnected_at=?, updated_at=? WHERE account_id=?")
      .bind_all(at, at, account_id)
      .run();
}

void ConnectionRepository::put_oauth_state(const std::string& state,
                                           const std::string& account_id) {
  auto db = access_.write();
  db->prepare("INSERT INTO oauth_states (state, account_id, created_at) VALUES (?, ?, ?)")
      .bind_all(state, account_id, access_.now())
      .run();
}

std::optional<std::string> ConnectionRepository::consume_oauth_state(const std::string& state,
                                                                     int64_t max_age_ms) {
  auto db = access_.write();
  const int64_t at = access_.now();
  Transaction transaction(*db);
  auto query = db->prepare("SELECT account_id, created_at FROM oauth_states WHERE state=?");
  query.bind(1, state);
  std::optional<std::string> account;
  if (query.step() && at - query.column_int(1) <= max_age_ms) account = query.column_text(0);
  // Expired states of connects never finished go too.
  db->prepare("DELETE FROM oauth_states WHERE state=? OR created_at < ?")
      .bind_all(state, at - max_age_ms)
      .run();
  transaction.commit();
  return account;
}

}  // namespace qbo_sync::store
