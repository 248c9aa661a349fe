#include "store/link_repository.h"

#include "store/row_reader.h"

namespace qbo_sync::store {

std::optional<Link> LinkRepository::find(std::string_view where, const std::string& account_id,
                                         const std::string& type, const std::string& id) {
  auto db = access_.read();
  auto query = db->prepare(
      "SELECT account_id, crm_type, crm_id, qbo_type, qbo_id, sync_token, origin FROM links "
      "WHERE " +
      std::string(where));
  query.bind_all(account_id, type, id);
  if (!query.step()) return std::nullopt;
  using L = Link;
  return read_row<Link>(query, &L::account_id, &L::crm_type, &L::crm_id, &L::qbo_type, &L::qbo_id,
                        &L::sync_token, &L::origin);
}

std::optional<Link> LinkRepository::by_crm(const std::string& account_id,
                                           const std::string& crm_type, const std::string& crm_id) {
  return find("account_id=? AND crm_type=? AND crm_id=?", account_id, crm_type, crm_id);
}

std::optional<Link> LinkRepository::by_qbo(const std::string& account_id,
                                           const std::string& qbo_type, const std::string& qbo_id) {
  return find("account_id=? AND qbo_type=? AND qbo_id=? LIMIT 1", account_id, qbo_type, qbo_id);
}

void LinkRepository::put(const Link& link) {
  auto db = access_.write();
  db->prepare(
        db->upsert_sql({.table = "links",
                        .key = {"account_id", "crm_type", "crm_id"},
                        .values = {"qbo_type", "qbo_id", "sync_token", "origin", "updated_at"}}))
      .bind_all(link.account_id, link.crm_type, link.crm_id, link.qbo_type, link.qbo_id,
                link.sync_token, link.origin, access_.now())
      .run();
}

bool LinkRepository::rekey(const std::string& account_id, const std::string& crm_type,
                           const std::string& from_crm_id, const std::string& to_crm_id) {
  auto db = access_.write();
  db->prepare(
        "UPDATE links SET crm_id=?, updated_at=? WHERE account_id=? AND crm_type=? AND crm_id=?")
      .bind_all(to_crm_id, access_.now(), account_id, crm_type, from_crm_id)
      .run();
  return db->changes() > 0;
}

void LinkRepository::forget_account(const std::string& account_id) {
  auto db = access_.write();
  db->prepare("DELETE FROM links WHERE account_id=?").bind(1, account_id).run();
}

}  // namespace qbo_sync::store
