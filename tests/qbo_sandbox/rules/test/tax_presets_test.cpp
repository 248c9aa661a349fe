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

}  // namespace
}  // namespace qbo_sandbox::tax
