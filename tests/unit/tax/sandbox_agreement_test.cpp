// Every planned case of the table (document_cases.cpp), planned again against the QBO sandbox's
// preset company and run through the sandbox's own tax rules (written independently of this
// engine): what QBO would hold must be the CRM's totals, and the engine's prediction of QBO's own
// tax (before any override) must be what the sandbox computes.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include <boost/json/parse.hpp>

#include "document_cases.h"
#include "money/json_numbers.h"
#include "rules/tax.h"
#include "tax/plan_json.h"

namespace qbo_sync::tax::testing {
namespace {

namespace json = boost::json;

// Cases the sandbox's preset companies cannot host, and why.
const std::map<std::string, std::string>& not_in_presets() {
  static const std::map<std::string, std::string> cases = {
      {"BC_mixed_gst_pst_pst_only_gst_only", "the preset company has no PST-only BC code"},
      {"UK_vat_standard_and_reduced", "the sandbox has no UK company"},
  };
  return cases;
}

bool is_us(Company company) {
  return company == Company::united_states || company == Company::united_states_ast;
}

TenantTaxModel preset_model(Company company) {
  const auto region =
      is_us(company) ? qbo_sandbox::tax::Region::united_states : qbo_sandbox::tax::Region::canada;
  json::object company_info;
  company_info["Country"] = is_us(company) ? "US" : "CA";
  json::object address;
  address["CountrySubDivisionCode"] = is_us(company) ? "CA" : "ON";
  company_info["CompanyAddr"] = std::move(address);
  auto built = build_tax_model(company_info, preferences_json(company),
                               qbo_sandbox::tax::preset_tax_codes(region),
                               qbo_sandbox::tax::preset_tax_rates(region));
  EXPECT_TRUE(std::holds_alternative<TenantTaxModel>(built));
  return std::get<TenantTaxModel>(built);
}

money::Amount amount_at(const json::object& object, std::string_view key, int digits) {
  const auto* value = object.if_contains(key);
  if (!value) return money::Amount{0, digits};
  const auto decimal = money::decimal_from_json(*value);
  EXPECT_TRUE(decimal.has_value()) << key;
  return money::Amount{decimal ? decimal->to_scaled_half_up(digits).value_or(0) : 0, digits};
}

struct SandboxResult {
  money::Amount total;
  money::Amount total_tax;
  std::map<std::string, money::Amount> tax_by_rate;
};

// Posts the plan's body (as serialized text, as the plugin would send it) through the sandbox's
// rules for a SalesReceipt.
std::optional<SandboxResult> run_in_sandbox(const DocumentPlan& plan, Company company, int digits,
                                            bool with_override) {
  DocumentPlan sent = plan;
  if (!with_override) sent.tax_override.reset();
  json::object body = to_json(sent, [](std::size_t) {
    json::object item;
    item["value"] = "1";
    return json::value(std::move(item));
  });
  json::object customer;
  customer["value"] = "1";
  body["CustomerRef"] = std::move(customer);
  json::object transaction = json::parse(money::serialize_exact(body)).as_object();

  const auto region =
      is_us(company) ? qbo_sandbox::tax::Region::united_states : qbo_sandbox::tax::Region::canada;
  const auto fault = qbo_sandbox::tax::compute_totals(transaction, "SalesReceipt", region,
                                                      qbo_sandbox::tax::preset_tax_codes(region),
                                                      qbo_sandbox::tax::preset_tax_rates(region));
  if (fault) {
    ADD_FAILURE() << "the sandbox refused the document: " << fault->code << " " << fault->message
                  << " / " << fault->detail << "\n"
                  << money::serialize_exact(transaction);
    return std::nullopt;
  }
  SandboxResult result;
  result.total = amount_at(transaction, "TotalAmt", digits);
  if (const auto* detail = transaction.if_contains("TxnTaxDetail"); detail && detail->is_object()) {
    result.total_tax = amount_at(detail->get_object(), "TotalTax", digits);
    if (const auto* lines = detail->get_object().if_contains("TaxLine");
        lines && lines->is_array()) {
      for (const auto& line : lines->get_array()) {
        const auto& tax_line = line.as_object();
        const auto& inner = tax_line.at("TaxLineDetail").as_object();
        const std::string rate_id(inner.at("TaxRateRef").as_object().at("value").as_string());
        result.tax_by_rate[rate_id] = amount_at(tax_line, "Amount", digits);
      }
    }
  } else {
    result.total_tax = money::Amount{0, digits};
  }
  return result;
}

// The account's mapping names codes of the test company; the preset company has them under other
// Ids, found by name.
TaxMappingOverrides in_preset_ids(TaxMappingOverrides overrides, Company company,
                                  const TenantTaxModel& presets) {
  const TenantTaxModel fixture = model_of(company);
  auto translate = [&](std::string& code_id) {
    const TaxCode* code = fixture.find_code(code_id);
    ASSERT_NE(code, nullptr) << code_id;
    for (const auto& preset : presets.codes) {
      if (preset.name == code->name) {
        code_id = preset.id;
        return;
      }
    }
    FAIL() << "no preset code named " << code->name;
  };
  for (auto& [name, code_id] : overrides.by_tax_name) translate(code_id);
  for (auto& [rate, code_id] : overrides.by_rate) translate(code_id);
  for (auto* code_id :
       {&overrides.exempt_code, &overrides.zero_rated_code, &overrides.out_of_scope_code}) {
    if (*code_id) translate(**code_id);
  }
  return overrides;
}

std::vector<DocumentCase> planned_cases() {
  std::vector<DocumentCase> cases;
  for (const auto& c : document_cases()) {
    if (c.expect == Expect::plan) cases.push_back(c);
  }
  return cases;
}

class SandboxAgreementTest : public ::testing::TestWithParam<DocumentCase> {};

TEST_P(SandboxAgreementTest, QboHoldsTheCrmTotals) {
  const DocumentCase& c = GetParam();
  if (const auto skipped = not_in_presets().find(c.id); skipped != not_in_presets().end())
    GTEST_SKIP() << skipped->second;
  const int digits = c.document.currency_digits;
  const TenantTaxModel model = preset_model(c.company);
  const TaxMappingOverrides overrides = in_preset_ids(c.overrides, c.company, model);
  const PlanOutcome outcome = plan_document(c.document, model, overrides, c.options);
  ASSERT_TRUE(std::holds_alternative<DocumentPlan>(outcome));
  const auto& plan = std::get<DocumentPlan>(outcome);

  // What the plugin sends: the sandbox must hold the CRM's total and tax to the cent.
  const auto sent = run_in_sandbox(plan, c.company, digits, /*with_override=*/true);
  ASSERT_TRUE(sent.has_value());
  EXPECT_EQ(sent->total, c.document.total);
  // A US company gets the tax folded into its line prices, so QBO itself holds no tax.
  const money::Amount expected_tax =
      is_us(c.company) ? money::Amount{0, digits} : c.document.tax_total;
  EXPECT_EQ(sent->total_tax, expected_tax);
  EXPECT_EQ(sent->total_tax, plan.qbo_total_tax);
  EXPECT_EQ(sent->total, plan.qbo_total);
  for (const auto& tax_line : plan.qbo_tax_lines) {
    SCOPED_TRACE("rate " + tax_line.rate_id);
    ASSERT_TRUE(sent->tax_by_rate.count(tax_line.rate_id));
    EXPECT_EQ(sent->tax_by_rate.at(tax_line.rate_id), tax_line.amount);
  }

  // Without the override: the engine's prediction of QBO's own computation.
  if (!is_us(c.company)) {
    const auto own = run_in_sandbox(plan, c.company, digits, /*with_override=*/false);
    ASSERT_TRUE(own.has_value());
    money::Amount predicted_tax{0, digits};
    for (const auto& tax_line : plan.qbo_computed_tax_lines) {
      SCOPED_TRACE("QBO's own, rate " + tax_line.rate_id);
      predicted_tax.minor += tax_line.amount.minor;
      ASSERT_TRUE(own->tax_by_rate.count(tax_line.rate_id));
      EXPECT_EQ(own->tax_by_rate.at(tax_line.rate_id), tax_line.amount);
    }
    EXPECT_EQ(own->total_tax, predicted_tax);
  }
}

std::vector<DocumentCase> held_because_qbo_differs() {
  std::vector<DocumentCase> cases;
  for (const auto& c : document_cases()) {
    if (c.expect == Expect::hold && c.cause == MismatchCause::qbo_total_would_differ)
      cases.push_back(c);
  }
  return cases;
}

class SandboxHoldTest : public ::testing::TestWithParam<DocumentCase> {};

// A held document's "QBO would hold" figure is what the sandbox computes for the document sent
// without the CRM's tax amounts.
TEST_P(SandboxHoldTest, QboWouldHoldTheHeldFigure) {
  const DocumentCase& c = GetParam();
  const TenantTaxModel model = preset_model(c.company);
  PlanOptions lenient = c.options;
  lenient.tolerance = RoundingToleranceKind::fixed;
  lenient.fixed_tolerance_minor = 1'000'000;
  const PlanOutcome outcome =
      plan_document(c.document, model, in_preset_ids(c.overrides, c.company, model), lenient);
  ASSERT_TRUE(std::holds_alternative<DocumentPlan>(outcome));
  const auto own = run_in_sandbox(std::get<DocumentPlan>(outcome), c.company,
                                  c.document.currency_digits, /*with_override=*/false);
  ASSERT_TRUE(own.has_value());
  EXPECT_EQ(own->total, money_of(c.computed_total, c.document.currency_digits));
  EXPECT_EQ(own->total.minor - c.document.total.minor, c.difference_minor);
}

INSTANTIATE_TEST_SUITE_P(Table, SandboxHoldTest, ::testing::ValuesIn(held_because_qbo_differs()),
                         [](const ::testing::TestParamInfo<DocumentCase>& case_info) {
                           return case_info.param.id;
                         });

INSTANTIATE_TEST_SUITE_P(Table, SandboxAgreementTest, ::testing::ValuesIn(planned_cases()),
                         [](const ::testing::TestParamInfo<DocumentCase>& case_info) {
                           return case_info.param.id;
                         });

}  // namespace
}  // namespace qbo_sync::tax::testing
