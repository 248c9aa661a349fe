// Finds or creates the QBO Customer for a CRM contact, in order: the contact's link (by its CRM
// contact id; a link an older version keyed by e-mail is re-keyed); the e-mail, compared with full
// Unicode case folding (inactive customers included, and reactivated rather than duplicated); the
// exact name, taken only when that customer has no e-mail and no other contact; else a new
// customer whose DisplayName is sanitised and, when QBO says a customer, vendor or employee
// already uses it (6240), numbered until it is free. Error 6240 never reaches the admin.
// A linked customer gets the contact's changed e-mail, names, company, phone and address; what
// only QBO holds is never cleared.
//
// One resolver serves every handler (payments and invoices), so that the same new contact
// arriving in both is created once: work on one contact, and on one e-mail, is serialised.
//
// Blocking (QBO calls): run on an engine worker. Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "engine/keyed_locks.h"
#include "events/typed_events.h"
#include "qbo_client/api_client.h"
#include "qbo_client/entity_refs.h"
#include "store/store.h"

namespace qbo_sync::engine {

class CustomerResolver {
 public:
  using Clock = std::function<int64_t()>;  // ms since the Unix epoch

  // The creation intent it leaves for the inbound side is stamped on `clock` (the plugin's).
  CustomerResolver(store::Store& store, qbo::ApiClient& api, Clock clock);

  // The customer's QBO Id.
  qbo::Outcome<std::string> resolve(const qbo::Connection& connection,
                                    const events::Contact& contact);

  // The link key of a contact: "id:" + its CRM contact id (its normalised e-mail when it has no
  // id). The store state "contact_details:" + key holds what the CRM last gave the customer.
  static std::string link_key(const events::Contact& contact);
  static std::string details_state(std::string_view link_key);

 private:
  std::optional<store::Link> linked_customer(const qbo::Connection& connection,
                                             const events::Contact& contact,
                                             const std::string& key);
  // Each sets `found` when it settled the customer (its Id, or a fault).
  qbo::Outcome<std::string> find_by_email(const qbo::Connection& connection,
                                          const events::Contact& contact, const std::string& key,
                                          bool& found);
  qbo::Outcome<std::string> find_by_name(const qbo::Connection& connection,
                                         const events::Contact& contact, const std::string& key,
                                         bool& found);
  qbo::Outcome<std::vector<qbo::Entity>> candidates(const qbo::Connection& connection,
                                                    std::string_view field,
                                                    const std::string& value);
  // The best-ranked customer whose `field` is `value` and that `fits`; none when none fits.
  qbo::Outcome<std::optional<qbo::Entity>> best_candidate(
      const qbo::Connection& connection, std::string_view field, const std::string& value,
      const std::function<bool(const qbo::Entity&)>& fits);
  // Links `customer` (found in QBO) to the contact, after giving it the contact's details.
  qbo::Outcome<std::string> adopt(const qbo::Connection& connection, const events::Contact& contact,
                                  const std::string& key, const qbo::Entity& customer);
  qbo::Outcome<std::string> create(const qbo::Connection& connection,
                                   const events::Contact& contact, const std::string& key);
  // Once per change of the CRM's details (kept per link key in the store): the linked customer
  // gets what the CRM changed, without clearing what the CRM does not know.
  qbo::Outcome<std::string> refresh_if_changed(const qbo::Connection& connection,
                                               const events::Contact& contact,
                                               const std::string& key, const store::Link& linked);
  // The customer as QBO holds it after `update` (`existing` when there is nothing to write).
  qbo::Outcome<qbo::Entity> write_update(const qbo::Connection& connection,
                                         boost::json::object update, const qbo::Entity& existing);
  void remember(const qbo::Connection& connection, const events::Contact& contact,
                const std::string& key, const qbo::Entity& customer);

  store::Store& store_;
  qbo::ApiClient& api_;
  Clock clock_;
  KeyedLocks locks_;
};

}  // namespace qbo_sync::engine
