// A QBO Customer as the host's upsert_contact request (schemas/host/upsert_contact.v1): e-mail,
// names, company, phone, billing address, QBO id and whether it is still active. Pure.
#pragma once

#include <string>
#include <string_view>

#include <boost/json/object.hpp>

namespace qbo_sync::inbound {

// The customer's DisplayName without the " (deleted)" QBO appends when a customer is made
// inactive; its Id when it has no name.
std::string customer_display_name(const boost::json::object& customer);

// The ISO 3166-1 alpha-2 code of QBO's free-text country ("Canada", "USA", "US", "ca"), else
// `fallback` (the company's country) when the text is empty; empty when unknown.
std::string country_code(std::string_view qbo_country, std::string_view fallback);

// The upsert_contact request for `customer`. `crm_contact_id` is set when the customer is already
// linked to a contact; `company_country` fills an address that names no country.
boost::json::object contact_request(std::string_view account_id,
                                    const boost::json::object& customer,
                                    std::string_view crm_contact_id,
                                    std::string_view company_country);

// A customer QBO deleted or merged away (CDC shows only {"status":"Deleted","Id"}): the contact
// is kept in the CRM, marked inactive, under the name it was last seen with.
boost::json::object removed_contact_request(std::string_view account_id,
                                            std::string_view qbo_customer_id,
                                            std::string_view last_display_name,
                                            std::string_view crm_contact_id);

}  // namespace qbo_sync::inbound
