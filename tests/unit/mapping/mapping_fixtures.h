// Shared inputs of the mapping tests: the payment examples and a Canadian company as discovery
// stores it.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "company_fixtures.h"
#include "events/typed_events.h"

namespace qbo_sync::mapping::testing {

inline events::Payment example_payment(const std::string& file) {
  std::ifstream in(std::string(QBO_SYNC_SCHEMAS_DIR) + "/examples/payment.completed.v1/valid/" +
                   file);
  std::stringstream text;
  text << in.rdbuf();
  return events::parse_payment(boost::json::parse(text.str()));
}

// company_json as ConnectionRow holds it, for the tax fixtures' Canadian company plus accounts.
inline std::string canada_company_json() {
  using tax::testing::Company;
  boost::json::object company;
  company["CompanyInfo"] = tax::testing::company_info_json(Company::canada);
  company["Preferences"] = tax::testing::preferences_json(Company::canada);
  company["TaxCode"] = tax::testing::tax_codes_json(Company::canada);
  company["TaxRate"] = tax::testing::tax_rates_json(Company::canada);
  company["Account"] = boost::json::parse(R"([
    {"Id":"4","Name":"Undeposited Funds","AccountType":"Other Current Asset",
     "AccountSubType":"UndepositedFunds","Active":true},
    {"Id":"79","Name":"Sales of Product Income","AccountType":"Income","Active":true},
    {"Id":"80","Name":"Services","AccountType":"Income","Active":false},
    {"Id":"81","Name":"Consulting Services","AccountType":"Income","Active":true}])");
  company["Item"] = boost::json::array();
  company["PaymentMethod"] = boost::json::array();
  return boost::json::serialize(company);
}

}  // namespace qbo_sync::mapping::testing
