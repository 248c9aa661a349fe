#include "engine/customer_resolver.h"

#include "engine/qbo_entities.h"
#include "mapping/contact_names.h"
#include "mapping/customer_document.h"
#include "store/sqlite_connection.h"

namespace qbo_sync::engine {
namespace json = boost::json;

CustomerResolver::CustomerResolver(store::Store& store, qbo::ApiClient& api)
    : store_(store), api_(api) {}

std::string CustomerResolver::link_key(const events::Contact& contact) {
  std::string email = mapping::normalise_email(contact.email);
  if (!email.empty()) return email;
  return "id:" + contact.crm_contact_id;
}

qbo::Outcome<std::string> CustomerResolver::resolve(const qbo::Connection& connection,
                                                    const events::Contact& contact) {
  const std::string key = link_key(contact);
  std::lock_guard lock(locks_.for_key(connection.tenant + '\n' + key));
  const auto linked = store_.link(connection.tenant, "contact", key);
  // A link made from QBO's customer list (origin quickbooks) was never checked from this side: the
  // customer may be inactive, which QBO refuses on a receipt (2500). The e-mail look-up, once,
  // reactivates it if so and makes the link this side's.
  if (linked && (linked->origin != "quickbooks" || contact.email.empty())) {
    return refresh_if_changed(connection, contact, key, *linked);
  }
  if (!contact.email.empty()) {
    bool found = false;
    auto by_email = find_by_email(connection, contact, found);
    if (!by_email || found) return by_email;
  }
  if (linked) return linked->qbo_id;  // its e-mail changed in QBO: the link still names it
  return create(connection, contact, key);
}

qbo::Outcome<std::string> CustomerResolver::find_by_email(const qbo::Connection& connection,
                                                          const events::Contact& contact,
                                                          bool& found) {
  const std::string email = mapping::normalise_email(contact.email);
  auto query = qbo::QueryBuilder::select_all("Customer")
                   .where("PrimaryEmailAddr", qbo::QueryOperator::equal, email)
                   .where_in("Active", std::vector<bool>{true, false})
                   .max_results(50);
  auto answer = api_.query(connection, query);
  if (!answer) return std::move(answer).fault();
  const json::array rows = query_rows(answer.value().entity, "Customer");
  // An active customer wins over an inactive one; among equals, the oldest (smallest Id).
  const json::object* best = nullptr;
  auto rank = [](const json::object& row) {
    const json::value* active = row.if_contains("Active");
    const bool is_active = active == nullptr || !active->is_bool() || active->as_bool();
    const std::string id = string_member(row, "Id");
    return std::make_tuple(!is_active, id.size(), id);
  };
  for (const json::value& row : rows) {
    if (!row.is_object()) continue;
    if (best == nullptr || rank(row.as_object()) < rank(*best)) best = &row.as_object();
  }
  if (best == nullptr) return std::string();
  found = true;
  std::string id = string_member(*best, "Id");
  std::string sync_token = string_member(*best, "SyncToken");
  json::object update = mapping::customer_update(contact, *best);
  if (!update.empty()) {
    auto updated =
        api_.sparse_update(connection, "Customer", std::move(update),
                           connection.tenant + ":customer:" + id + ":update:" + sync_token);
    if (!updated) return std::move(updated).fault();
    sync_token = string_member(unwrap_entity(updated.value().entity, "Customer"), "SyncToken");
  }
  remember(connection, contact, link_key(contact), id, sync_token);
  return id;
}

qbo::Outcome<std::string> CustomerResolver::create(const qbo::Connection& connection,
                                                   const events::Contact& contact,
                                                   const std::string& key) {
  const std::string base = mapping::display_name_for(contact);
  for (int attempt = 1; attempt <= kMaxNameAttempts; ++attempt) {
    const std::string name = attempt == 1 ? base : mapping::numbered_display_name(base, attempt);
    auto created = api_.create(connection, "Customer", mapping::new_customer(contact, name),
                               connection.tenant + ":contact:" + key + ":create:" + name);
    if (created) {
      const json::object customer = unwrap_entity(created.value().entity, "Customer");
      const std::string id = string_member(customer, "Id");
      remember(connection, contact, key, id, string_member(customer, "SyncToken"));
      return id;
    }
    if (created.fault().fault_class != qbo::FaultClass::duplicate_name) {
      return std::move(created).fault();
    }
  }
  return local_fault(qbo::FaultClass::duplicate_name,
                     "every variant of the customer name \"" + base +
                         "\" is already used in QuickBooks; rename the contact in the CRM");
}

std::string CustomerResolver::details_of(const events::Contact& contact) {
  // Only what customer_update may write; a unit separator keeps the fields apart.
  constexpr char kSeparator = '\x1f';
  std::string details =
      contact.first_name + kSeparator + contact.last_name + kSeparator + contact.phone + kSeparator;
  if (const auto& address = contact.billing_address) {
    for (const std::string* part :
         {&address->line1, &address->line2, &address->line3, &address->city, &address->region,
          &address->postal_code, &address->country}) {
      details += *part + kSeparator;
    }
  }
  return details;
}

qbo::Outcome<std::string> CustomerResolver::refresh_if_changed(const qbo::Connection& connection,
                                                               const events::Contact& contact,
                                                               const std::string& key,
                                                               const store::Link& linked) {
  const std::string state_name = "contact_details:" + key;
  const std::string details = details_of(contact);
  if (store_.state(connection.tenant, state_name) == details) return linked.qbo_id;
  // The CRM has details QBO was not given yet: read the customer so that only what differs is
  // written and nothing the CRM does not know is cleared.
  auto read = api_.read(connection, "Customer", linked.qbo_id);
  if (!read) return std::move(read).fault();
  const json::object existing = unwrap_entity(read.value().entity, "Customer");
  json::object update = mapping::customer_update(contact, existing);
  if (!update.empty()) {
    auto updated = api_.sparse_update(connection, "Customer", std::move(update),
                                      connection.tenant + ":customer:" + linked.qbo_id +
                                          ":update:" + string_member(existing, "SyncToken"));
    if (!updated) return std::move(updated).fault();
  }
  store_.put_state(connection.tenant, state_name, details);
  return linked.qbo_id;
}

void CustomerResolver::remember(const qbo::Connection& connection, const events::Contact& contact,
                                const std::string& key, const std::string& id,
                                const std::string& sync_token) {
  try {
    store_.put_link({connection.tenant, "contact", key, "Customer", id, sync_token, "crm"});
  } catch (const store::StoreError&) {
    // The customer is already linked under another key: found by e-mail again next time.
    return;
  }
  // QBO holds these details now (created with them, or updated with them when found).
  store_.put_state(connection.tenant, "contact_details:" + key, details_of(contact));
}

}  // namespace qbo_sync::engine
