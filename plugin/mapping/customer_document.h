// A CRM contact as a QBO Customer: the body of a new customer, the sparse update that brings an
// existing one up to date without clearing what the CRM does not know, and the record of what the
// CRM last gave QBO (so that the next update writes only what the CRM changed, and the inbound
// side can tell QBO's own changes from the CRM's).
#pragma once

#include <optional>
#include <string>

#include <boost/json/object.hpp>

#include "events/typed_events.h"

namespace qbo_sync::mapping {

// {"DisplayName", "GivenName", "FamilyName", "CompanyName", "PrimaryEmailAddr", "PrimaryPhone",
//  "BillAddr"}: only the fields the contact has.
boost::json::object new_customer(const events::Contact& contact, const std::string& display_name);

// The sparse update (Id, SyncToken and the changed fields) for `existing` (a QBO Customer). An
// inactive customer is made active again; nothing is cleared. Without `previous` (what the CRM
// last gave this customer, unknown when it was found rather than linked): the names, company,
// e-mail and phone the contact has and QBO holds differently are set, and the address only when
// QBO has none. With `previous`: only what the CRM changed since is written, so that a
// bookkeeper's edit of anything else stands; a changed name renames the customer, a changed
// address is written over QBO's, part by part. Empty when nothing changes.
boost::json::object customer_update(const events::Contact& contact,
                                    const boost::json::object& existing,
                                    const events::Contact* previous = nullptr);

// What the CRM gave QBO of a contact, as stored text, and back (nullopt when it is not such text).
std::string contact_details_text(const events::Contact& contact);
std::optional<events::Contact> parse_contact_details(const std::optional<std::string>& text);

// The store state (per account) that holds contact_details_text for a contact link key.
std::string contact_details_state(std::string_view link_key);

// The store state (per account) that holds, as contact_details_text, the customer's contact fields
// as they stood after this side last wrote it.
std::string customer_written_state(std::string_view link_key);

// The store state (per account) that says, while it holds a time (ms since the epoch), that this
// side is creating a customer with this e-mail and has not linked it yet; empty once linked.
std::string customer_creating_state(std::string_view email);

// True when `customer` is inactive, or its contact fields are not those of `written` (what it held
// after this side last wrote it; e-mails compared case folded): QBO changed it since.
bool customer_changed_since(const boost::json::object& customer, const events::Contact& written);

// The customer's contact fields (names, company, e-mail, phone, billing address) as a Contact.
events::Contact contact_of_customer(const boost::json::object& customer);

// True when `customer` holds something the CRM did not give it: a name, company, e-mail, phone
// or address part that differs from `sent`, or it is inactive. False for a customer that holds
// exactly what the CRM sent (and whatever only QBO holds).
bool customer_differs_from(const boost::json::object& customer, const events::Contact& sent);

}  // namespace qbo_sync::mapping
