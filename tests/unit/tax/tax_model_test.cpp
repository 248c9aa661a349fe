#include "tax/tax_model.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "company_fixtures.h"

namespace qbo_sync::tax {
namespace {

using testing::Company;

TEST(TaxModel, ReadsTheCanadianCompany) {
  const TenantTaxModel model = testing::model_of(Company::canada);
  EXPECT_EQ(model.regime, TaxRegime::canada);
  EXPECT_EQ(model.country, "CA");
  EXPECT_EQ(model.company_province, "ON");
  EXPECT_TRUE(model.using_sales_tax);
  EXPECT_FALSE(model.automated_sales_tax);
  EXPECT_EQ(model.codes.size(), 17u);

  const TaxCode* qc = model.find_code("8");
  ASSERT_NE(qc, nullptr);
  EXPECT_EQ(qc->name, "GST/QST QC - 9.975");
  ASSERT_EQ(qc->sales_rates.size(), 2u);
  EXPECT_EQ(qc->sales_rates[0].id, "20");
  EXPECT_EQ(qc->sales_rates[1].percent.to_canonical_string(), "9.975");
  EXPECT_EQ(qc->total_percent().to_canonical_string(), "14.975");
  EXPECT_TRUE(qc->usable_on_sales());
  EXPECT_FALSE(qc->all_rates_zero());

  // Exempt is Taxable:true in QBO; its rates, not that flag, say it charges nothing.
  EXPECT_TRUE(model.find_code("2")->all_rates_zero());
  EXPECT_EQ(model.find_code("missing"), nullptr);
}

TEST(TaxModel, MarksCodesThatCannotGoOnASalesLine) {
  const TenantTaxModel model = testing::model_of(Company::canada);
  const TaxCode* adjustment = model.find_code("4");
  EXPECT_FALSE(adjustment->usable_on_sales());
  EXPECT_NE(adjustment->unusable_reason.find("no sales tax rate"), std::string::npos);
  const TaxCode* inactive = model.find_code("18");
  EXPECT_FALSE(inactive->usable_on_sales());
  EXPECT_NE(inactive->unusable_reason.find("inactive"), std::string::npos);
}

TEST(TaxModel, FlagsCodesWithUnknownOrCompoundingRates) {
  const auto codes = boost::json::parse(R"([
    {"Id":"1","Name":"Ghost","SalesTaxRateList":{"TaxRateDetail":[{"TaxRateRef":{"value":"99"}}]}},
    {"Id":"2","Name":"Stacked","SalesTaxRateList":{"TaxRateDetail":[
       {"TaxRateRef":{"value":"5"},"TaxTypeApplicable":"TaxOnAmountPlusTax"}]}}])");
  const auto rates = boost::json::parse(R"([{"Id":"5","Name":"PST","RateValue":8}])");
  const auto built = build_tax_model(testing::company_info_json(Company::canada), {},
                                     codes.as_array(), rates.as_array());
  const auto& model = std::get<TenantTaxModel>(built);
  EXPECT_NE(model.find_code("1")->unusable_reason.find("99"), std::string::npos);
  EXPECT_NE(model.find_code("2")->unusable_reason.find("compounds"), std::string::npos);
}

TEST(TaxModel, PicksTheRateInForceOnTheDate) {
  const auto codes = testing::nova_scotia_hst_codes_json();
  const auto rates = testing::nova_scotia_hst_rates_json();
  auto percent_on = [&](std::string_view date) {
    const auto built =
        build_tax_model(testing::company_info_json(Company::canada), {}, codes, rates, date);
    return std::get<TenantTaxModel>(built).codes.at(0).total_percent().to_canonical_string();
  };
  EXPECT_EQ(percent_on("2025-03-31"), "15");
  EXPECT_EQ(percent_on("2025-04-01"), "14");
  EXPECT_EQ(percent_on(""), "14");
}

TEST(TaxModel, DetectsUsAutomatedSalesTax) {
  EXPECT_EQ(testing::model_of(Company::united_states).regime, TaxRegime::united_states);
  EXPECT_FALSE(testing::model_of(Company::united_states).automated_sales_tax);
  EXPECT_TRUE(testing::model_of(Company::united_states_ast).automated_sales_tax);
  EXPECT_EQ(testing::model_of(Company::united_kingdom).regime, TaxRegime::other_non_us);
}

TEST(TaxModel, NeedsTheCompanysCountry) {
  const auto info = boost::json::parse(R"({"CompanyInfo":{"CompanyName":"Nowhere"}})");
  const auto built = build_tax_model(info.as_object(), {}, {}, {});
  ASSERT_TRUE(std::holds_alternative<TaxModelError>(built));
  EXPECT_EQ(std::get<TaxModelError>(built).field, "CompanyInfo.Country");

  const auto from_address =
      boost::json::parse(R"({"CompanyAddr":{"Country":"Canada","CountrySubDivisionCode":"QC"}})");
  const auto model =
      std::get<TenantTaxModel>(build_tax_model(from_address.as_object(), {}, {}, {}));
  EXPECT_EQ(model.regime, TaxRegime::canada);
  EXPECT_EQ(model.company_province, "QC");
}

TEST(TaxModel, RefusesMalformedCodes) {
  const auto codes = boost::json::parse(R"([{"Name":"No id"}])");
  const auto built =
      build_tax_model(testing::company_info_json(Company::canada), {}, codes.as_array(), {});
  ASSERT_TRUE(std::holds_alternative<TaxModelError>(built));
  EXPECT_EQ(std::get<TaxModelError>(built).field, "TaxCode[0].Id");
}

TEST(RegimeForCountry, NamesAndCodesInAnyCase) {
  for (const auto& [country, regime] : {std::pair{"CA", TaxRegime::canada},
                                        {"canada", TaxRegime::canada},
                                        {"CANADA", TaxRegime::canada},
                                        {"US", TaxRegime::united_states},
                                        {"USA", TaxRegime::united_states},
                                        {"United States", TaxRegime::united_states},
                                        {"AU", TaxRegime::other_non_us}}) {
    EXPECT_EQ(regime_for_country(country), regime) << country;
  }
}

}  // namespace
}  // namespace qbo_sync::tax
