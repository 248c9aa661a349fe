#include "tax/plan_json.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "company_fixtures.h"
#include "document_cases.h"
#include "money/json_numbers.h"

namespace qbo_sync::tax {
namespace {

using testing::Company;

const testing::DocumentCase& table_case(const std::string& id) {
  for (const auto& c : testing::document_cases()) {
    if (c.id == id) return c;
  }
  throw std::runtime_error("no case " + id);
}

DocumentPlan plan_of(const std::string& id) {
  const auto& c = table_case(id);
  auto outcome = plan_document(c.document, testing::model_of(c.company), c.overrides, c.options);
  return std::get<DocumentPlan>(outcome);
}

TEST(PlanJson, RecordedInvoiceInQboShapes) {
  // The request of the recorded Canadian sandbox invoice, as this plugin sends it (with
  // GlobalTaxCalculation and the SubTotal line QBO would insert itself).
  const auto body =
      to_json(plan_of("ON_recorded_invoice_discount_before_tax"), [](std::size_t index) {
        boost::json::object ref;
        ref["value"] = index == 0 ? "14" : "12";
        return boost::json::value(std::move(ref));
      });
  EXPECT_EQ(money::serialize_exact(body),
            R"({"Line":[)"
            R"({"DetailType":"SalesItemLineDetail","Amount":50,"Description":"Pens",)"
            R"("SalesItemLineDetail":{"ItemRef":{"value":"14"},"Qty":5,"UnitPrice":10,)"
            R"("TaxCodeRef":{"value":"5"}}},)"
            R"({"DetailType":"SalesItemLineDetail","Amount":70,"Description":"Pad folios",)"
            R"("SalesItemLineDetail":{"ItemRef":{"value":"12"},"Qty":1,"UnitPrice":70,)"
            R"("TaxCodeRef":{"value":"2"}}},)"
            R"({"DetailType":"SubTotalLineDetail","Amount":120,"SubTotalLineDetail":{}},)"
            R"({"DetailType":"DiscountLineDetail","Amount":10,)"
            R"("DiscountLineDetail":{"PercentBased":false}}],)"
            R"("GlobalTaxCalculation":"TaxExcluded"})");
}

TEST(PlanJson, OverrideSendsEveryRateOfEveryCodeUsed) {
  const auto body = to_json(plan_of("QC_qst_rounds_per_line_override"));
  const auto text = money::serialize_exact(body.at("TxnTaxDetail"));
  EXPECT_EQ(
      text,
      R"({"TotalTax":8.63,"TaxLine":[)"
      R"({"DetailType":"TaxLineDetail","Amount":2.88,"TaxLineDetail":{"TaxRateRef":)"
      R"({"value":"20"},"PercentBased":true,"TaxPercent":5,"NetAmountTaxable":57.67}},)"
      R"({"DetailType":"TaxLineDetail","Amount":5.75,"TaxLineDetail":{"TaxRateRef":)"
      R"({"value":"21"},"PercentBased":true,"TaxPercent":9.975,"NetAmountTaxable":57.67}}]})");
}

TEST(PlanJson, UsPlanHasNonLinesAndNoGlobalTaxCalculation) {
  const auto body = to_json(plan_of("US_folds_discount_and_tax"));
  EXPECT_FALSE(body.contains("GlobalTaxCalculation"));
  EXPECT_FALSE(body.contains("TxnTaxDetail"));
  const auto& first = body.at("Line").as_array().at(0).as_object();
  EXPECT_EQ(money::serialize_exact(first.at("SalesItemLineDetail")),
            R"({"Qty":2,"UnitPrice":24.355,"TaxCodeRef":{"value":"NON"}})");
  EXPECT_EQ(money::serialize_exact(first.at("Amount")), "48.71");

  const auto ast = to_json(plan_of("US_ast_company_total_tax_zero"));
  EXPECT_EQ(money::serialize_exact(ast.at("TxnTaxDetail")), R"({"TotalTax":0})");
}

TEST(PlanJson, AmountOnlyLineWhenNoUnitPriceFits) {
  DocumentPlan plan;
  plan.currency = "CAD";
  PlannedLine line;
  line.amount = money::Amount{1, 2};
  line.tax_code_id = "5";
  plan.lines.push_back(line);
  const auto body = to_json(plan);
  EXPECT_EQ(money::serialize_exact(body.at("Line").as_array().at(0)),
            R"({"DetailType":"SalesItemLineDetail","Amount":0.01,)"
            R"("SalesItemLineDetail":{"TaxCodeRef":{"value":"5"}}})");
}

TEST(CheckPostedTotals, RecordedResponseMatchesThePlan) {
  const DocumentPlan plan = plan_of("ON_recorded_invoice_discount_before_tax");
  // Trimmed from the real response in the recorded Canadian sandbox invoice.
  const auto response = boost::json::parse(R"({"Invoice":{"Id":"188","TxnTaxDetail":
    {"TotalTax":5.96},"GlobalTaxCalculation":"TaxExcluded","TotalAmt":115.96}})");
  EXPECT_FALSE(check_posted_totals(plan, response.as_object()));
}

TEST(CheckPostedTotals, DifferentTotalIsHeldWithBothFigures) {
  const DocumentPlan plan = plan_of("ON_recorded_invoice_discount_before_tax");
  const auto response =
      boost::json::parse(R"({"TxnTaxDetail":{"TotalTax":5.97},"TotalAmt":115.97})");
  const auto held = check_posted_totals(plan, response.as_object());
  ASSERT_TRUE(held);
  EXPECT_EQ(held->cause, MismatchCause::posted_total_differs);
  EXPECT_EQ(held->crm_total.to_string(), "115.96");
  EXPECT_EQ(held->computed_total.to_string(), "115.97");
  EXPECT_EQ(held->difference_minor, 1);
  EXPECT_NE(held->message.find("115.97"), std::string::npos);
  EXPECT_NE(held->message.find("115.96"), std::string::npos);
}

TEST(CheckPostedTotals, MissingTotalIsHeld) {
  const DocumentPlan plan = plan_of("ON_hst_13");
  const auto held = check_posted_totals(plan, boost::json::parse(R"({"Id":"1"})").as_object());
  ASSERT_TRUE(held);
  EXPECT_NE(held->message.find("TotalAmt"), std::string::npos);
}

}  // namespace
}  // namespace qbo_sync::tax
