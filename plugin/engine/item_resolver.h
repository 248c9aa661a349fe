// Finds or creates the QBO Item for a CRM product line, in order: the settings' item mapping; the
// link table; an item of the same name (an inactive one is reactivated); the settings' default
// item; a new Service item with the configured income account (the company's own income account
// when none is configured).
//
// Blocking (QBO calls): run on an engine worker. Thread-safe.
#pragma once

#include <optional>
#include <string>

#include "engine/keyed_locks.h"
#include "events/typed_events.h"
#include "mapping/company_data.h"
#include "mapping/sales_receipt.h"
#include "qbo_client/api_client.h"
#include "store/store.h"

namespace qbo_sync::engine {

class ItemResolver {
 public:
  ItemResolver(store::Store& store, qbo::ApiClient& api);

  qbo::Outcome<mapping::ItemRef> resolve(const qbo::Connection& connection,
                                         const events::Line& line, const events::Settings& settings,
                                         const mapping::CompanyData& company);

  // The link key of a product: its CRM id, else "name:" + its sanitised name.
  static std::string link_key(const events::Line& line);
  // The QBO item name for a line: the product name, sanitised like a display name.
  static std::string item_name(const events::Line& line);

 private:
  // An item of this name (reactivated when inactive), linked to the product; none when QBO has
  // no such item.
  qbo::Outcome<std::optional<mapping::ItemRef>> find_by_name(const qbo::Connection& connection,
                                                             const std::string& name,
                                                             const std::string& key);
  qbo::Outcome<mapping::ItemRef> create(const qbo::Connection& connection, const std::string& name,
                                        const std::string& key, const std::string& income_account);
  void remember(const qbo::Connection& connection, const std::string& key,
                const mapping::ItemRef& item, const std::string& sync_token);

  store::Store& store_;
  qbo::ApiClient& api_;
  KeyedLocks locks_;
};

}  // namespace qbo_sync::engine
