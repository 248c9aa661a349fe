// QBO company data for the tax tests, in the shapes the QBO API returns: a Canadian company with
// every province's codes (Ids as in the real CA sandbox where it has them), US companies with and
// without automated sales tax, and a UK company.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "tax/tax_model.h"

namespace qbo_sync::tax::testing {

enum class Company { canada, united_states, united_states_ast, united_kingdom };

boost::json::object company_info_json(Company company);
boost::json::object preferences_json(Company company);
boost::json::array tax_codes_json(Company company);
boost::json::array tax_rates_json(Company company);

// One code "HST NS" (Id 9) whose rate (Id 7) was 15 % until 2025-03-31 and is 14 % since.
boost::json::array nova_scotia_hst_codes_json();
boost::json::array nova_scotia_hst_rates_json();

// build_tax_model over the JSON above; aborts the test binary if it fails.
TenantTaxModel model_of(Company company);

}  // namespace qbo_sync::tax::testing
