#include "mapping/company_data.h"

#include <gtest/gtest.h>

#include "mapping_fixtures.h"

namespace qbo_sync::mapping {
namespace {

CompanyData canada() {
  auto parsed = parse_company_data(testing::canada_company_json());
  return std::get<CompanyData>(std::move(parsed));
}

TEST(CompanyData, FindsUndepositedFundsAndAnActiveIncomeAccount) {
  const CompanyData company = canada();
  EXPECT_EQ(company.undeposited_funds_account_id(), "4");
  EXPECT_EQ(company.income_account_id(), "81");  // "Services" is inactive
}

TEST(CompanyData, HomeCurrencyFollowsTheCountryWithoutPreferences) {
  EXPECT_EQ(canada().home_currency(), "CAD");
  EXPECT_FALSE(canada().multicurrency_enabled());
}

TEST(CompanyData, BuildsTheTaxModel) {
  auto model = canada().tax_model("2026-03-02");
  ASSERT_TRUE(std::holds_alternative<tax::TenantTaxModel>(model));
  EXPECT_EQ(std::get<tax::TenantTaxModel>(model).regime, tax::TaxRegime::canada);
}

TEST(CompanyData, UnreadableJsonIsAnError) {
  EXPECT_TRUE(std::holds_alternative<CompanyDataError>(parse_company_data("[1,2]")));
  EXPECT_TRUE(std::holds_alternative<CompanyDataError>(parse_company_data("{")));
  auto empty = parse_company_data("{}");
  ASSERT_TRUE(std::holds_alternative<CompanyData>(empty));
  EXPECT_FALSE(std::get<CompanyData>(empty).undeposited_funds_account_id());
}

}  // namespace
}  // namespace qbo_sync::mapping
