// Finds or creates the QBO Customer for a CRM contact, in order: the link table; the normalised
// e-mail (inactive customers included, and reactivated rather than duplicated); a new customer
// whose DisplayName is sanitised and, when QBO says a customer, vendor or employee already uses
// it (6240), numbered until it is free. Error 6240 never reaches the admin. A linked customer is
// updated when the CRM's details for it change.
//
// Blocking (QBO calls): run on an engine worker. Thread-safe.
#pragma once

#include <string>

#include "engine/keyed_locks.h"
#include "events/typed_events.h"
#include "qbo_client/api_client.h"
#include "store/store.h"

namespace qbo_sync::engine {

class CustomerResolver {
 public:
  static constexpr int kMaxNameAttempts = 20;

  CustomerResolver(store::Store& store, qbo::ApiClient& api);

  // The customer's QBO Id.
  qbo::Outcome<std::string> resolve(const qbo::Connection& connection,
                                    const events::Contact& contact);

  // The link key of a contact: its normalised e-mail, else "id:" + its CRM id. One QBO customer
  // per e-mail address, whatever CRM contact records carry it.
  static std::string link_key(const events::Contact& contact);

 private:
  qbo::Outcome<std::string> find_by_email(const qbo::Connection& connection,
                                          const events::Contact& contact, bool& found);
  qbo::Outcome<std::string> create(const qbo::Connection& connection,
                                   const events::Contact& contact, const std::string& key);
  // Once per change of the CRM's details (kept per link key in the store): the linked customer
  // gets the CRM's newer details, without clearing what the CRM does not know.
  qbo::Outcome<std::string> refresh_if_changed(const qbo::Connection& connection,
                                               const events::Contact& contact,
                                               const std::string& key, const store::Link& linked);
  static std::string details_of(const events::Contact& contact);
  void remember(const qbo::Connection& connection, const events::Contact& contact,
                const std::string& key, const std::string& id, const std::string& sync_token);

  store::Store& store_;
  qbo::ApiClient& api_;
  KeyedLocks locks_;
};

}  // namespace qbo_sync::engine
