#include "mapping/sales_receipt.h"

#include <gtest/gtest.h>

#include "mapping_fixtures.h"
#include "money/json_numbers.h"

namespace qbo_sync::mapping {
namespace {

class SalesReceiptTest : public testing::CanadianDocumentTest {
 protected:
  std::variant<SalesReceipt, ReceiptRefusal> build() {
    return build_sales_receipt(input_for(payment_, &ReceiptInput::payment));
  }

  events::Payment payment_ = testing::example_payment("01-ca-on-order-form.json");
};

TEST_F(SalesReceiptTest, MapsCustomerDateReferencesAndDeposit) {
  auto built = build();
  ASSERT_TRUE(std::holds_alternative<SalesReceipt>(built));
  const auto& receipt = std::get<SalesReceipt>(built);
  const auto& body = receipt.body;
  EXPECT_EQ(body.at("CustomerRef").at("value").as_string(), "58");
  EXPECT_EQ(body.at("TxnDate").as_string(), "2026-03-02");
  EXPECT_EQ(body.at("DocNumber").as_string(), "P-pay-ca-0001");
  EXPECT_EQ(receipt.doc_number, "P-pay-ca-0001");
  EXPECT_NE(std::string(body.at("PrivateNote").as_string()).find("pay-ca-0001"), std::string::npos);
  EXPECT_EQ(body.at("PaymentRefNum").as_string(), "ch_3OqA1b2C3d4E5f6G");
  EXPECT_EQ(body.at("DepositToAccountRef").at("value").as_string(), "4");
  EXPECT_FALSE(body.contains("CurrencyRef"));  // the home currency, no multicurrency
  EXPECT_FALSE(body.contains("PaymentMethodRef"));
}

TEST_F(SalesReceiptTest, LinesCarryItemsQuantitiesPricesAndTax) {
  auto built = build();
  ASSERT_TRUE(std::holds_alternative<SalesReceipt>(built));
  const auto& receipt = std::get<SalesReceipt>(built);
  const auto& lines = receipt.body.at("Line").as_array();
  ASSERT_GE(lines.size(), 2u);
  const auto& mat = lines[1].at("SalesItemLineDetail").as_object();
  EXPECT_EQ(mat.at("ItemRef").at("value").as_string(), "101");
  EXPECT_EQ(mat.at("ItemRef").at("name").as_string(), "Yoga mat");
  const std::string text = money::serialize_exact(receipt.body);
  EXPECT_NE(text.find("\"UnitPrice\":34.99"), std::string::npos) << text;
  EXPECT_NE(text.find("\"Amount\":69.98"), std::string::npos) << text;
  EXPECT_EQ(receipt.plan.qbo_total.minor, 24858);
}

TEST_F(SalesReceiptTest, SettingsChooseDepositAccountAndPaymentMethod) {
  settings_.deposit_account_id = "35";
  settings_.payment_method_mappings.push_back({events::PaymentMethod::card, "7"});
  auto built = build();
  ASSERT_TRUE(std::holds_alternative<SalesReceipt>(built));
  const auto& body = std::get<SalesReceipt>(built).body;
  EXPECT_EQ(body.at("DepositToAccountRef").at("value").as_string(), "35");
  EXPECT_EQ(body.at("PaymentMethodRef").at("value").as_string(), "7");
}

TEST_F(SalesReceiptTest, AForeignCurrencyIsNamed) {
  payment_.currency = "USD";
  auto built = build();
  ASSERT_TRUE(std::holds_alternative<SalesReceipt>(built));
  EXPECT_EQ(std::get<SalesReceipt>(built).body.at("CurrencyRef").at("value").as_string(), "USD");
}

TEST_F(SalesReceiptTest, TotalsThatDoNotAddUpAreHeldWithBothTotals) {
  payment_.total.minor += 100;
  const ReceiptRefusal refusal = testing::refusal_of(build());
  EXPECT_EQ(refusal.reason, "total_mismatch");
  EXPECT_EQ(refusal.details.at("crm_total").as_string(), "249.58");
  EXPECT_EQ(refusal.details.at("qbo_total").as_string(), "248.58");
}

TEST_F(SalesReceiptTest, ATaxWithNoCodeBlocksNamingTheLine) {
  for (auto& line : payment_.lines) {
    line.tax_lines[0].name = "Imaginary tax";
    line.tax_lines[0].rate = *money::Decimal::parse("12.5");
  }
  payment_.lines[0].tax_lines[0].amount.minor = 1875;
  payment_.lines[1].tax_lines[0].amount.minor = 875;
  payment_.tax_total.minor = 2750;
  payment_.total.minor = 21998 + 2750;
  auto built = build();
  ASSERT_TRUE(std::holds_alternative<ReceiptRefusal>(built))
      << money::serialize_exact(std::get<SalesReceipt>(built).body);
  const auto& refusal = std::get<ReceiptRefusal>(built);
  EXPECT_EQ(refusal.reason, "missing_tax_mapping") << refusal.message;
  EXPECT_EQ(refusal.details.at("line_name").as_string(), "10-class yoga pass");
}

TEST_F(SalesReceiptTest, EveryLineNeedsAnItem) {
  ReceiptInput input;
  input.payment = &payment_;
  input.settings = &settings_;
  input.company = &company_;
  input.customer_id = "58";
  auto built = build_sales_receipt(input);
  ASSERT_TRUE(std::holds_alternative<ReceiptRefusal>(built));
  EXPECT_EQ(std::get<ReceiptRefusal>(built).reason, "invalid_document");
}

}  // namespace
}  // namespace qbo_sync::mapping
