#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "decimal.h"
#include "tax.h"

namespace qbo_sandbox::tax {
namespace {

std::map<std::string, boost::json::object> by_id(const boost::json::array& objects) {
  std::map<std::string, boost::json::object> result;
  for (const auto& object : objects) {
    result[std::string(object.at("Id").as_string())] = object.as_object();
  }
  return result;
}

std::vector<std::string> sales_rate_ids(const boost::json::object& code) {
  std::vector<std::string> ids;
  for (const auto& detail : code.at("SalesTaxRateList").at("TaxRateDetail").as_array()) {
    ids.emplace_back(detail.at("TaxRateRef").at("value").as_string());
  }
  return ids;
}

std::string rate_value(const boost::json::object& rate) {
  return Decimal::from_json(rate.at("RateValue"))->to_string();
}

TEST(TaxPresetsTest, CanadaKeepsTheRealSandboxCodes) {
  const auto codes = by_id(preset_tax_codes(Region::canada));
  const auto rates = by_id(preset_tax_rates(Region::canada));
  // the recorded TaxCode list: the Ids and names of Intuit's Canadian sandbox company.
  EXPECT_EQ(codes.at("2").at("Name").as_string(), "Exempt");
  EXPECT_EQ(codes.at("3").at("Name").as_string(), "Zero-rated");
  EXPECT_EQ(codes.at("4").at("Name").as_string(), "GST/HST Adjustment");
  EXPECT_EQ(codes.at("5").at("Name").as_string(), "HST ON");
  EXPECT_EQ(codes.at("6").at("Name").as_string(), "Out of Scope");
  EXPECT_EQ(sales_rate_ids(codes.at("2")), std::vector<std::string>{"2"});
  EXPECT_EQ(sales_rate_ids(codes.at("5")), std::vector<std::string>{"12"});
  EXPECT_TRUE(sales_rate_ids(codes.at("4")).empty());
  EXPECT_EQ(rates.at("12").at("Name").as_string(), "HST ON");
  EXPECT_EQ(rate_value(rates.at("12")), "13");
  EXPECT_EQ(rates.at("2").at("Name").as_string(), "GST ES");
  EXPECT_EQ(rate_value(rates.at("2")), "0");
  // Every Canadian code is Taxable and a TaxGroup, Exempt included.
  for (const auto& [id, code] : codes) {
    EXPECT_TRUE(code.at("Taxable").as_bool()) << id;
    EXPECT_TRUE(code.at("TaxGroup").as_bool()) << id;
    EXPECT_TRUE(code.at("Active").as_bool()) << id;
    EXPECT_EQ(code.at("SyncToken").as_string(), "0");
  }
}

TEST(TaxPresetsTest, CanadaCoversEveryProvince) {
  const auto codes = by_id(preset_tax_codes(Region::canada));
  const auto rates = by_id(preset_tax_rates(Region::canada));
  std::map<std::string, std::vector<std::string>> expected = {
      {"GST", {"5"}},
      {"HST ON", {"13"}},
      {"HST NB 2016", {"15"}},
      {"HST NL 2016", {"15"}},
      {"HST PE 2016", {"15"}},
      {"HST NS 2025", {"14"}},
      {"GST/PST BC", {"5", "7"}},
      {"GST/PST SK", {"5", "6"}},
      {"GST/PST MB", {"5", "7"}},
      {"GST/QST QC - 9.975", {"5", "9.975"}}};
  for (const auto& [id, code] : codes) {
    const auto found = expected.find(std::string(code.at("Name").as_string()));
    if (found == expected.end()) {
      continue;
    }
    std::vector<std::string> values;
    for (const auto& rate_id : sales_rate_ids(code)) {
      values.push_back(rate_value(rates.at(rate_id)));
    }
    EXPECT_EQ(values, found->second) << code.at("Name").as_string();
    expected.erase(found);
  }
  EXPECT_TRUE(expected.empty()) << expected.size() << " province codes missing";
}

TEST(TaxPresetsTest, EveryReferencedRateExists) {
  for (const Region region : {Region::canada, Region::united_states}) {
    const auto rates = by_id(preset_tax_rates(region));
    std::set<std::string> ids;
    for (const auto& code : preset_tax_codes(region)) {
      for (const char* list : {"SalesTaxRateList", "PurchaseTaxRateList"}) {
        for (const auto& detail : code.at(list).at("TaxRateDetail").as_array()) {
          const std::string id(detail.at("TaxRateRef").at("value").as_string());
          ASSERT_TRUE(rates.contains(id)) << id;
          EXPECT_EQ(detail.at("TaxRateRef").at("name").as_string(),
                    rates.at(id).at("Name").as_string());
          EXPECT_EQ(detail.at("TaxTypeApplicable").as_string(), "TaxOnAmount");
          ids.insert(id);
        }
      }
      EXPECT_EQ(code.at("domain").as_string(), "QBO");
    }
    for (const auto& [id, rate] : rates) {
      EXPECT_TRUE(ids.contains(id)) << "rate " << id << " is used by no code";
      EXPECT_EQ(rate.at("EffectiveTaxRate").at(0).at("RateValue"), rate.at("RateValue"));
    }
  }
}

TEST(TaxPresetsTest, UnitedStatesHasTaxAndNonAndGroups) {
  const auto codes = by_id(preset_tax_codes(Region::united_states));
  const auto rates = by_id(preset_tax_rates(Region::united_states));
  EXPECT_TRUE(codes.at("TAX").at("Taxable").as_bool());
  EXPECT_FALSE(codes.at("NON").at("Taxable").as_bool());
  EXPECT_FALSE(codes.at("TAX").at("TaxGroup").as_bool());
  EXPECT_EQ(sales_rate_ids(codes.at("2")), std::vector<std::string>{"3"});
  EXPECT_EQ(rate_value(rates.at("3")), "8");
  EXPECT_EQ(sales_rate_ids(codes.at("3")).size(), 2u);
}

TEST(FreshCanadianCompany, HasGstAndHstCodesOnlyUntilAnAgencyIsAdded) {
  std::set<std::string> names;
  for (const auto& code : fresh_canadian_tax_codes()) names.emplace(code.at("Name").as_string());
  EXPECT_TRUE(names.count("GST"));
  EXPECT_TRUE(names.count("HST ON"));
  EXPECT_TRUE(names.count("HST NS"));
  EXPECT_TRUE(names.count("Zero-rated"));
  EXPECT_FALSE(names.count("GST/PST BC"));
  EXPECT_FALSE(names.count("GST/QST QC - 9.975"));
  const auto rates = by_id(fresh_canadian_tax_rates());
  for (const auto& code : fresh_canadian_tax_codes()) {
    for (const auto& id : sales_rate_ids(code.as_object())) EXPECT_TRUE(rates.count(id)) << id;
  }
}

TEST(FreshCanadianCompany, NovaScotiaHstKeepsItsRateHistory) {
  const auto codes = by_id(fresh_canadian_tax_codes());
  const auto rates = by_id(fresh_canadian_tax_rates());
  const auto rate_ids = sales_rate_ids(codes.at("11"));
  ASSERT_EQ(rate_ids.size(), 1u);
  const auto& rate = rates.at(rate_ids[0]);
  EXPECT_EQ(rate_value(rate), "14");
  const auto& periods = rate.at("EffectiveTaxRate").as_array();
  ASSERT_EQ(periods.size(), 2u);
  EXPECT_EQ(Decimal::from_json(periods[0].at("RateValue"))->to_string(), "15");
  EXPECT_EQ(periods[0].at("EndDate").as_string().subview().substr(0, 10), "2025-03-31");
  EXPECT_EQ(Decimal::from_json(periods[1].at("RateValue"))->to_string(), "14");
  EXPECT_EQ(periods[1].at("EffectiveDate").as_string().subview().substr(0, 10), "2025-04-01");
  EXPECT_FALSE(periods[1].as_object().contains("EndDate"));
}

TEST(AgencyTaxObjects, AProvincialAgencyBringsItsRateAndCodes) {
  const auto qst = agency_tax_objects("QST");
  ASSERT_TRUE(qst);
  ASSERT_EQ(qst->codes.size(), 1u);
  EXPECT_EQ(qst->codes[0].at("Name"), "GST/QST QC - 9.975");
  std::set<std::string> rate_names;
  for (const auto& rate : qst->rates) rate_names.emplace(rate.at("Name").as_string());
  EXPECT_TRUE(rate_names.count("QST QC - 9.975"));
  const auto pst = agency_tax_objects("PST BC");
  ASSERT_TRUE(pst);
  EXPECT_EQ(pst->codes[0].at("Name"), "GST/PST BC");
  EXPECT_FALSE(agency_tax_objects("HST ON"));
}

}  // namespace
}  // namespace qbo_sandbox::tax
