#include "engine/item_resolver.h"

#include "engine/local_fault.h"
#include "mapping/contact_names.h"
#include "qbo_client/entity_refs.h"
#include "store/sqlite_connection.h"

namespace qbo_sync::engine {
namespace json = boost::json;
using qbo::query_rows;
using qbo::string_member;
using qbo::unwrap_entity;

ItemResolver::ItemResolver(store::Store& store, qbo::ApiClient& api) : store_(store), api_(api) {}

std::string ItemResolver::item_name(const events::Line& line) {
  std::string name = mapping::sanitize_display_name(line.name);
  if (name.empty()) name = mapping::sanitize_display_name(line.sku);
  if (name.empty()) name = mapping::sanitize_display_name(line.product_id);
  return name.empty() ? std::string("CRM product") : name;
}

std::string ItemResolver::link_key(const events::Line& line) {
  if (!line.product_id.empty()) return line.product_id;
  return "name:" + item_name(line);
}

qbo::Outcome<mapping::ItemRef> ItemResolver::resolve(const qbo::Connection& connection,
                                                     const events::Line& line,
                                                     const events::Settings& settings,
                                                     const mapping::CompanyData& company) {
  for (const events::ItemMapping& mapping : settings.item_mappings) {
    if (!line.product_id.empty() && mapping.crm_product_id == line.product_id) {
      return mapping::ItemRef{mapping.qbo_item_id, ""};
    }
  }
  const std::string key = link_key(line);
  const std::string name = item_name(line);
  std::lock_guard lock(locks_.for_key(connection.tenant + '\n' + key));
  if (auto linked = store_.link(connection.tenant, "product", key)) {
    return mapping::ItemRef{linked->qbo_id, ""};
  }

  auto query = qbo::QueryBuilder::select_all("Item")
                   .where("Name", qbo::QueryOperator::equal, name)
                   .where_in("Active", std::vector<bool>{true, false})
                   .max_results(10);
  auto answer = api_.query(connection, query);
  if (!answer) return std::move(answer).fault();
  for (const json::value& row : query_rows(answer.value().entity, "Item")) {
    if (string_member(row, "Type") == "Category") continue;  // not allowed on a sales line
    mapping::ItemRef item{string_member(row, "Id"), string_member(row, "Name")};
    std::string sync_token = string_member(row, "SyncToken");
    const json::value* active = row.as_object().if_contains("Active");
    if (active != nullptr && active->is_bool() && !active->as_bool()) {
      auto reactivated = api_.sparse_update(
          connection, "Item",
          json::object{{"Id", item.id}, {"SyncToken", sync_token}, {"Active", true}},
          connection.tenant + ":item:" + item.id + ":reactivate:" + sync_token);
      if (!reactivated) return std::move(reactivated).fault();
      sync_token = string_member(unwrap_entity(reactivated.value().entity, "Item"), "SyncToken");
    }
    remember(connection, key, item, sync_token);
    return item;
  }

  if (!settings.default_item_id.empty()) return mapping::ItemRef{settings.default_item_id, ""};
  std::string income = settings.income_account_id;
  if (income.empty()) income = company.income_account_id().value_or("");
  if (income.empty()) {
    return local_fault(qbo::FaultClass::validation,
                       "the QuickBooks company has no active income account for new products; "
                       "choose one in the integration settings");
  }
  return create(connection, name, key, income);
}

qbo::Outcome<mapping::ItemRef> ItemResolver::create(const qbo::Connection& connection,
                                                    const std::string& name, const std::string& key,
                                                    const std::string& income_account) {
  for (int attempt = 1; attempt <= kMaxNameAttempts; ++attempt) {
    const std::string candidate =
        attempt == 1 ? name : mapping::numbered_display_name(name, attempt);
    json::object item{{"Name", candidate},
                      {"Type", "Service"},
                      {"IncomeAccountRef", json::object{{"value", income_account}}}};
    auto created = api_.create(connection, "Item", item,
                               connection.tenant + ":product:" + key + ":create:" + candidate);
    if (created) {
      const json::object entity = unwrap_entity(created.value().entity, "Item");
      mapping::ItemRef ref{string_member(entity, "Id"), string_member(entity, "Name")};
      remember(connection, key, ref, string_member(entity, "SyncToken"));
      return ref;
    }
    if (created.fault().fault_class != qbo::FaultClass::duplicate_name) {
      return std::move(created).fault();
    }
  }
  return local_fault(qbo::FaultClass::duplicate_name,
                     "every variant of the product name \"" + name +
                         "\" is already used in QuickBooks; map the product in the settings");
}

void ItemResolver::remember(const qbo::Connection& connection, const std::string& key,
                            const mapping::ItemRef& item, const std::string& sync_token) {
  try {
    store_.put_link({connection.tenant, "product", key, "Item", item.id, sync_token, "crm"});
  } catch (const store::StoreError&) {
    // The item is already linked to another product: found by name again next time.
  }
}

}  // namespace qbo_sync::engine
