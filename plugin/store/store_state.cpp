// The Store's per-account named state and once-markers.
#include "store/store.h"

namespace qbo_sync::store {

std::vector<ConnectionRow> Store::connected_accounts() {
  std::vector<std::string> accounts;
  {
    std::lock_guard lock(read_mutex_);
    auto query = reader_.prepare(
        "SELECT account_id FROM connections WHERE sealed_tokens IS NOT NULL AND "
        "length(sealed_tokens) > 0 ORDER BY account_id");
    while (query.step()) accounts.push_back(query.column_text(0));
  }
  std::vector<ConnectionRow> rows;
  for (const auto& account : accounts) {
    if (auto row = connection(account)) rows.push_back(std::move(*row));
  }
  return rows;
}

std::optional<std::string> Store::state(const std::string& account_id, const std::string& name) {
  std::lock_guard lock(read_mutex_);
  auto query = reader_.prepare("SELECT value FROM plugin_state WHERE account_id=? AND name=?");
  query.bind(1, account_id).bind(2, name);
  if (!query.step()) return std::nullopt;
  return query.column_text(0);
}

void Store::put_state(const std::string& account_id, const std::string& name,
                      const std::string& value) {
  std::lock_guard lock(write_mutex_);
  writer_
      .prepare(
          "INSERT INTO plugin_state (account_id, name, value, updated_at) VALUES (?, ?, ?, ?) "
          "ON CONFLICT (account_id, name) DO UPDATE SET value=excluded.value, "
          "updated_at=excluded.updated_at")
      .bind(1, account_id)
      .bind(2, name)
      .bind(3, value)
      .bind(4, now())
      .run();
}

bool Store::replace_state(const std::string& account_id, const std::string& name,
                          const std::optional<std::string>& expected, const std::string& value) {
  std::lock_guard lock(write_mutex_);
  if (!expected) {
    writer_
        .prepare(
            "INSERT INTO plugin_state (account_id, name, value, updated_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (account_id, name) DO NOTHING")
        .bind(1, account_id)
        .bind(2, name)
        .bind(3, value)
        .bind(4, now())
        .run();
  } else {
    writer_
        .prepare(
            "UPDATE plugin_state SET value=?, updated_at=? WHERE account_id=? AND name=? AND "
            "value=?")
        .bind(1, value)
        .bind(2, now())
        .bind(3, account_id)
        .bind(4, name)
        .bind(5, *expected)
        .run();
  }
  return writer_.changes() > 0;
}

bool Store::mark_once(const std::string& account_id, const std::string& kind,
                      const std::string& key, const std::string& detail) {
  std::lock_guard lock(write_mutex_);
  writer_
      .prepare(
          "INSERT INTO once_markers (account_id, kind, key, detail, created_at) "
          "VALUES (?, ?, ?, ?, ?) ON CONFLICT (account_id, kind, key) DO NOTHING")
      .bind(1, account_id)
      .bind(2, kind)
      .bind(3, key)
      .bind(4, detail)
      .bind(5, now())
      .run();
  return writer_.changes() > 0;
}

bool Store::is_marked(const std::string& account_id, const std::string& kind,
                      const std::string& key) {
  std::lock_guard lock(read_mutex_);
  auto query =
      reader_.prepare("SELECT 1 FROM once_markers WHERE account_id=? AND kind=? AND key=?");
  query.bind(1, account_id).bind(2, kind).bind(3, key);
  return query.step();
}

}  // namespace qbo_sync::store
