#include "engine/item_resolver.h"

#include "engine/free_name_create.h"
#include "engine/local_fault.h"
#include "mapping/contact_names.h"
#include "qbo_client/entity_refs.h"
#include "store/sqlite_connection.h"

namespace qbo_sync::engine {
namespace json = boost::json;

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

  auto found = find_by_name(connection, name, key);
  if (!found) return std::move(found).fault();
  if (found.value()) return *found.value();

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

qbo::Outcome<std::optional<mapping::ItemRef>> ItemResolver::find_by_name(
    const qbo::Connection& connection, const std::string& name, const std::string& key) {
  auto query = qbo::QueryBuilder::select_all("Item")
                   .where("Name", qbo::QueryOperator::equal, name)
                   .where_in("Active", std::vector<bool>{true, false})
                   .max_results(10);
  auto answer = api_.query(connection, query);
  if (!answer) return std::move(answer).fault();
  for (const qbo::Entity& row : qbo::entity_rows(answer.value().entity, "Item")) {
    if (row.type == "Category") continue;  // not allowed on a sales line
    mapping::ItemRef item{row.id, row.name};
    std::string sync_token = row.sync_token;
    if (!row.active) {
      auto reactivated = api_.sparse_update(
          connection, "Item",
          json::object{{"Id", item.id}, {"SyncToken", sync_token}, {"Active", true}},
          connection.tenant + ":item:" + item.id + ":reactivate:" + sync_token);
      if (!reactivated) return std::move(reactivated).fault();
      sync_token = qbo::entity_of(reactivated.value().entity, "Item").sync_token;
    }
    remember(connection, key, item, sync_token);
    return std::optional<mapping::ItemRef>(item);
  }
  return std::optional<mapping::ItemRef>();
}

qbo::Outcome<mapping::ItemRef> ItemResolver::create(const qbo::Connection& connection,
                                                    const std::string& name, const std::string& key,
                                                    const std::string& income_account) {
  auto created = create_under_free_name(
      api_, connection,
      {"Item", name, connection.tenant + ":product:" + key + ":create:",
       [&](const std::string& candidate) {
         return json::object{{"Name", candidate},
                             {"Type", "Service"},
                             {"IncomeAccountRef", json::object{{"value", income_account}}}};
       },
       "every variant of the product name \"" + name +
           "\" is already used in QuickBooks; map the product in the settings"});
  if (!created) return std::move(created).fault();
  mapping::ItemRef ref{created.value().id, created.value().name};
  remember(connection, key, ref, created.value().sync_token);
  return ref;
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
