#include "tax/tax_mapping.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "company_fixtures.h"
#include "document_cases.h"

namespace qbo_sync::tax {
namespace {

using testing::Company;

TaxMappingOverrides parsed_overrides(const char* text) {
  auto result = overrides_from_json(boost::json::parse(text));
  EXPECT_TRUE(std::holds_alternative<TaxMappingOverrides>(result));
  return std::get<TaxMappingOverrides>(result);
}

std::string error_field(const char* text) {
  auto result = overrides_from_json(boost::json::parse(text));
  if (!std::holds_alternative<OverrideError>(result)) return "(accepted)";
  return std::get<OverrideError>(result).field;
}

TEST(OverridesFromJson, ReadsEveryKind) {
  const auto overrides = parsed_overrides(R"({"by_tax_name":{" GST + QST ":"8"},
    "by_rate":{"14.975":"8"},"exempt":"2","zero_rated":"3","out_of_scope":"6",
    "untaxed_lines":"zero_rated"})");
  EXPECT_EQ(overrides.by_tax_name.at("gst + qst"), "8");
  ASSERT_EQ(overrides.by_rate.size(), 1u);
  EXPECT_EQ(overrides.by_rate[0].first.to_canonical_string(), "14.975");
  EXPECT_EQ(overrides.exempt_code, "2");
  EXPECT_EQ(overrides.zero_rated_code, "3");
  EXPECT_EQ(overrides.out_of_scope_code, "6");
  EXPECT_EQ(overrides.untaxed_lines, Exemption::zero_rated);
  EXPECT_TRUE(parsed_overrides("null").by_tax_name.empty());
}

TEST(OverridesFromJson, NamesTheBadField) {
  EXPECT_EQ(error_field(R"({"by_rate":{"13%":"5"}})"), "tax_mapping.by_rate.13%");
  EXPECT_EQ(error_field(R"({"by_tax_name":{"GST":7}})"), "tax_mapping.by_tax_name.GST");
  EXPECT_EQ(error_field(R"({"exempt":""})"), "tax_mapping.exempt");
  EXPECT_EQ(error_field(R"({"untaxed_lines":"free"})"), "tax_mapping.untaxed_lines");
  EXPECT_EQ(error_field(R"({"by_province":{}})"), "tax_mapping.by_province");
  EXPECT_EQ(error_field(R"([1])"), "tax_mapping");
}

TEST(ValidateOverrides, AcceptsCodesTheCompanyHas) {
  const auto overrides = parsed_overrides(
      R"({"by_tax_name":{"GST + QST":"8","Atlantic HST":"14"},"by_rate":{"13":"5"},
          "exempt":"2","zero_rated":"3","out_of_scope":"6"})");
  EXPECT_TRUE(validate_overrides(overrides, testing::model_of(Company::canada)).empty());
}

TEST(ValidateOverrides, ReportsEachCodeThatDoesNotFit) {
  const auto overrides = parsed_overrides(
      R"({"by_tax_name":{"GST":"77"},"by_rate":{"15":"5"},"exempt":"5","zero_rated":"4",
          "out_of_scope":"18"})");
  const auto errors = validate_overrides(overrides, testing::model_of(Company::canada));
  ASSERT_EQ(errors.size(), 5u);
  EXPECT_EQ(errors[0].field, "tax_mapping.by_tax_name.gst");
  EXPECT_EQ(errors[0].code_id, "77");
  EXPECT_NE(errors[0].message.find("TaxCode Id 77 does not exist"), std::string::npos);
  EXPECT_EQ(errors[1].field, "tax_mapping.by_rate.15");
  EXPECT_NE(errors[1].message.find("charges 13 %, not 15 %"), std::string::npos);
  EXPECT_EQ(errors[2].field, "tax_mapping.exempt");
  EXPECT_NE(errors[2].message.find("not an untaxed code"), std::string::npos);
  EXPECT_EQ(errors[3].field, "tax_mapping.zero_rated");
  EXPECT_NE(errors[3].message.find("GST/HST Adjustment"), std::string::npos);
  EXPECT_EQ(errors[4].field, "tax_mapping.out_of_scope");
  EXPECT_NE(errors[4].message.find("inactive"), std::string::npos);
}

TEST(ValidateOverrides, UsCompaniesTakeNoCodeMapping) {
  const auto errors = validate_overrides(parsed_overrides(R"({"exempt":"NON"})"),
                                         testing::model_of(Company::united_states));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].message.find("folded"), std::string::npos);
}

const TaxCode* resolved(const SalesLine& line, std::string_view province,
                        const TaxMappingOverrides& overrides = {}) {
  static const TenantTaxModel model = testing::model_of(Company::canada);
  auto result = resolve_line_tax_code(model, overrides, line, 0, province);
  if (auto* blocked = std::get_if<MissingTaxMapping>(&result)) {
    ADD_FAILURE() << blocked->message;
    return nullptr;
  }
  return std::get<const TaxCode*>(result);
}

TEST(ResolveLineTaxCode, MatchesRatesThenProvince) {
  using testing::line;
  using testing::tax;
  EXPECT_EQ(resolved(line("x", "1", "1", {tax("HST", "13", "0.13")}), "ON")->id, "5");
  EXPECT_EQ(
      resolved(line("x", "1", "1", {tax("GST", "5", "0.05"), tax("PST", "7", "0.07")}), "BC")->id,
      "9");
  EXPECT_EQ(
      resolved(line("x", "1", "1", {tax("PST", "7", "0.07"), tax("GST", "5", "0.05")}), "MB")->id,
      "11");
  // A single CRM tax at the combined rate finds the two-rate code.
  EXPECT_EQ(resolved(line("x", "1", "1", {tax("HST-QC", "14.975", "0.15")}), "QC")->id, "8");
  // 0 % CRM taxes are no tax: the untaxed default.
  EXPECT_EQ(resolved(line("x", "1", "1", {tax("Zero", "0", "0")}), "ON")->id, "2");
}

TEST(ResolveLineTaxCode, AccountMappingComesFirst) {
  using testing::line;
  using testing::tax;
  TaxMappingOverrides overrides;
  overrides.by_tax_name["hst"] = "14";
  overrides.by_rate.emplace_back(testing::decimal_of("15"), "13");
  EXPECT_EQ(resolved(line("x", "1", "1", {tax("HST", "15", "0.15")}), "NB", overrides)->id, "14");
  EXPECT_EQ(resolved(line("x", "1", "1", {tax("Harmonized", "15", "0.15")}), "NB", overrides)->id,
            "13");
  overrides.exempt_code = "6";
  EXPECT_EQ(resolved(line("x", "1", "1"), "ON", overrides)->id, "6");
}

TEST(ResolveLineTaxCode, BlocksWithTheLineAndWhatToMap) {
  const TenantTaxModel model = testing::model_of(Company::canada);
  auto result = resolve_line_tax_code(
      model, {}, testing::line("Tire", "1", "1", {testing::tax("Eco fee", "2", "0.02")}), 3, "ON");
  ASSERT_TRUE(std::holds_alternative<MissingTaxMapping>(result));
  const auto& blocked = std::get<MissingTaxMapping>(result);
  EXPECT_EQ(blocked.line_index, 3u);
  EXPECT_EQ(blocked.line_name, "Tire");
  EXPECT_EQ(blocked.missing_mapping, "tax \"Eco fee\" (2 %)");
  EXPECT_NE(blocked.message.find("Line 4 (\"Tire\")"), std::string::npos);
}

TEST(DescribeRates, ListsPercents) {
  EXPECT_EQ(describe_rates({testing::decimal_of("5"), testing::decimal_of("9.975")}),
            "5 % + 9.975 %");
  EXPECT_EQ(describe_rates({}), "0 %");
}

}  // namespace
}  // namespace qbo_sync::tax
