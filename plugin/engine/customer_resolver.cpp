#include "engine/customer_resolver.h"

#include <mutex>
#include <string>
#include <tuple>

#include "engine/free_name_create.h"
#include "mapping/contact_names.h"
#include "mapping/customer_document.h"
#include "qbo_client/entity_refs.h"
#include "store/sqlite_connection.h"
#include "text/case_folding.h"

namespace qbo_sync::engine {
namespace json = boost::json;
namespace {

constexpr std::uint32_t kMaxCandidates = 50;

// An active customer before an inactive one; among equals, the oldest (smallest Id).
auto rank(const qbo::Entity& customer) {
  return std::make_tuple(!customer.active, customer.id.size(), customer.id);
}

// The e-mail key an older version linked a contact under, with ASCII-only lower-casing.
std::string ascii_email_key(const std::string& email) {
  std::string key = mapping::normalise_email(email);
  if (text::is_ascii(email)) return key;
  std::string ascii;
  for (char c : email) {
    ascii.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  const auto begin = ascii.find_first_not_of(" \t\r\n\f\v");
  const auto end = ascii.find_last_not_of(" \t\r\n\f\v");
  return begin == std::string::npos ? std::string() : ascii.substr(begin, end - begin + 1);
}

// While it lives, the store says that a customer with this e-mail is being created and linked.
class CreationIntent {
 public:
  CreationIntent(store::Store& store, std::string account_id, const std::string& email,
                 int64_t now_ms)
      : store_(store), account_id_(std::move(account_id)) {
    if (email.empty()) return;
    name_ = mapping::customer_creating_state(email);
    store_.put_state(account_id_, name_, std::to_string(now_ms));
  }
  ~CreationIntent() {
    if (name_.empty()) return;
    try {
      store_.put_state(account_id_, name_, "");
    } catch (...) {  // a failed store write leaves the intent to expire
    }
  }
  CreationIntent(const CreationIntent&) = delete;
  CreationIntent& operator=(const CreationIntent&) = delete;

 private:
  store::Store& store_;
  std::string account_id_;
  std::string name_;
};

}  // namespace

CustomerResolver::CustomerResolver(store::Store& store, qbo::ApiClient& api, Clock clock)
    : store_(store), api_(api), clock_(std::move(clock)) {}

std::string CustomerResolver::link_key(const events::Contact& contact) {
  if (!contact.crm_contact_id.empty()) return "id:" + contact.crm_contact_id;
  return mapping::normalise_email(contact.email);
}

std::string CustomerResolver::details_state(std::string_view link_key) {
  return mapping::contact_details_state(link_key);
}

qbo::Outcome<std::string> CustomerResolver::resolve(const qbo::Connection& connection,
                                                    const events::Contact& contact) {
  const std::string key = link_key(contact);
  // The contact, and its e-mail: two contacts sharing a new address must not both create it.
  std::mutex& by_contact = locks_.for_key(connection.tenant + '\n' + key);
  const std::string email = mapping::normalise_email(contact.email);
  std::mutex& by_email = locks_.for_key(connection.tenant + "\nemail:" + email);
  std::unique_lock contact_lock(by_contact, std::defer_lock);
  std::unique_lock email_lock(by_email, std::defer_lock);
  if (email.empty() || &by_contact == &by_email) {
    contact_lock.lock();
  } else {
    std::lock(contact_lock, email_lock);
  }

  if (const auto linked = linked_customer(connection, contact, key)) {
    return refresh_if_changed(connection, contact, key, *linked);
  }
  bool found = false;
  if (!contact.email.empty()) {
    auto by_address = find_by_email(connection, contact, key, found);
    if (found) return by_address;
  }
  auto by_name = find_by_name(connection, contact, key, found);
  if (found) return by_name;
  return create(connection, contact, key);
}

std::optional<store::Link> CustomerResolver::linked_customer(const qbo::Connection& connection,
                                                             const events::Contact& contact,
                                                             const std::string& key) {
  if (auto linked = store_.link(connection.tenant, "contact", key)) return linked;
  if (contact.email.empty() || contact.crm_contact_id.empty()) return std::nullopt;
  // Linked by e-mail (by an older version, or by the customer import before the CRM answered an
  // id): the link moves to the contact, so that it holds when the e-mail changes.
  for (const std::string& legacy :
       {mapping::normalise_email(contact.email), ascii_email_key(contact.email)}) {
    auto linked = store_.link(connection.tenant, "contact", legacy);
    if (!linked) continue;
    try {
      if (!store_.rekey_link(connection.tenant, "contact", legacy, key)) continue;
    } catch (const store::StoreError&) {
      return linked;
    }
    for (const auto& state : {details_state, mapping::customer_written_state}) {
      if (auto value = store_.state(connection.tenant, state(legacy))) {
        store_.put_state(connection.tenant, state(key), *value);
      }
    }
    linked->crm_id = key;
    return linked;
  }
  return std::nullopt;
}

qbo::Outcome<std::vector<qbo::Entity>> CustomerResolver::candidates(
    const qbo::Connection& connection, std::string_view field, const std::string& value) {
  // QBO compares only ASCII letters without regard to case: text with other letters is looked up
  // by a pattern, and what it finds is compared here.
  auto query = qbo::QueryBuilder::select_all("Customer");
  if (text::is_ascii(value)) {
    query.where(field, qbo::QueryOperator::equal, value);
  } else {
    query.where(field, qbo::QueryOperator::like, mapping::case_blind_pattern(value));
  }
  query.where_in("Active", std::vector<bool>{true, false}).max_results(kMaxCandidates);
  auto answer = api_.query(connection, query);
  if (!answer) return std::move(answer).fault();
  return qbo::entity_rows(answer.value().entity, "Customer");
}

qbo::Outcome<std::optional<qbo::Entity>> CustomerResolver::best_candidate(
    const qbo::Connection& connection, std::string_view field, const std::string& value,
    const std::function<bool(const qbo::Entity&)>& fits) {
  auto rows = candidates(connection, field, value);
  if (!rows) return std::move(rows).fault();
  const qbo::Entity* best = nullptr;
  for (const qbo::Entity& customer : rows.value()) {
    if (!fits(customer)) continue;
    if (best == nullptr || rank(customer) < rank(*best)) best = &customer;
  }
  if (best == nullptr) return std::optional<qbo::Entity>();
  return std::optional<qbo::Entity>(*best);
}

qbo::Outcome<std::string> CustomerResolver::find_by_email(const qbo::Connection& connection,
                                                          const events::Contact& contact,
                                                          const std::string& key, bool& found) {
  const std::string email = mapping::normalise_email(contact.email);
  auto best =
      best_candidate(connection, "PrimaryEmailAddr", email, [&](const qbo::Entity& customer) {
        return mapping::same_email(customer.primary_email, email);
      });
  found = !best || best.value().has_value();
  if (!best) return std::move(best).fault();
  if (!best.value()) return std::string();
  const qbo::Entity& customer = *best.value();
  // Another contact with the same address owns the customer: it is shared, and keeps that
  // contact's details.
  const auto owner = store_.link_by_qbo(connection.tenant, "Customer", customer.id);
  if (owner && owner->crm_type == "contact" && owner->crm_id != key && customer.active) {
    return customer.id;
  }
  return adopt(connection, contact, key, customer);
}

qbo::Outcome<std::string> CustomerResolver::find_by_name(const qbo::Connection& connection,
                                                         const events::Contact& contact,
                                                         const std::string& key, bool& found) {
  const std::string name = mapping::display_name_for(contact);
  auto best = best_candidate(connection, "DisplayName", name, [&](const qbo::Entity& customer) {
    // A customer with an e-mail is someone else's (it was not found by this contact's e-mail);
    // so is one linked to another contact.
    if (!customer.primary_email.empty()) return false;
    if (!mapping::same_name(customer.display_name, name)) return false;
    const auto owner = store_.link_by_qbo(connection.tenant, "Customer", customer.id);
    return !(owner && owner->crm_type == "contact" && owner->crm_id != key);
  });
  found = !best || best.value().has_value();
  if (!best) return std::move(best).fault();
  if (!best.value()) return std::string();
  return adopt(connection, contact, key, *best.value());
}

qbo::Outcome<std::string> CustomerResolver::adopt(const qbo::Connection& connection,
                                                  const events::Contact& contact,
                                                  const std::string& key,
                                                  const qbo::Entity& customer) {
  auto written =
      write_update(connection, mapping::customer_update(contact, customer.json), customer);
  if (!written) return std::move(written).fault();
  remember(connection, contact, key, written.value());
  return customer.id;
}

qbo::Outcome<std::string> CustomerResolver::create(const qbo::Connection& connection,
                                                   const events::Contact& contact,
                                                   const std::string& key) {
  const std::string base = mapping::display_name_for(contact);
  // Said before the customer exists, so that a change-feed poll that sees it before it is linked
  // does not take it for a customer made in QuickBooks (see inbound's handle_customer).
  CreationIntent intent(store_, connection.tenant, contact.email, clock_());
  auto created = create_under_free_name(
      api_, connection,
      {"Customer", base, connection.tenant + ":contact:" + key + ":create:",
       [&](const std::string& name) { return mapping::new_customer(contact, name); },
       "every variant of the customer name \"" + base +
           "\" is already used in QuickBooks; rename the contact in the CRM"});
  if (!created) return std::move(created).fault();
  remember(connection, contact, key, created.value());
  return created.value().id;
}

qbo::Outcome<std::string> CustomerResolver::refresh_if_changed(const qbo::Connection& connection,
                                                               const events::Contact& contact,
                                                               const std::string& key,
                                                               const store::Link& linked) {
  const auto stored = store_.state(connection.tenant, details_state(key));
  if (stored == mapping::contact_details_text(contact)) return linked.qbo_id;
  // The CRM has details QBO was not given yet (or the link came from QBO's customer list and was
  // never checked from this side: the customer may be inactive, which QBO refuses on a receipt).
  // Read the customer so that only what differs is written and nothing else is cleared.
  auto read = api_.read(connection, "Customer", linked.qbo_id);
  if (!read) return std::move(read).fault();
  const qbo::Entity existing = qbo::entity_of(read.value().entity, "Customer");
  const auto previous = mapping::parse_contact_details(stored);
  auto written = write_update(
      connection, mapping::customer_update(contact, existing.json, previous ? &*previous : nullptr),
      existing);
  if (!written) return std::move(written).fault();
  remember(connection, contact, key, written.value());
  return linked.qbo_id;
}

qbo::Outcome<qbo::Entity> CustomerResolver::write_update(const qbo::Connection& connection,
                                                         json::object update,
                                                         const qbo::Entity& existing) {
  if (update.empty()) return existing;
  const std::string key = connection.tenant + ":customer:" + qbo::string_member(update, "Id") +
                          ":update:" + existing.sync_token;
  auto updated = api_.sparse_update(connection, "Customer", update, key);
  if (!updated && updated.fault().fault_class == qbo::FaultClass::duplicate_name &&
      update.erase("DisplayName") > 0) {
    // The new name is taken by another customer, vendor or employee: the rest still goes in.
    if (update.size() <= 2) return existing;  // only Id and SyncToken were left
    updated = api_.sparse_update(connection, "Customer", update, key + ":unrenamed");
  }
  if (!updated) return std::move(updated).fault();
  return qbo::entity_of(updated.value().entity, "Customer");
}

void CustomerResolver::remember(const qbo::Connection& connection, const events::Contact& contact,
                                const std::string& key, const qbo::Entity& customer) {
  try {
    store_.put_link(
        {connection.tenant, "contact", key, "Customer", customer.id, customer.sync_token, "crm"});
  } catch (const store::StoreError&) {
    // The customer is linked to another contact (they share the e-mail): found by it next time.
    return;
  }
  // QBO holds these details now (created with them, or updated with them), and the customer as
  // it stands after this side's write: a later difference is QBO's own change.
  store_.put_state(connection.tenant, details_state(key), mapping::contact_details_text(contact));
  store_.put_state(connection.tenant, mapping::customer_written_state(key),
                   mapping::contact_details_text(mapping::contact_of_customer(customer.json)));
}

}  // namespace qbo_sync::engine
