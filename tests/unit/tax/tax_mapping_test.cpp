#include "tax/tax_mapping.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "company_fixtures.h"
#include "document_cases.h"

namespace qbo_sync::tax {
namespace {

using testing::Company;
using testing::line;
using testing::tax;

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

// The Id of the code resolved for a line of one unit at 1.00 charged `taxes`; "" when blocked.
std::string code_of(std::vector<LineTax> taxes, std::string_view province,
                    const TaxMappingOverrides& overrides = {}) {
  const TaxCode* code =
      resolved(testing::line("x", "1", "1", std::move(taxes)), province, overrides);
  return code != nullptr ? code->id : "";
}

TEST(ResolveLineTaxCode, MatchesRatesThenProvince) {
  EXPECT_EQ(code_of({tax("HST", "13", "0.13")}, "ON"), "5");
  EXPECT_EQ(code_of({tax("GST", "5", "0.05"), tax("PST", "7", "0.07")}, "BC"), "9");
  EXPECT_EQ(code_of({tax("PST", "7", "0.07"), tax("GST", "5", "0.05")}, "MB"), "11");
  // A single CRM tax at the combined rate finds the two-rate code.
  EXPECT_EQ(code_of({tax("HST-QC", "14.975", "0.15")}, "QC"), "8");
  // 0 % CRM taxes are no tax: the untaxed default.
  EXPECT_EQ(code_of({tax("Zero", "0", "0")}, "ON"), "2");
}

TEST(ResolveLineTaxCode, AccountMappingComesFirst) {
  TaxMappingOverrides overrides;
  overrides.by_tax_name["hst"] = "14";
  overrides.by_rate.emplace_back(testing::decimal_of("15"), "13");
  EXPECT_EQ(code_of({tax("HST", "15", "0.15")}, "NB", overrides), "14");
  EXPECT_EQ(code_of({tax("Harmonized", "15", "0.15")}, "NB", overrides), "13");
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

MappedTax entry(std::size_t index, const char* name, const char* percent, const char* code_id,
                const char* region = "") {
  return mapped_tax(index, name, testing::decimal_of(percent), region, code_id);
}

std::string blocked_message(const SalesLine& line, std::string_view province,
                            const TaxMappingOverrides& overrides,
                            const TenantTaxModel& model = testing::model_of(Company::canada)) {
  auto result = resolve_line_tax_code(model, overrides, line, 0, province);
  if (auto* blocked = std::get_if<MissingTaxMapping>(&result)) return blocked->message;
  return "(resolved to " + std::get<const TaxCode*>(result)->id + ")";
}

TEST(MappedTaxes, NamesMatchWithUnicodeCaseFolding) {
  TaxMappingOverrides overrides;
  overrides.mapped_taxes = {entry(0, "TVQ Québec", "9.975", "8"), entry(1, "hst", "15", "14")};
  // An HST line in NB would get NB's own code automatically; the mapping wins.
  EXPECT_EQ(code_of({tax("HST", "15", "0.15")}, "NB", overrides), "14");
  EXPECT_EQ(code_of({tax("tvq QUÉBEC", "9.975", "0.10")}, "QC", overrides), "8");
  // "STRASSE" and "straße" fold to the same name; plain lower-casing would keep them apart.
  overrides.mapped_taxes = {entry(0, "Straße fee", "15", "14")};
  EXPECT_EQ(code_of({tax("STRASSE FEE", "15", "0.15")}, "NB", overrides), "14");
}

TEST(MappedTaxes, TheRateMustMatchExactly) {
  TaxMappingOverrides overrides;
  // HST at 15 % (NB) and at 13 % (ON) share a name; each rate has its own code.
  overrides.mapped_taxes = {entry(0, "HST", "15", "14"), entry(1, "HST", "13", "5")};
  EXPECT_EQ(code_of({tax("HST", "13", "0.13")}, "BC", overrides), "5");
  EXPECT_EQ(code_of({tax("HST", "15", "0.15")}, "BC", overrides), "14");
  // A rate no entry names is left to the automatic choice, which finds no code for it.
  const auto message =
      blocked_message(line("x", "1", "1", {tax("HST", "15.0001", "0.15")}), "BC", overrides);
  EXPECT_EQ(message.find("tax_mappings"), std::string::npos) << message;
  EXPECT_NE(message.find("no active TaxCode charging 15.0001 %"), std::string::npos) << message;
}

TEST(MappedTaxes, PerTaxEntriesCombineIntoTheCodeTheyShare) {
  TaxMappingOverrides overrides;
  // Both taxes mapped to GST/PST SK (5 % + 6 % there), though the customer is in BC.
  overrides.mapped_taxes = {entry(0, "GST", "5", "10"), entry(1, "PST", "6", "10")};
  EXPECT_EQ(code_of({tax("GST", "5", "0.05"), tax("PST", "6", "0.06")}, "BC", overrides), "10");
  // A GST-only mapping to the GST code does not capture a GST + PST line.
  overrides.mapped_taxes = {entry(0, "GST", "5", "7")};
  EXPECT_EQ(code_of({tax("GST", "5", "0.05"), tax("PST", "7", "0.07")}, "BC", overrides), "9");
  // One entry naming both taxes at their combined rate.
  overrides.mapped_taxes = {entry(0, "gst + qst", "14.975", "8")};
  EXPECT_EQ(code_of({tax("GST", "5", "0.05"), tax("QST", "9.975", "0.10")}, "ON", overrides), "8");
}

TEST(MappedTaxes, TaxesMappedToDifferentCodesBlockTheLine) {
  TaxMappingOverrides overrides;
  overrides.mapped_taxes = {entry(0, "GST", "5", "7"), entry(3, "PST", "7", "17")};
  const auto message = blocked_message(
      testing::line("x", "1", "1",
                    {testing::tax("GST", "5", "0.05"), testing::tax("PST", "7", "0.07")}),
      "BC", overrides);
  EXPECT_NE(message.find("mapped to different codes"), std::string::npos) << message;
  EXPECT_NE(message.find("tax_mappings/3"), std::string::npos) << message;
}

TEST(MappedTaxes, ARegionBoundEntryWinsOverAnUnboundOne) {
  TaxMappingOverrides overrides;
  overrides.mapped_taxes = {entry(0, "Sales tax", "15", "12"),
                            entry(1, "Sales tax", "15", "13", "NL"),
                            entry(2, "Sales tax", "15", "14", "PE")};
  EXPECT_EQ(code_of({tax("Sales tax", "15", "0.15")}, "NL", overrides), "13");
  EXPECT_EQ(resolved(line("x", "1", "1", {tax("Sales tax", "15", "0.15")}), "pe", overrides)->id,
            "14");
  // Nova Scotia's own code would be the automatic choice; the unbound entry wins over it.
  EXPECT_EQ(code_of({tax("Sales tax", "15", "0.15")}, "NS", overrides), "12");
}

TEST(MappedTaxes, AMappingWinsOverTheAutomaticChoice) {
  TaxMappingOverrides overrides;
  // ON's HST would be found by rate and province; the admin chose the other 13 % code.
  overrides.mapped_taxes = {entry(0, "HST ON", "13", "18")};
  const auto message = blocked_message(
      testing::line("x", "1", "1", {testing::tax("HST ON", "13", "0.13")}), "ON", overrides);
  // Code 18 is inactive: the mapping is not silently replaced by code 5, the line is blocked.
  EXPECT_NE(message.find("tax_mappings/0"), std::string::npos) << message;
  EXPECT_NE(message.find("inactive"), std::string::npos) << message;
}

TEST(ResolveLineTaxCode, ARateNotInForceOnTheDateIsNotCharged) {
  const auto codes = testing::nova_scotia_hst_codes_json();
  const auto rates = testing::nova_scotia_hst_rates_json();
  auto model_on = [&](std::string_view date) {
    return std::get<TenantTaxModel>(
        build_tax_model(testing::company_info_json(Company::canada), {}, codes, rates, date));
  };
  const auto line_at_15 = testing::line("Chair", "1", "100", {testing::tax("HST", "15", "15")});
  const auto in_2026 = model_on("2026-02-10");
  const auto message = blocked_message(line_at_15, "NS", {}, in_2026);
  EXPECT_NE(message.find("no active TaxCode charging 15 % on 2026-02-10"), std::string::npos)
      << message;
  EXPECT_NE(message.find("\"HST NS\" (Id 9) charged 15 % from 2010-07-01 to 2025-03-31 and "
                         "charges 14 % since 2025-04-01"),
            std::string::npos)
      << message;
  const auto model_2024 = model_on("2024-06-01");
  auto in_2024 = resolve_line_tax_code(model_2024, {}, line_at_15, 0, "NS");
  ASSERT_TRUE(std::holds_alternative<const TaxCode*>(in_2024));
  EXPECT_EQ(std::get<const TaxCode*>(in_2024)->id, "9");
}

TEST(ResolveLineTaxCode, AZeroRatedLineGetsTheZeroRatedCode) {
  auto zero_rated = testing::line("Groceries", "1", "10");
  zero_rated.exemption = Exemption::zero_rated;
  EXPECT_EQ(resolved(zero_rated, "ON")->id, "3");
  TaxMappingOverrides overrides;
  overrides.exempt_code = "2";
  overrides.zero_rated_code = "6";
  EXPECT_EQ(resolved(zero_rated, "ON", overrides)->id, "6");
  EXPECT_EQ(resolved(testing::line("Rent", "1", "10"), "ON", overrides)->id, "2");
}

TEST(DescribeRates, ListsPercents) {
  EXPECT_EQ(describe_rates({testing::decimal_of("5"), testing::decimal_of("9.975")}),
            "5 % + 9.975 %");
  EXPECT_EQ(describe_rates({}), "0 %");
}

}  // namespace
}  // namespace qbo_sync::tax
