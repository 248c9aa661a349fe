#include "mapping/company_data_cache.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "mapping_fixtures.h"

namespace qbo_sync::mapping {
namespace {

SharedCompanyData company_of(std::variant<SharedCompanyData, CompanyDataError> read) {
  EXPECT_TRUE(std::holds_alternative<SharedCompanyData>(read));
  auto* company = std::get_if<SharedCompanyData>(&read);
  return company ? *company : nullptr;
}

std::string us_company_json() {
  return testing::company_json(tax::testing::Company::united_states, boost::json::array());
}

TEST(CompanyDataCache, ParsesTheSameTextOnceAndHandsOutTheSameCompany) {
  CompanyDataCache cache;
  const std::string text = testing::canada_company_json();
  const SharedCompanyData first = company_of(cache.company("account-1", text));
  const SharedCompanyData again = company_of(cache.company("account-1", std::string(text)));
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first, again);
  EXPECT_EQ(cache.parses(), 1u);
  EXPECT_EQ(first->undeposited_funds_account_id(), "4");
  EXPECT_EQ(first->home_currency(), "CAD");
}

TEST(CompanyDataCache, ARefreshedTextReplacesTheCompanyAndTheOldOneStaysUsable) {
  CompanyDataCache cache;
  const SharedCompanyData before =
      company_of(cache.company("account-1", testing::canada_company_json()));
  const SharedCompanyData after = company_of(cache.company("account-1", us_company_json()));
  ASSERT_NE(before, nullptr);
  ASSERT_NE(after, nullptr);
  EXPECT_NE(before, after);
  EXPECT_EQ(after->home_currency(), "USD");
  EXPECT_EQ(before->home_currency(), "CAD");  // an attempt holding it still reads it whole
  EXPECT_EQ(company_of(cache.company("account-1", us_company_json())), after);
  EXPECT_EQ(cache.parses(), 2u);
}

TEST(CompanyDataCache, KeepsOneCompanyPerAccount) {
  CompanyDataCache cache;
  const SharedCompanyData canada =
      company_of(cache.company("account-1", testing::canada_company_json()));
  const SharedCompanyData us = company_of(cache.company("account-2", us_company_json()));
  EXPECT_EQ(company_of(cache.company("account-1", testing::canada_company_json())), canada);
  EXPECT_EQ(company_of(cache.company("account-2", us_company_json())), us);
  EXPECT_EQ(cache.parses(), 2u);
}

TEST(CompanyDataCache, AnUnreadableTextIsAnErrorAndIsNotCached) {
  CompanyDataCache cache;
  EXPECT_TRUE(std::holds_alternative<CompanyDataError>(cache.company("account-1", "{")));
  EXPECT_TRUE(std::holds_alternative<CompanyDataError>(cache.company("account-1", "[1]")));
  EXPECT_EQ(cache.parses(), 0u);
  EXPECT_NE(company_of(cache.company("account-1", testing::canada_company_json())), nullptr);
}

}  // namespace
}  // namespace qbo_sync::mapping
