#include "mapping/refund_receipt.h"

#include <gtest/gtest.h>

#include "mapping/receipt_reference.h"
#include "mapping_fixtures.h"
#include "money/json_numbers.h"

namespace qbo_sync::mapping {
namespace {

money::Amount cad(int64_t cents) {
  return {cents, 2};
}

events::Refund refund_of(int64_t cents, std::string id = "re-1") {
  events::Refund refund;
  refund.refund_id = std::move(id);
  refund.amount = cad(cents);
  refund.refunded_at = "2026-03-09T10:14:30Z";
  refund.reason = "damaged";
  refund.reference = "re_3OqE5z6A7b8C9d0E";
  return refund;
}

int64_t line_total(const events::Payment& payment) {
  int64_t total = 0;
  for (const auto& line : payment.lines) {
    total += line.amount.minor;
    for (const auto& tax : line.tax_lines) total += tax.amount.minor;
  }
  return total;
}

int64_t money_cents(const boost::json::value& value) {
  return money::Amount::parse(money::serialize_exact(value), 2).value().minor;
}

class RefundReceiptTest : public testing::CanadianDocumentTest {
 protected:
  std::variant<RefundReceipt, ReceiptRefusal> build(const events::Refund& refund) {
    auto input = input_for(payment_, &RefundInput::payment);
    input.refund = &refund;
    return build_refund_receipt(input);
  }

  events::Payment payment_ = testing::example_payment("07-ca-on-product-partly-refunded.json");
};

TEST_F(RefundReceiptTest, APartialRefundIsOneLineWithTheRefundedShareOfTheTax) {
  // 72.32 paid (64.00 + 8.32 HST 13 %); 28.25 back = one shaker pair 25.00 + 3.25.
  const RefundDocument document = refund_document(payment_, payment_.refunds.at(0));
  EXPECT_FALSE(document.full);
  ASSERT_EQ(document.payment.lines.size(), 1u);
  const events::Line& line = document.payment.lines[0];
  EXPECT_EQ(line.amount, cad(2500));
  EXPECT_EQ(line.unit_price.to_string(), "25.00");
  EXPECT_EQ(line.quantity.to_string(), "1");
  ASSERT_EQ(line.tax_lines.size(), 1u);
  EXPECT_EQ(line.tax_lines[0].name, "HST ON");
  EXPECT_EQ(line.tax_lines[0].amount, cad(325));
  EXPECT_EQ(document.payment.total, cad(2825));
  EXPECT_EQ(document.payment.tax_total, cad(325));
  EXPECT_EQ(document.payment.subtotal, cad(2500));
  EXPECT_TRUE(document.payment.refunds.empty());
  EXPECT_EQ(document.payment.paid_at, "2026-03-09T10:14:30Z");
  EXPECT_EQ(document.source_lines, std::vector<std::size_t>{0});
}

TEST_F(RefundReceiptTest, AFullRefundIsThePaymentItself) {
  const RefundDocument document = refund_document(payment_, refund_of(7232));
  EXPECT_TRUE(document.full);
  ASSERT_EQ(document.payment.lines.size(), payment_.lines.size());
  for (std::size_t i = 0; i < payment_.lines.size(); ++i) {
    EXPECT_EQ(document.payment.lines[i].amount, payment_.lines[i].amount);
    EXPECT_EQ(document.source_lines[i], i);
  }
  EXPECT_EQ(document.payment.total, payment_.total);
}

TEST_F(RefundReceiptTest, EveryPartialAmountAddsUpToTheCentAndTaxStaysInProportion) {
  for (int64_t cents = 1; cents < payment_.total.minor; cents += 7) {
    const RefundDocument document = refund_document(payment_, refund_of(cents));
    ASSERT_EQ(line_total(document.payment), cents) << cents;
    EXPECT_EQ(document.payment.total, cad(cents));
    const int64_t tax = document.payment.tax_total.minor;
    // 8.32 of 72.32 is tax: the refund's tax is that share, rounded half up.
    const int64_t expected = (832 * cents * 2 + 7232) / (7232 * 2);
    EXPECT_EQ(tax, expected) << cents;
  }
}

TEST_F(RefundReceiptTest, LinesTaxedDifferentlyAreRefundedAsOneLineEach) {
  // The second line becomes exempt: 39.00 + 5.07 HST and 25.00 untaxed, 69.07 in all.
  events::Line& exempt = payment_.lines[1];
  exempt.taxable = false;
  exempt.tax_lines.clear();
  payment_.tax_total = cad(507);
  payment_.total = cad(6907);
  const RefundDocument document = refund_document(payment_, refund_of(1000));
  ASSERT_EQ(document.payment.lines.size(), 2u);
  EXPECT_EQ(document.source_lines, (std::vector<std::size_t>{0, 1}));
  // 10.00 split 44.07 : 25.00 → 6.38 and 3.62; the taxed part carries 13 % inside.
  const auto& taxed = document.payment.lines[0];
  const auto& untaxed = document.payment.lines[1];
  EXPECT_EQ(taxed.amount.minor + taxed.tax_lines.at(0).amount.minor, 638);
  EXPECT_EQ(taxed.tax_lines.at(0).amount, cad(73));  // 5.07 × 6.38 / 44.07 = 0.734
  EXPECT_EQ(untaxed.amount, cad(362));
  EXPECT_TRUE(untaxed.tax_lines.empty());
  EXPECT_FALSE(untaxed.taxable);
  EXPECT_EQ(line_total(document.payment), 1000);
}

TEST_F(RefundReceiptTest, TaxInclusivePricesKeepTheRefundedAmountOnTheLine) {
  payment_.tax_inclusive = true;
  // Lines of 44.07 and 28.25 with tax inside: 72.32 in all.
  payment_.lines[0].amount = cad(4407);
  payment_.lines[1].amount = cad(2825);
  const RefundDocument document = refund_document(payment_, refund_of(2825));
  ASSERT_EQ(document.payment.lines.size(), 1u);
  EXPECT_EQ(document.payment.lines[0].amount, cad(2825));
  EXPECT_EQ(document.payment.lines[0].tax_lines.at(0).amount, cad(325));
  EXPECT_TRUE(document.payment.tax_inclusive);
}

TEST_F(RefundReceiptTest, TheBodyNamesTheRefundAndTheAccountItIsPaidFrom) {
  auto built = build(payment_.refunds.at(0));
  ASSERT_TRUE(std::holds_alternative<RefundReceipt>(built))
      << std::get<ReceiptRefusal>(built).message;
  const RefundReceipt& refund = std::get<RefundReceipt>(built);
  const auto& body = refund.body;
  EXPECT_FALSE(refund.full);
  EXPECT_EQ(body.at("DocNumber").as_string(), "R-re-ca-0001");
  EXPECT_EQ(refund.doc_number, "R-re-ca-0001");
  EXPECT_EQ(body.at("CustomerRef").at("value").as_string(), "58");
  EXPECT_EQ(body.at("TxnDate").as_string(), "2026-03-09");
  EXPECT_EQ(body.at("DepositToAccountRef").at("value").as_string(), "4");  // Undeposited Funds
  EXPECT_EQ(body.at("PaymentRefNum").as_string(), "re_3OqE5z6A7b8C9d0E");
  EXPECT_EQ(body.at("PrivateNote").as_string(),
            "CRM refund re-ca-0001 of payment pay-ca-0006: One shaker arrived damaged");
  std::size_t item_lines = 0;
  int64_t amounts = 0;
  for (const auto& line : body.at("Line").as_array()) {
    if (line.at("DetailType") != "SalesItemLineDetail") continue;
    ++item_lines;
    amounts += money_cents(line.at("Amount"));
    EXPECT_EQ(line.at("SalesItemLineDetail").at("ItemRef").at("value").as_string(),
              "100");  // the first line of its tax treatment
  }
  EXPECT_EQ(item_lines, 1u);
  EXPECT_EQ(amounts, 2500);
  EXPECT_EQ(refund.plan.qbo_total, cad(2825));

  settings_.deposit_account_id = "35";
  built = build(payment_.refunds.at(0));
  EXPECT_EQ(std::get<RefundReceipt>(built).body.at("DepositToAccountRef").at("value").as_string(),
            "35");
}

TEST_F(RefundReceiptTest, RefundsAboveThePaymentOrOfNothingAreRefused) {
  auto built = build(refund_of(7233, "re-big"));
  ASSERT_TRUE(std::holds_alternative<ReceiptRefusal>(built));
  EXPECT_EQ(std::get<ReceiptRefusal>(built).reason, "invalid_document");
  EXPECT_NE(std::get<ReceiptRefusal>(built).message.find("100.58"), std::string::npos);

  // Together the refunds exceed what was paid.
  payment_.refunds.push_back(refund_of(5000, "re-2"));
  built = build(payment_.refunds.back());
  ASSERT_TRUE(std::holds_alternative<ReceiptRefusal>(built));
  EXPECT_EQ(std::get<ReceiptRefusal>(built).details.at("field").as_string(),
            "/payment/refunds/1/amount");

  payment_.refunds.pop_back();
  built = build(refund_of(0, "re-zero"));
  ASSERT_TRUE(std::holds_alternative<ReceiptRefusal>(built));
  EXPECT_NE(std::get<ReceiptRefusal>(built).message.find("re-zero"), std::string::npos);
}

TEST_F(RefundReceiptTest, WithoutAnAccountToRefundFromTheRefundIsRefused) {
  company_.accounts = boost::json::array{};
  auto built = build(payment_.refunds.at(0));
  ASSERT_TRUE(std::holds_alternative<ReceiptRefusal>(built));
  EXPECT_EQ(std::get<ReceiptRefusal>(built).reason, "company_data");

  company_.accounts = boost::json::parse(R"([
    {"Id":"7","Name":"Old bank","AccountType":"Bank","Active":false},
    {"Id":"8","Name":"Chequing","AccountType":"Bank","Active":true}])")
                          .as_array();
  EXPECT_EQ(refund_account_id(settings_, company_), "8");
}

TEST(RefundReceiptUs, APartialRefundIsFoldedIntoLinePricesLikeTheReceipt) {
  const CompanyData company = std::get<CompanyData>(parse_company_data(testing::company_json(
      tax::testing::Company::united_states,
      boost::json::parse(
          R"([{"Id":"35","Name":"Checking","AccountType":"Bank","Active":true}])"))));
  // 510.50: 400.00 taxed (16.00 + 19.50) and 75.00 untaxed; 100.00 back.
  const events::Payment payment = testing::example_payment("08-us-ny-order-form.json");
  const events::Settings settings = events::default_settings();
  const events::Refund refund = refund_of(10000);
  const RefundDocument document = refund_document(payment, refund);
  ASSERT_EQ(document.payment.lines.size(), 2u);
  // 100.00 split 435.50 : 75.00 → 85.31 (taxes 3.13 and 3.82 inside) and 14.69.
  EXPECT_EQ(document.payment.lines[0].amount, cad(7836));
  EXPECT_EQ(document.payment.lines[0].tax_lines.at(0).amount, cad(313));
  EXPECT_EQ(document.payment.lines[0].tax_lines.at(1).amount, cad(382));
  EXPECT_EQ(document.payment.lines[1].amount, cad(1469));

  RefundInput input;
  input.payment = &payment;
  input.refund = &refund;
  input.settings = &settings;
  input.company = &company;
  input.customer_id = "7";
  input.line_items.assign(payment.lines.size(), ItemRef{"9", "Sales"});
  auto built = build_refund_receipt(input);
  ASSERT_TRUE(std::holds_alternative<RefundReceipt>(built))
      << std::get<ReceiptRefusal>(built).message;
  const auto& body = std::get<RefundReceipt>(built).body;
  EXPECT_EQ(body.at("DepositToAccountRef").at("value").as_string(), "35");  // no Undeposited Funds
  int64_t amounts = 0;
  for (const auto& line : body.at("Line").as_array()) {
    if (line.at("DetailType") == "SalesItemLineDetail") amounts += money_cents(line.at("Amount"));
  }
  EXPECT_EQ(amounts, 10000);  // tax folded into the prices, as on the receipt
  EXPECT_EQ(std::get<RefundReceipt>(built).plan.qbo_total, cad(10000));
}

TEST(RefundDocNumber, FollowsTheReceiptSchemeUnderItsOwnPrefix) {
  EXPECT_EQ(doc_number_for_refund("re-1"), "R-re-1");
  const std::string long_id(40, 'x');
  const std::string hashed = doc_number_for_refund(long_id);
  EXPECT_EQ(hashed.rfind("RH-", 0), 0u);
  EXPECT_LE(hashed.size(), kMaxDocNumberLength);
  EXPECT_EQ(hashed, doc_number_for_refund(long_id));
  EXPECT_NE(hashed, doc_number_for_refund(long_id + "y"));
  EXPECT_NE(hashed, doc_number_for_payment(long_id));
}

}  // namespace
}  // namespace qbo_sync::mapping
