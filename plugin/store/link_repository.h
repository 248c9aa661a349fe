// Which QBO object mirrors which CRM object, found from either side.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "store/database_access.h"

namespace qbo_sync::store {

// A CRM object and the QBO object that mirrors it.
struct Link {
  std::string account_id;
  std::string crm_type;  // contact | payment | invoice | product
  std::string crm_id;
  std::string qbo_type;  // Customer | SalesReceipt | Invoice | Item | Payment
  std::string qbo_id;
  std::string sync_token;
  std::string origin = "crm";  // crm | quickbooks (imported: never pushed back)
};

class LinkRepository {
 public:
  explicit LinkRepository(DatabaseAccess& access) : access_(access) {}

  std::optional<Link> by_crm(const std::string& account_id, const std::string& crm_type,
                             const std::string& crm_id);
  std::optional<Link> by_qbo(const std::string& account_id, const std::string& qbo_type,
                             const std::string& qbo_id);
  // Creates or replaces the link of the CRM object.
  void put(const Link& link);
  // Moves a link to another CRM key (the CRM object is now known by `to_crm_id`). False when
  // there was no link at `from_crm_id`; throws StoreError when `to_crm_id` is taken.
  bool rekey(const std::string& account_id, const std::string& crm_type,
             const std::string& from_crm_id, const std::string& to_crm_id);
  // Drops every link of the account (it was connected to another QuickBooks company).
  void forget_account(const std::string& account_id);

 private:
  // The link the query (binds: account, type, id) finds, if any.
  std::optional<Link> find(std::string_view where, const std::string& account_id,
                           const std::string& type, const std::string& id);

  DatabaseAccess& access_;
};

}  // namespace qbo_sync::store
