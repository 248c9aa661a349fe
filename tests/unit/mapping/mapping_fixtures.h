// Shared inputs of the mapping tests: the payment examples and a Canadian company as discovery
// stores it.
#pragma once

#include <fstream>
#include <sstream>
#include <string>
#include <variant>

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "company_fixtures.h"
#include "events/typed_events.h"
#include "mapping/company_data.h"
#include "mapping/sales_receipt.h"

namespace qbo_sync::mapping::testing {

// A valid example payload of the schema `schema` ("invoice.sent.v1", ...).
inline boost::json::value example_json(const std::string& schema, const std::string& file) {
  std::ifstream in(std::string(QBO_SYNC_SCHEMAS_DIR) + "/examples/" + schema + "/valid/" + file);
  std::stringstream text;
  text << in.rdbuf();
  return boost::json::parse(text.str());
}

inline events::Payment example_payment(const std::string& file) {
  return events::parse_payment(example_json("payment.completed.v1", file));
}

// One item per line of the CRM document, in order: Ids "100", "101", ... named as the lines.
template <typename Document>
std::vector<ItemRef> numbered_items(const Document& document) {
  std::vector<ItemRef> items;
  for (std::size_t i = 0; i < document.lines.size(); ++i) {
    items.push_back({std::to_string(100 + i), document.lines[i].name});
  }
  return items;
}

// company_json as ConnectionRow holds it: one of the tax fixtures' companies with `accounts`.
inline std::string company_json(tax::testing::Company fixture, boost::json::value accounts) {
  boost::json::object company;
  company["CompanyInfo"] = tax::testing::company_info_json(fixture);
  company["Preferences"] = tax::testing::preferences_json(fixture);
  company["TaxCode"] = tax::testing::tax_codes_json(fixture);
  company["TaxRate"] = tax::testing::tax_rates_json(fixture);
  company["Account"] = std::move(accounts);
  company["Item"] = boost::json::array();
  company["PaymentMethod"] = boost::json::array();
  return boost::json::serialize(company);
}

// The Canadian company with Undeposited Funds and income accounts.
inline std::string canada_company_json() {
  return company_json(tax::testing::Company::canada, boost::json::parse(R"([
    {"Id":"4","Name":"Undeposited Funds","AccountType":"Other Current Asset",
     "AccountSubType":"UndepositedFunds","Active":true},
    {"Id":"79","Name":"Sales of Product Income","AccountType":"Income","Active":true},
    {"Id":"80","Name":"Services","AccountType":"Income","Active":false},
    {"Id":"81","Name":"Consulting Services","AccountType":"Income","Active":true}])"));
}

// The company of canada_company_json, read.
inline CompanyData canada_company() {
  return std::get<CompanyData>(parse_company_data(canada_company_json()));
}

// The refusal in `built`; an empty one, and a failed test, when a document was built.
template <typename Document>
ReceiptRefusal refusal_of(const std::variant<Document, ReceiptRefusal>& built) {
  const auto* refusal = std::get_if<ReceiptRefusal>(&built);
  EXPECT_NE(refusal, nullptr) << "a document was built";
  return refusal != nullptr ? *refusal : ReceiptRefusal{};
}

// A document built for customer "58" of the Canadian company under the default settings.
class CanadianDocumentTest : public ::testing::Test {
 protected:
  // An input for `document` (a payment or an invoice, held at `slot`) with the settings, the
  // company, the customer and numbered_items filled in.
  template <typename Input, typename Document>
  Input input_for(const Document& document, const Document* Input::*slot) const {
    Input input;
    input.*slot = &document;
    input.settings = &settings_;
    input.company = &company_;
    input.customer_id = "58";
    input.line_items = numbered_items(document);
    return input;
  }

  events::Settings settings_ = events::default_settings();
  CompanyData company_ = canada_company();
};

}  // namespace qbo_sync::mapping::testing
