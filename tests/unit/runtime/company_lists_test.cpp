#include "runtime/company_lists.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace qbo_sync::runtime {
namespace {

namespace json = boost::json;

mapping::CompanyData company() {
  mapping::CompanyData data;
  data.company_info = json::parse(R"({"Country":"CA"})").as_object();
  data.tax_rates = json::parse(R"([{"Id":"5","Name":"HST NS","RateValue":14,"EffectiveTaxRate":[
      {"RateValue":15,"EffectiveDate":"2010-07-01T00:00:00-07:00","EndDate":"2025-03-31T00:00:00-07:00"},
      {"RateValue":14,"EffectiveDate":"2025-04-01T00:00:00-07:00"}]}])")
                       .as_array();
  data.tax_codes = json::parse(R"([{"Id":"15","Name":"HST NS","Active":true,
      "SalesTaxRateList":{"TaxRateDetail":[{"TaxRateRef":{"value":"5"}}]}}])")
                       .as_array();
  data.items =
      json::parse(R"([{"Id":"21","Name":"Yoga","Type":"Service","Active":false}])").as_array();
  data.accounts =
      json::parse(R"([{"Id":"4","Name":"Chequing","AccountType":"Bank","Active":true}])")
          .as_array();
  data.payment_methods =
      json::parse(R"([{"Id":"3","Name":"Visa","Type":"CREDIT_CARD"}])").as_array();
  return data;
}

TEST(CompanyLists, TaxCodesCarryTodaysRateAndEveryDatedRate) {
  const auto body = company_list("list_tax_codes", company(), "2026-01-15");
  ASSERT_TRUE(body);
  const auto& code = body->at("tax_codes").as_array().at(0).as_object();
  EXPECT_EQ(code.at("id"), "15");
  EXPECT_EQ(code.at("total_percent"), "14");
  const auto& rate = code.at("sales_rates").as_array().at(0).as_object();
  EXPECT_EQ(rate.at("percent"), "14");
  const auto& periods = rate.at("effective").as_array();
  ASSERT_EQ(periods.size(), 2u);
  EXPECT_EQ(periods[0].at("percent"), "15");
  EXPECT_EQ(periods[0].at("end_date"), "2025-03-31");
  EXPECT_TRUE(periods[1].at("end_date").is_null());
  // Before the change the same code charged 15 %.
  EXPECT_EQ(company_list("list_tax_codes", company(), "2024-06-01")
                ->at("tax_codes")
                .as_array()
                .at(0)
                .at("total_percent"),
            "15");
}

TEST(CompanyLists, ItemsAccountsAndPaymentMethodsAreListedWithTheirKinds) {
  EXPECT_EQ(company_list("list_items", company(), "2026-01-15")->at("items").at(0).at("active"),
            false);
  EXPECT_EQ(company_list("list_accounts", company(), "2026-01-15")
                ->at("accounts")
                .at(0)
                .at("account_type"),
            "Bank");
  EXPECT_EQ(company_list("list_payment_methods", company(), "2026-01-15")
                ->at("payment_methods")
                .at(0)
                .at("type"),
            "CREDIT_CARD");
  EXPECT_FALSE(company_list("list_customers", company(), "2026-01-15"));
}

}  // namespace
}  // namespace qbo_sync::runtime
