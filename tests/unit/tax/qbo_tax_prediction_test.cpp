// The prediction of QBO's arithmetic against real QBO documents recorded in public client test
// suites.
#include "tax/qbo_tax_prediction.h"

#include <gtest/gtest.h>

#include "company_fixtures.h"
#include "document_cases.h"

namespace qbo_sync::tax {
namespace {

TaxCode code_with_rates(std::vector<std::pair<std::string, std::string>> rates) {
  TaxCode code;
  code.id = "99";
  code.name = "Test";
  for (const auto& [id, percent] : rates)
    code.sales_rates.push_back({id, "rate " + id, testing::decimal_of(percent), {}});
  return code;
}

TEST(PredictQboTotals, RecordedCanadianInvoice) {
  // the recorded Canadian sandbox invoice: 50 HST ON + 70 Exempt, 10.00 discount → TotalTax 5.96,
  // TotalAmt 115.96, NetAmountTaxable 45.83 (rate 12) and 64.17 (rate 2).
  const TenantTaxModel model = testing::model_of(testing::Company::canada);
  const auto prediction =
      predict_qbo_totals({{5000, model.find_code("5")}, {7000, model.find_code("2")}}, 1000,
                         TaxCalculation::tax_excluded);
  ASSERT_TRUE(prediction);
  EXPECT_EQ(prediction->discount_shares, (std::vector<int64_t>{417, 583}));
  ASSERT_EQ(prediction->tax_lines.size(), 2u);
  EXPECT_EQ(prediction->tax_lines[0].rate_id, "2");
  EXPECT_EQ(prediction->tax_lines[0].net_amount_taxable_minor, 6417);
  EXPECT_EQ(prediction->tax_lines[0].amount_minor, 0);
  EXPECT_EQ(prediction->tax_lines[1].rate_id, "12");
  EXPECT_EQ(prediction->tax_lines[1].net_amount_taxable_minor, 4583);
  EXPECT_EQ(prediction->tax_lines[1].amount_minor, 596);
  EXPECT_EQ(prediction->subtotal_minor, 12000);
  EXPECT_EQ(prediction->total_tax_minor, 596);
  EXPECT_EQ(prediction->total_amount_minor, 11596);
}

TEST(PredictQboTotals, RoundsPerLineNotPerDocument) {
  // Intuit staff on the QuickBooks Community: 29 lines at 1.59 and 2 at 17.49, 12 %:
  // 29 × 0.19 + 2 × 2.10 = 9.71, where 81.09 × 12 % would give 9.73.
  const TaxCode code = code_with_rates({{"1", "12"}});
  std::vector<PredictionLine> lines(29, {159, &code});
  lines.push_back({1749, &code});
  lines.push_back({1749, &code});
  const auto prediction = predict_qbo_totals(lines, 0, TaxCalculation::tax_excluded);
  ASSERT_TRUE(prediction);
  EXPECT_EQ(prediction->tax_lines.at(0).net_amount_taxable_minor, 8109);
  EXPECT_EQ(prediction->total_tax_minor, 971);
  EXPECT_EQ(prediction->tax_lines.at(0).line_count, 31);
}

TEST(PredictQboTotals, EachRateOfACombinedCodeRoundsOnItsOwn) {
  // Intuit staff's worked example: 19.99, 4.35, 33.33 at GST/QST → GST 2.89, QST 5.74.
  const TaxCode code = code_with_rates({{"20", "5"}, {"21", "9.975"}});
  const auto prediction = predict_qbo_totals({{1999, &code}, {435, &code}, {3333, &code}}, 0,
                                             TaxCalculation::tax_excluded);
  ASSERT_TRUE(prediction);
  EXPECT_EQ(prediction->tax_lines.at(0).amount_minor, 289);
  EXPECT_EQ(prediction->tax_lines.at(1).amount_minor, 574);
  EXPECT_EQ(prediction->line_rate_taxes.at(2), (std::vector<int64_t>{167, 332}));
  EXPECT_EQ(prediction->total_amount_minor, 6630);
}

TEST(PredictQboTotals, TaxInclusiveInvoiceWithDiscount) {
  // a recorded 2016 Canadian invoice: gross 9.00 and 3.00, 20 % = 2.40 off → TotalTax 1.11,
  // NetAmountTaxable 8.49, TotalAmt 9.60.
  const TaxCode code = code_with_rates({{"12", "13"}});
  const auto prediction =
      predict_qbo_totals({{900, &code}, {300, &code}}, 240, TaxCalculation::tax_inclusive);
  ASSERT_TRUE(prediction);
  EXPECT_EQ(prediction->tax_lines.at(0).net_amount_taxable_minor, 849);
  EXPECT_EQ(prediction->total_tax_minor, 111);
  EXPECT_EQ(prediction->total_amount_minor, 960);
}

TEST(PredictQboTotals, TaxInclusiveAustralianInvoice) {
  // a recorded tax-inclusive GST invoice: seven gross lines at GST 10 % → nets Σ 3592.39, TotalTax
  // 359.24, TotalAmt 3951.63.
  const TaxCode code = code_with_rates({{"1", "10"}});
  std::vector<PredictionLine> lines;
  for (const int64_t gross : {30546, 341980, 8750, 4280, 5412, 1997, 2198})
    lines.push_back({gross, &code});
  const auto prediction = predict_qbo_totals(lines, 0, TaxCalculation::tax_inclusive);
  ASSERT_TRUE(prediction);
  EXPECT_EQ(prediction->taxable_bases,
            (std::vector<int64_t>{27769, 310891, 7955, 3891, 4920, 1815, 1998}));
  EXPECT_EQ(prediction->tax_lines.at(0).net_amount_taxable_minor, 359239);
  EXPECT_EQ(prediction->total_tax_minor, 35924);
  EXPECT_EQ(prediction->total_amount_minor, 395163);
}

TEST(PredictQboTotals, RefusesWhatQboWouldRefuse) {
  const TaxCode code = code_with_rates({{"1", "5"}});
  EXPECT_FALSE(predict_qbo_totals({{100, nullptr}}, 0, TaxCalculation::tax_excluded));
  EXPECT_FALSE(predict_qbo_totals({{0, &code}}, 100, TaxCalculation::tax_excluded));
}

TEST(RateIdLess, NumericIdsInNumericOrder) {
  EXPECT_TRUE(rate_id_less("2", "12"));
  EXPECT_FALSE(rate_id_less("12", "2"));
  EXPECT_TRUE(rate_id_less("12", "13"));
  EXPECT_TRUE(rate_id_less("A", "B"));
}

}  // namespace
}  // namespace qbo_sync::tax
