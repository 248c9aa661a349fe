#include "store/account_state.h"

namespace qbo_sync::store {
namespace {

std::optional<std::string> first_text(Statement& query) {
  if (!query.step()) return std::nullopt;
  return query.column_text(0);
}

}  // namespace

std::optional<std::string> AccountState::settings(const std::string& account_id) {
  auto db = access_.read();
  auto query = db->prepare("SELECT settings FROM account_settings WHERE account_id=?");
  return first_text(query.bind(1, account_id));
}

std::optional<std::string> AccountState::get(const std::string& account_id,
                                             const std::string& name) {
  auto db = access_.read();
  auto query = db->prepare("SELECT value FROM plugin_state WHERE account_id=? AND name=?");
  return first_text(query.bind_all(account_id, name));
}

void AccountState::put(const std::string& account_id, const std::string& name,
                       const std::string& value) {
  auto db = access_.write();
  db->prepare(
        "INSERT INTO plugin_state (account_id, name, value, updated_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (account_id, name) DO UPDATE SET value=excluded.value, "
        "updated_at=excluded.updated_at")
      .bind_all(account_id, name, value, access_.now())
      .run();
}

bool AccountState::replace(const std::string& account_id, const std::string& name,
                           const std::optional<std::string>& expected, const std::string& value) {
  auto db = access_.write();
  if (!expected) {
    db->prepare(
          "INSERT INTO plugin_state (account_id, name, value, updated_at) VALUES (?, ?, ?, ?) "
          "ON CONFLICT (account_id, name) DO NOTHING")
        .bind_all(account_id, name, value, access_.now())
        .run();
  } else {
    db->prepare(
          "UPDATE plugin_state SET value=?, updated_at=? WHERE account_id=? AND name=? AND "
          "value=?")
        .bind_all(value, access_.now(), account_id, name, *expected)
        .run();
  }
  return db->changes() > 0;
}

}  // namespace qbo_sync::store
