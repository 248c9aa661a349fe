#include "store/account_state.h"

namespace qbo_sync::store {
namespace {

std::optional<std::string> first_text(Statement& query) {
  if (!query.step()) return std::nullopt;
  return query.column_text(0);
}

// The named value's row; `replace` false leaves a value already there.
Upsert state_row(bool replace) {
  return {.table = "plugin_state",
          .key = {"account_id", "name"},
          .values = {"value", "updated_at"},
          .update = replace};
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
  db->prepare(db->upsert_sql(state_row(true)))
      .bind_all(account_id, name, value, access_.now())
      .run();
}

bool AccountState::replace(const std::string& account_id, const std::string& name,
                           const std::optional<std::string>& expected, const std::string& value) {
  auto db = access_.write();
  if (!expected) {
    db->prepare(db->upsert_sql(state_row(false)))
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
