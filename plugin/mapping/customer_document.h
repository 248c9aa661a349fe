// A CRM contact as a QBO Customer: the body of a new customer, and the sparse update that brings
// an existing one up to date without clearing what the CRM does not know.
#pragma once

#include <string>

#include <boost/json/object.hpp>

#include "events/typed_events.h"

namespace qbo_sync::mapping {

// {"DisplayName", "GivenName", "FamilyName", "CompanyName", "PrimaryEmailAddr", "PrimaryPhone",
//  "BillAddr"}: only the fields the contact has.
boost::json::object new_customer(const events::Contact& contact, const std::string& display_name);

// The sparse update (Id, SyncToken and the changed fields) for `existing` (a QBO Customer): an
// inactive customer is made active again; fields the contact has and QBO lacks or holds
// differently are set; nothing is cleared. Empty when nothing changes.
boost::json::object customer_update(const events::Contact& contact,
                                    const boost::json::object& existing);

}  // namespace qbo_sync::mapping
