#include "store/marks_and_leases.h"

namespace qbo_sync::store {

bool MarksAndLeases::mark_once(const std::string& account_id, const std::string& kind,
                               const std::string& key, const std::string& detail) {
  auto db = access_.write();
  db->prepare(db->upsert_sql({.table = "once_markers",
                              .key = {"account_id", "kind", "key"},
                              .values = {"detail", "created_at"},
                              .update = false}))
      .bind_all(account_id, kind, key, detail, access_.now())
      .run();
  return db->changes() > 0;
}

bool MarksAndLeases::is_marked(const std::string& account_id, const std::string& kind,
                               const std::string& key) {
  auto db = access_.read();
  auto query = db->prepare("SELECT 1 FROM once_markers WHERE account_id=? AND kind=? AND key=?");
  return query.bind_all(account_id, kind, key).step();
}

bool MarksAndLeases::try_acquire_lease(const std::string& name, const std::string& owner,
                                       int64_t now_ms, int64_t expires_at_ms) {
  auto db = access_.write();
  db->prepare(db->upsert_sql({.table = "leases",
                              .key = {"name"},
                              .values = {"owner", "expires_at"},
                              .only_if = "leases.owner=excluded.owner OR leases.expires_at <= ?"}))
      .bind_all(name, owner, expires_at_ms, now_ms)
      .run();
  return db->changes() > 0;
}

void MarksAndLeases::release_lease(const std::string& name, const std::string& owner) {
  auto db = access_.write();
  db->prepare("DELETE FROM leases WHERE name=? AND owner=?").bind_all(name, owner).run();
}

}  // namespace qbo_sync::store
