#include "mapping/invoice_document.h"

#include <gtest/gtest.h>

#include "mapping_fixtures.h"
#include "money/json_numbers.h"

namespace qbo_sync::mapping {
namespace {

namespace json = boost::json;

events::Invoice example_invoice(const std::string& hook, const std::string& file) {
  return events::parse_invoice(testing::example_json(hook, file));
}

class InvoiceDocumentTest : public testing::CanadianDocumentTest {
 protected:
  std::variant<InvoiceDocument, ReceiptRefusal> build() {
    return build_invoice(input_for(invoice_, &InvoiceInput::invoice));
  }

  const InvoiceDocument& built_document() {
    built_ = build();
    EXPECT_TRUE(std::holds_alternative<InvoiceDocument>(built_));
    return std::get<InvoiceDocument>(built_);
  }

  events::Invoice invoice_ = example_invoice("invoice.sent.v1", "01-ca-on-inv-1001.json");
  std::variant<InvoiceDocument, ReceiptRefusal> built_;
};

TEST_F(InvoiceDocumentTest, CarriesNumberDatesEmailCustomerAndNote) {
  const auto& document = built_document();
  const auto& body = document.body;
  EXPECT_EQ(document.doc_number, "INV-1001");
  EXPECT_EQ(body.at("DocNumber").as_string(), "INV-1001");
  EXPECT_EQ(body.at("TxnDate").as_string(), "2026-03-02");
  EXPECT_EQ(body.at("DueDate").as_string(), "2026-04-01");
  EXPECT_EQ(body.at("BillEmail").at("Address").as_string(), "emilie.tremblay@example.ca");
  EXPECT_EQ(body.at("CustomerRef").at("value").as_string(), "58");
  EXPECT_EQ(body.at("PrivateNote").as_string(), "CRM invoice inv-ca-1001 (INV-1001)");
  EXPECT_FALSE(body.contains("Id"));
  EXPECT_FALSE(body.contains("DepositToAccountRef"));  // a receipt's field, not an invoice's
  EXPECT_FALSE(body.contains("CurrencyRef"));
}

TEST_F(InvoiceDocumentTest, CopiesGoToBillEmailCc) {
  EXPECT_FALSE(built_document().body.contains("BillEmailCc"));
  invoice_.cc_emails = {"ap@example.ca", "owner@example.ca"};
  EXPECT_EQ(built_document().body.at("BillEmailCc").at("Address").as_string(),
            "ap@example.ca,owner@example.ca");
}

TEST_F(InvoiceDocumentTest, LinesAndTaxComeFromTheTaxPlan) {
  const auto& document = built_document();
  const std::string text = money::serialize_exact(document.body);
  EXPECT_NE(text.find("\"Amount\":1000"), std::string::npos) << text;
  EXPECT_NE(text.find("\"Amount\":40"), std::string::npos) << text;
  EXPECT_EQ(document.body.at("GlobalTaxCalculation").as_string(), "TaxExcluded");
  EXPECT_EQ(document.plan.qbo_total.minor, 117520);
  EXPECT_EQ(document.plan.qbo_total_tax.minor, 13520);
  const auto& line = document.body.at("Line").at(1).at("SalesItemLineDetail");
  EXPECT_EQ(line.at("ItemRef").at("value").as_string(), "101");
}

TEST_F(InvoiceDocumentTest, ADiscountAddedAfterSendingIsADiscountLine) {
  invoice_ = example_invoice("invoice.updated.v1", "01-ca-on-inv-1001-discount-added.json");
  const auto& document = built_document();
  int64_t discount = -1;
  for (const auto& line : document.body.at("Line").as_array()) {
    if (line.at("DetailType") == "DiscountLineDetail") {
      discount =
          money::Amount::parse(money::decimal_from_json(line.at("Amount"))->to_string(), 2)->minor;
    }
  }
  EXPECT_EQ(discount, 5000);
  EXPECT_EQ(document.plan.qbo_total.minor, 111870);
}

TEST_F(InvoiceDocumentTest, TheFingerprintFollowsTheContentOnly) {
  const std::string sent = built_document().fingerprint;
  EXPECT_EQ(sent.size(), 16u);
  EXPECT_EQ(built_document().fingerprint, sent);  // deterministic

  // Paying changes nothing the QBO invoice holds.
  invoice_ = example_invoice("invoice.updated.v1", "02-ca-on-inv-1001-partly-paid.json");
  const std::string partly_paid = built_document().fingerprint;
  invoice_ = example_invoice("invoice.updated.v1", "03-ca-on-inv-1001-paid.json");
  EXPECT_EQ(built_document().fingerprint, partly_paid);
  EXPECT_NE(partly_paid, sent);  // the discount did change it

  invoice_ = example_invoice("invoice.sent.v1", "01-ca-on-inv-1001.json");
  invoice_.due_date = "2026-04-15";
  EXPECT_NE(built_document().fingerprint, sent);
}

TEST_F(InvoiceDocumentTest, ANumberQboCannotHoldIsRefusedNamingTheField) {
  invoice_.number = "INV-2026-000000000001234";  // 23 characters
  const ReceiptRefusal refusal = testing::refusal_of(build());
  EXPECT_EQ(refusal.reason, "invalid_document");
  EXPECT_EQ(refusal.details.at("field").as_string(), "/invoice/number");
  EXPECT_NE(refusal.message.find("INV-2026-000000000001234"), std::string::npos);
}

TEST_F(InvoiceDocumentTest, LinesThatDoNotAddUpAreHeldWithBothTotals) {
  invoice_.total = money::Amount{117530, 2};
  const ReceiptRefusal refusal = testing::refusal_of(build());
  EXPECT_EQ(refusal.reason, "total_mismatch");
  EXPECT_EQ(refusal.details.at("crm_total").as_string(), "1175.30");
  EXPECT_EQ(refusal.details.at("qbo_total").as_string(), "1175.20");
  EXPECT_EQ(refusal.details.at("difference_minor").as_int64(), -10);
}

TEST_F(InvoiceDocumentTest, ALineWithoutATaxCodeIsBlockedNamingTheLine) {
  invoice_.lines[1].tax_lines[0].name = "Mystery tax";
  invoice_.lines[1].tax_lines[0].rate = *money::Decimal::parse("7.25");
  invoice_.lines[1].tax_lines[0].amount = money::Amount{290, 2};
  invoice_.tax_total = money::Amount{13290, 2};
  invoice_.total = money::Amount{117290, 2};
  const ReceiptRefusal refusal = testing::refusal_of(build());
  EXPECT_EQ(refusal.reason, "missing_tax_mapping");
  EXPECT_EQ(refusal.details.at("line_name").as_string(), "Travel fee");
}

TEST_F(InvoiceDocumentTest, AForeignCurrencyIsNamed) {
  invoice_.currency = "USD";
  EXPECT_EQ(built_document().body.at("CurrencyRef").at("value").as_string(), "USD");
}

TEST(InvoiceMatchTest, SameCustomerAndTotalToTheCent) {
  const auto qbo = json::parse(R"({"Id":"7","DocNumber":"INV-1001","TotalAmt":1175.2,
      "CustomerRef":{"value":"58","name":"Maple Leaf Yoga"},"TxnDate":"2026-03-01"})")
                       .as_object();
  EXPECT_TRUE(is_same_invoice(qbo, "58", money::Amount{117520, 2}));
  EXPECT_FALSE(is_same_invoice(qbo, "59", money::Amount{117520, 2}));
  EXPECT_FALSE(is_same_invoice(qbo, "58", money::Amount{117521, 2}));
  EXPECT_FALSE(is_same_invoice(json::object{{"CustomerRef", {{"value", "58"}}}}, "58",
                               money::Amount{0, 2}));  // no total: not provably the same
}

TEST(InvoiceMatchTest, AClashDescribesBothDocuments) {
  events::Invoice invoice;
  invoice.number = "INV-1001";
  invoice.total = money::Amount{111870, 2};
  invoice.issue_date = "2026-03-02";
  const auto qbo = json::parse(R"({"Id":"7","DocNumber":"INV-1001","TotalAmt":"1175.20",
      "CustomerRef":{"value":"60","name":"Someone Else"},"TxnDate":"2026-03-01"})")
                       .as_object();
  const auto clash = describe_number_clash(invoice, "58", qbo);
  EXPECT_EQ(clash.at("crm").at("total").as_string(), "1118.70");
  EXPECT_EQ(clash.at("crm").at("customer_id").as_string(), "58");
  EXPECT_EQ(clash.at("quickbooks").at("id").as_string(), "7");
  EXPECT_EQ(clash.at("quickbooks").at("total").as_string(), "1175.20");
  EXPECT_EQ(clash.at("quickbooks").at("customer_name").as_string(), "Someone Else");
  EXPECT_EQ(clash.at("quickbooks").at("date").as_string(), "2026-03-01");
}

TEST(PredatesTest, ATimeInTheConnectionsSecondIsNotBeforeItWhenSentInSeconds) {
  const int64_t connected = 1772466000700;  // 2026-03-02T15:40:00.700Z
  EXPECT_FALSE(predates("2026-03-02T15:40:00Z", connected));
  EXPECT_FALSE(predates("2026-03-02T10:40:00-05:00", connected));
  EXPECT_TRUE(predates("2026-03-02T15:39:59Z", connected));
}

TEST(PredatesTest, ComparesAtTheResolutionTheTimeWasWrittenIn) {
  const int64_t connected = 1772466000700;
  EXPECT_FALSE(predates("2026-03-02T15:40:00.7Z", connected));
  EXPECT_TRUE(predates("2026-03-02T15:40:00.6Z", connected));
  EXPECT_FALSE(predates("2026-03-02T15:40:00.70Z", connected));
  EXPECT_TRUE(predates("2026-03-02T15:40:00.69Z", connected));
  EXPECT_TRUE(predates("2026-03-02T15:40:00.699Z", connected));
  EXPECT_TRUE(predates("2026-03-02T15:40:00.699999Z", connected));
  EXPECT_FALSE(predates("2026-03-02T15:40:00.700001Z", connected));
}

TEST(PredatesTest, WhatIsNotATimeDoesNotPredate) {
  EXPECT_FALSE(predates("", 1772466000700));
  EXPECT_FALSE(predates("yesterday", 1772466000700));
}

}  // namespace
}  // namespace qbo_sync::mapping
