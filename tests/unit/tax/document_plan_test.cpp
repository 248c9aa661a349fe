// The table of hand-computed cases (document_cases.cpp) through plan_document: every QBO line,
// discount, TaxLine and total, or the hold / block / refusal each case must produce.
#include "tax/document_plan.h"

#include <gtest/gtest.h>

#include "document_cases.h"
#include "money/json_numbers.h"
#include "tax/plan_json.h"

namespace qbo_sync::tax::testing {
namespace {

const char* kind_name(const PlanOutcome& outcome) {
  switch (outcome.index()) {
    case 0:
      return "plan";
    case 1:
      return "hold";
    case 2:
      return "block";
    default:
      return "invalid";
  }
}

std::string describe(const PlanOutcome& outcome) {
  if (const auto* hold = std::get_if<TotalMismatchHold>(&outcome)) return hold->message;
  if (const auto* block = std::get_if<MissingTaxMapping>(&outcome)) return block->message;
  if (const auto* invalid = std::get_if<InvalidDocument>(&outcome))
    return invalid->field + ": " + invalid->message;
  return "a plan";
}

void expect_tax_lines(const std::vector<PlannedTaxLine>& actual,
                      const std::vector<ExpectedTaxLine>& expected, const char* what) {
  ASSERT_EQ(actual.size(), expected.size()) << what;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    SCOPED_TRACE(std::string(what) + " " + std::to_string(i));
    EXPECT_EQ(actual[i].rate_id, expected[i].rate_id);
    EXPECT_EQ(actual[i].net_amount_taxable, money_of(expected[i].net_amount_taxable));
    EXPECT_EQ(actual[i].amount, money_of(expected[i].amount));
  }
}

class DocumentPlanTest : public ::testing::TestWithParam<DocumentCase> {};

TEST_P(DocumentPlanTest, ProducesTheHandComputedOutcome) {
  const DocumentCase& c = GetParam();
  const TenantTaxModel model = model_of(c.company);
  const PlanOutcome outcome = plan_document(c.document, model, c.overrides, c.options);
  const std::size_t expected_index = static_cast<std::size_t>(c.expect);
  ASSERT_EQ(outcome.index(), expected_index)
      << "got a " << kind_name(outcome) << ": " << describe(outcome);

  switch (c.expect) {
    case Expect::plan: {
      const auto& plan = std::get<DocumentPlan>(outcome);
      const int digits = c.document.currency_digits;
      ASSERT_EQ(plan.lines.size(), c.lines.size());
      for (std::size_t i = 0; i < c.lines.size(); ++i) {
        SCOPED_TRACE("line " + std::to_string(i));
        const auto& line = plan.lines[i];
        EXPECT_EQ(line.crm_line_index, i);
        EXPECT_EQ(line.description, c.document.lines[i].product_name);
        EXPECT_EQ(line.amount, money_of(c.lines[i].amount, digits));
        EXPECT_EQ(line.tax_code_id, c.lines[i].tax_code_id);
        if (c.lines[i].quantity.empty()) {
          EXPECT_FALSE(line.quantity.has_value());
        } else {
          ASSERT_TRUE(line.quantity && line.unit_price);
          EXPECT_EQ(*line.quantity, decimal_of(c.lines[i].quantity));
          EXPECT_EQ(*line.unit_price, decimal_of(c.lines[i].unit_price));
          EXPECT_LE(line.unit_price->significant_decimals(), 7);
        }
      }
      if (c.discount.empty()) {
        EXPECT_FALSE(plan.discount.has_value());
      } else {
        ASSERT_TRUE(plan.discount && plan.subtotal);
        EXPECT_EQ(*plan.discount, money_of(c.discount, digits));
        EXPECT_EQ(*plan.subtotal, money_of(c.subtotal, digits));
      }
      EXPECT_EQ(plan.global_tax_calculation, c.global_tax_calculation);
      EXPECT_EQ(plan.tax_override.has_value(), c.sends_tax_override);
      expect_tax_lines(plan.qbo_tax_lines, c.qbo_tax_lines, "QBO tax line");
      if (plan.tax_override) {
        expect_tax_lines(plan.tax_override->tax_lines, c.qbo_tax_lines, "override tax line");
        EXPECT_EQ(plan.tax_override->total_tax, money_of(c.qbo_total_tax, digits));
        if (!c.qbo_computed_lines.empty())
          expect_tax_lines(plan.qbo_computed_tax_lines, c.qbo_computed_lines, "QBO's own");
      } else {
        expect_tax_lines(plan.qbo_computed_tax_lines, c.qbo_tax_lines, "QBO's own");
      }
      EXPECT_EQ(plan.qbo_total_tax, money_of(c.qbo_total_tax, digits));
      EXPECT_EQ(plan.qbo_total, money_of(c.qbo_total, digits));
      // What QBO will hold is the CRM's document, to the cent.
      EXPECT_EQ(plan.qbo_total, c.document.total);
      break;
    }
    case Expect::hold: {
      const auto& hold = std::get<TotalMismatchHold>(outcome);
      EXPECT_EQ(TotalMismatchHold::reason, "total_mismatch");
      EXPECT_EQ(hold.cause, c.cause);
      EXPECT_EQ(hold.crm_total, c.document.total);
      EXPECT_EQ(hold.computed_total, money_of(c.computed_total, c.document.currency_digits));
      EXPECT_EQ(hold.difference_minor, c.difference_minor);
      EXPECT_NE(hold.message.find(c.document.total.to_string()), std::string::npos) << hold.message;
      break;
    }
    case Expect::block: {
      const auto& block = std::get<MissingTaxMapping>(outcome);
      EXPECT_EQ(block.line_index, c.blocked_line);
      EXPECT_EQ(block.line_name, c.document.lines[c.blocked_line].product_name);
      EXPECT_NE(block.missing_mapping.find(c.missing_mapping_contains), std::string::npos)
          << block.missing_mapping;
      EXPECT_NE(block.message.find(block.line_name), std::string::npos) << block.message;
      break;
    }
    case Expect::invalid: {
      const auto& invalid = std::get<InvalidDocument>(outcome);
      EXPECT_EQ(invalid.field, c.invalid_field) << invalid.message;
      EXPECT_FALSE(invalid.message.empty());
      break;
    }
  }
}

TEST(DocumentCasesTable, HasAtLeastFortyCases) {
  EXPECT_GE(document_cases().size(), 40u);
}

INSTANTIATE_TEST_SUITE_P(Table, DocumentPlanTest, ::testing::ValuesIn(document_cases()),
                         [](const ::testing::TestParamInfo<DocumentCase>& case_info) {
                           return case_info.param.id;
                         });

}  // namespace
}  // namespace qbo_sync::tax::testing
