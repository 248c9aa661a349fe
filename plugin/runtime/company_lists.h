// The connected company's tax codes (with their rates and the dates each rate is in force),
// items, accounts and payment methods, for a host's pickers in the integration card.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "mapping/company_data.h"

namespace qbo_sync::runtime {

// The list operation `op` names ("list_tax_codes", "list_items", "list_accounts",
// "list_payment_methods"); nullopt for another operation. `today` (YYYY-MM-DD) picks each tax
// rate's current percent.
std::optional<boost::json::object> company_list(std::string_view op,
                                                const mapping::CompanyData& company,
                                                std::string_view today);

}  // namespace qbo_sync::runtime
