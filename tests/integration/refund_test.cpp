// Issue: a refunded payment becomes one QBO RefundReceipt per refund, after its Sales Receipt,
// exactly once, through the real plugin and its sync engine, against the QBO sandbox.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "connected_plugin_fixture.h"
#include "sandbox_faults.h"

namespace qbo_sync::testing {
namespace {

namespace json = boost::json;
constexpr const char* kAccount = "acct-demo-ca";

json::object example(const std::string& file) {
  std::ifstream in(std::string(QBO_SYNC_SCHEMAS_DIR) + "/examples/payment.completed.v1/valid/" +
                   file);
  std::stringstream text;
  text << in.rdbuf();
  return json::parse(text.str()).as_object();
}

// Revision `revision` of the payment with the given refunds, under a new event id.
std::string revision_of(json::object event, int64_t revision, const json::array& refunds,
                        const std::string& suffix = "") {
  auto& payment = event["payment"].as_object();
  if (!suffix.empty()) payment["id"] = std::string(payment["id"].as_string()) + suffix;
  payment["revision"] = revision;
  if (refunds.empty()) {
    payment.erase("refunds");
  } else {
    payment["refunds"] = refunds;
  }
  event["event_id"] = std::string(payment["id"].as_string()) + "-rev-" + std::to_string(revision);
  return json::serialize(event);
}

int64_t cents(const json::value& value) {
  // Amounts come back as JSON numbers with at most two decimals.
  const double number =
      value.is_string() ? std::stod(std::string(value.as_string())) : value.to_number<double>();
  return static_cast<int64_t>(number * 100.0 + (number >= 0 ? 0.5 : -0.5));
}

std::size_t item_lines(const json::object& document) {
  std::size_t count = 0;
  for (const auto& line : document.at("Line").as_array()) {
    count += line.at("DetailType") == "SalesItemLineDetail";
  }
  return count;
}

class RefundTest : public ConnectedPluginFixture {
 protected:
  void SetUp() override {
    ConnectedPluginFixture::SetUp();
    connect(kAccount);
  }

  void send(const std::string& payload, int32_t expected = QBO_SYNC_OK) {
    const auto answer = plugin_->payment_completed(payload);
    ASSERT_EQ(answer.status, expected) << answer.text;
  }

  void expect_all_completed(const json::array& records) {
    for (const auto& record : records) {
      EXPECT_EQ(record.at("status"), "completed") << json::serialize(record);
    }
  }
};

TEST_F(RefundTest, APartialRefundInALaterRevisionIsOneRefundReceiptOfThatAmount) {
  const json::object first = example("06-ca-on-product.json");
  send(json::serialize(first));
  expect_all_completed(settled());
  ASSERT_EQ(ledger_objects("SalesReceipt").size(), 1u);
  EXPECT_TRUE(ledger_objects("RefundReceipt").empty());

  // The CRM's next revision: one damaged shaker refunded, 25.00 + 13 % HST.
  const std::string refunded = json::serialize(example("07-ca-on-product-partly-refunded.json"));
  send(refunded);
  const auto records = settled();
  ASSERT_EQ(records.size(), 1u);
  expect_all_completed(records);

  const auto refunds = ledger_objects("RefundReceipt");
  ASSERT_EQ(refunds.size(), 1u);
  const auto& refund = refunds[0].as_object();
  EXPECT_EQ(cents(refund.at("TotalAmt")), 2825);
  EXPECT_EQ(cents(refund.at("TxnTaxDetail").at("TotalTax")), 325);
  EXPECT_EQ(item_lines(refund), 1u);
  EXPECT_EQ(refund.at("DocNumber"), "R-re-ca-0001");
  EXPECT_FALSE(refund.at("DepositToAccountRef").at("value").as_string().empty());
  const auto receipt = ledger_objects("SalesReceipt")[0].as_object();
  EXPECT_EQ(refund.at("CustomerRef").at("value"), receipt.at("CustomerRef").at("value"));
  EXPECT_NE(std::string(refund.at("PrivateNote").as_string()).find("re-ca-0001"),
            std::string::npos);

  // Redelivered: a duplicate, nothing posted again (a record it wrongly made would be stored by
  // the time send returns, and settled() would wait for it).
  send(refunded, QBO_SYNC_DUPLICATE);
  settled();
  EXPECT_EQ(ledger_objects("RefundReceipt").size(), 1u);
  EXPECT_EQ(ledger_objects("SalesReceipt").size(), 1u);
}

TEST_F(RefundTest, AFullRefundMirrorsTheReceiptsLines) {
  const json::object first = example("01-ca-on-order-form.json");
  const std::string total(first.at("payment").at("total").as_string());
  send(revision_of(first, 1, {}));
  expect_all_completed(settled());
  send(revision_of(first, 2,
                   json::array{json::object{{"refund_id", "re-full-1"},
                                            {"amount", total},
                                            {"refunded_at", "2026-03-10T09:00:00Z"},
                                            {"reason", "Cancelled"}}}));
  expect_all_completed(settled());

  const auto receipts = ledger_objects("SalesReceipt");
  const auto refunds = ledger_objects("RefundReceipt");
  ASSERT_EQ(receipts.size(), 1u);
  ASSERT_EQ(refunds.size(), 1u);
  const auto& receipt = receipts[0].as_object();
  const auto& refund = refunds[0].as_object();
  EXPECT_EQ(cents(refund.at("TotalAmt")), cents(receipt.at("TotalAmt")));
  EXPECT_EQ(cents(refund.at("TotalAmt")), cents(json::value(json::string(total))));
  EXPECT_EQ(item_lines(refund), item_lines(receipt));
  EXPECT_EQ(cents(refund.at("TxnTaxDetail").at("TotalTax")),
            cents(receipt.at("TxnTaxDetail").at("TotalTax")));
  EXPECT_EQ(refund.at("TxnDate"), "2026-03-10");
}

TEST_F(RefundTest, AFirstRevisionThatIsAlreadyRefundedGivesTheReceiptThenTheRefund) {
  send(json::serialize(example("07-ca-on-product-partly-refunded.json")));
  expect_all_completed(settled());
  EXPECT_EQ(ledger_objects("SalesReceipt").size(), 1u);
  EXPECT_EQ(ledger_objects("RefundReceipt").size(), 1u);
}

TEST_F(RefundTest, AServerErrorAfterTheRefundWasWrittenStillGivesOneRefundReceipt) {
  const json::object first = example("06-ca-on-product.json");
  send(json::serialize(first));
  expect_all_completed(settled());
  inject(fault_after_write("http_500", "RefundReceipt"));
  send(json::serialize(example("07-ca-on-product-partly-refunded.json")));
  const auto records = settled();
  expect_all_completed(records);
  EXPECT_EQ(faults_left(), 0u);
  EXPECT_EQ(ledger_objects("RefundReceipt").size(), 1u);

  // Two refunds more in the next revision, the first one dropped after the write.
  inject(fault_after_write("drop", "RefundReceipt"));
  json::object later = example("07-ca-on-product-partly-refunded.json");
  json::array refunds = later.at("payment").at("refunds").as_array();
  refunds.push_back(json::object{
      {"refund_id", "re-ca-0002"}, {"amount", "10.00"}, {"refunded_at", "2026-03-11T10:00:00Z"}});
  refunds.push_back(json::object{
      {"refund_id", "re-ca-0003"}, {"amount", "5.00"}, {"refunded_at", "2026-03-12T10:00:00Z"}});
  send(revision_of(later, 3, refunds));
  expect_all_completed(settled());
  EXPECT_EQ(faults_left(), 0u);
  const auto posted = ledger_objects("RefundReceipt");
  ASSERT_EQ(posted.size(), 3u);
  int64_t total = 0;
  for (const auto& refund : posted) total += cents(refund.at("TotalAmt"));
  EXPECT_EQ(total, 2825 + 1000 + 500);
  EXPECT_EQ(ledger_objects("SalesReceipt").size(), 1u);
}

TEST_F(RefundTest, RefundsAddingUpToMoreThanThePaymentAreRefusedAndNothingIsPosted) {
  const json::object first = example("06-ca-on-product.json");
  send(json::serialize(first));
  expect_all_completed(settled());
  const auto answer = plugin_->payment_completed(
      revision_of(first, 2,
                  json::array{json::object{{"refund_id", "re-too-much"},
                                           {"amount", "80.00"},
                                           {"refunded_at", "2026-03-10T09:00:00Z"}}}));
  ASSERT_EQ(answer.status, QBO_SYNC_INVALID_INPUT) << answer.text;
  EXPECT_NE(std::string(answer.body.at("path").as_string()).find("/payment/refunds"),
            std::string::npos)
      << answer.text;
  const auto records = settled();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].at("status"), "completed");
  EXPECT_TRUE(ledger_objects("RefundReceipt").empty());
}

}  // namespace
}  // namespace qbo_sync::testing
