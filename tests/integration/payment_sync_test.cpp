// Issue: payments become QBO Sales Receipts exactly once, through the real plugin and its sync
// engine, against the QBO sandbox.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "connected_plugin_fixture.h"
#include "renamed_payment.h"
#include "sandbox_faults.h"

namespace qbo_sync::testing {
namespace {

namespace json = boost::json;
constexpr const char* kAccount = "acct-demo-ca";

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The valid payment examples of the Canadian demo account, in file order.
std::vector<std::string> canadian_payments() {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(
           std::string(QBO_SYNC_SCHEMAS_DIR) + "/examples/payment.completed.v1/valid")) {
    if (entry.path().extension() != ".json" ||
        entry.path().string().find(".expect.") != std::string::npos) {
      continue;
    }
    files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<std::string> payloads;
  for (const auto& file : files) {
    std::string payload = read_text(file);
    if (json::parse(payload).at("account_id") == kAccount) payloads.push_back(std::move(payload));
  }
  return payloads;
}

double money(const json::value& value) {
  if (value.is_string()) return std::stod(std::string(value.as_string()));
  return value.to_number<double>();
}

class PaymentSyncTest : public ConnectedPluginFixture {
 protected:
  // A plugin whose pauses last as long as in production (15 minutes until a record of an account
  // that must reconnect is looked at again): what goes at once was woken, not timed out.
  void use_real_pauses() { start_plugin(1); }

  // The one record, once it is todo waiting for `reason`.
  json::object record_waiting_for(const std::string& reason) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    for (;;) {
      const auto now = records();
      if (now.size() == 1 && now[0].at("status") == "todo" && now[0].at("reason") == reason.c_str())
        return now[0].as_object();
      if (std::chrono::steady_clock::now() > deadline) {
        ADD_FAILURE() << "no record waiting for " << reason << ": " << json::serialize(now);
        return {};
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }

  // Waits until the records settle; expects `count` of them, every one completed.
  void expect_all_completed(std::size_t count) {
    const auto done = settled();
    ASSERT_EQ(done.size(), count);
    for (const auto& record : done) {
      EXPECT_EQ(record.at("status"), "completed") << json::serialize(record);
    }
  }
};

TEST_F(PaymentSyncTest, EveryPaymentBecomesExactlyOneReceipt) {
  connect();
  const auto payloads = canadian_payments();
  ASSERT_GE(payloads.size(), 5u);
  std::map<std::string, std::string> total_of;  // CRM payment id → total
  std::set<std::string> emails;
  for (const auto& payload : payloads) {
    const auto answer = plugin_->payment_completed(payload);
    ASSERT_EQ(answer.status, QBO_SYNC_OK) << answer.text;
    const auto payment = json::parse(payload).at("payment");
    total_of[std::string(payment.at("id").as_string())] = payment.at("total").as_string();
    std::string email(payment.at("contact").at("email").as_string());
    std::transform(email.begin(), email.end(), email.begin(), ::tolower);
    emails.insert(email);
  }

  const auto done = settled();
  ASSERT_EQ(done.size(), total_of.size());  // a later revision updates its payment's record
  std::map<std::string, json::object> receipts;
  for (const auto& receipt : ledger_objects("SalesReceipt")) {
    receipts[std::string(receipt.at("Id").as_string())] = receipt.as_object();
  }
  std::size_t completed = 0;
  for (const auto& record : done) {
    const std::string payment_id(record.at("object_id").as_string());
    ASSERT_EQ(record.at("status"), "completed") << json::serialize(record);
    ++completed;
    const std::string qbo_id(record.at("qbo_id").as_string());
    ASSERT_EQ(receipts.count(qbo_id), 1u) << payment_id;
    const auto& receipt = receipts[qbo_id];
    EXPECT_DOUBLE_EQ(money(receipt.at("TotalAmt")), std::stod(total_of[payment_id])) << payment_id;
    EXPECT_NE(std::string(receipt.at("PrivateNote").as_string()).find(payment_id),
              std::string::npos);
  }
  EXPECT_EQ(receipts.size(), completed);

  // One customer per e-mail address.
  std::map<std::string, int> customers_per_email;
  for (const auto& customer : ledger_objects("Customer")) {
    const auto* email = customer.as_object().if_contains("PrimaryEmailAddr");
    if (!email) continue;
    std::string address(email->at("Address").as_string());
    std::transform(address.begin(), address.end(), address.begin(), ::tolower);
    ++customers_per_email[address];
  }
  for (const auto& email : emails) EXPECT_EQ(customers_per_email[email], 1) << email;

  // Redelivery is a duplicate and adds nothing: intake answers once the store holds the outcome,
  // so a record it wrongly made would already be there for settled() to wait for.
  for (const auto& payload : payloads) {
    EXPECT_EQ(plugin_->payment_completed(payload).status, QBO_SYNC_DUPLICATE);
  }
  settled();
  EXPECT_EQ(ledger_objects("SalesReceipt").size(), receipts.size());
}

TEST_F(PaymentSyncTest, APaymentBeforeTheConnectionWaitsAndGoesWhenTheAccountConnects) {
  use_real_pauses();
  const auto payloads = canadian_payments();
  ASSERT_EQ(plugin_->payment_completed(payloads.front()).status, QBO_SYNC_OK);
  const auto waiting = record_waiting_for("not_connected");
  EXPECT_EQ(waiting.at("status"), "todo");
  EXPECT_TRUE(ledger_objects("SalesReceipt").empty());

  connect();
  expect_all_completed(1);
  EXPECT_EQ(ledger_objects("SalesReceipt").size(), 1u);
}

TEST_F(PaymentSyncTest, APaymentPausedForAReconnectGoesAsSoonAsTheAccountReconnects) {
  use_real_pauses();
  connect();
  sandbox_.control("POST", "/tokens/expire",
                   R"({"realm_id":")" + sandbox_.realm_id() + R"(","which":"both"})");
  ASSERT_EQ(plugin_->payment_completed(canadian_payments().front()).status, QBO_SYNC_OK);
  record_waiting_for("reconnect_needed");
  EXPECT_TRUE(ledger_objects("SalesReceipt").empty());

  connect();  // long before the 15-minute pause ends
  expect_all_completed(1);
  EXPECT_EQ(ledger_objects("SalesReceipt").size(), 1u);
}

TEST_F(PaymentSyncTest, AServerErrorAfterTheReceiptWasWrittenStillGivesOneReceipt) {
  connect();
  inject(fault_after_write("http_500", "SalesReceipt"));
  ASSERT_EQ(plugin_->payment_completed(canadian_payments().front()).status, QBO_SYNC_OK);
  const auto done = settled();
  ASSERT_EQ(done.size(), 1u);
  EXPECT_EQ(done[0].at("status"), "completed") << json::serialize(done[0]);
  EXPECT_GE(done[0].at("attempts").as_int64(), 2);
  EXPECT_EQ(faults_left(), 0u);
  EXPECT_EQ(ledger_objects("SalesReceipt").size(), 1u);
}

TEST_F(PaymentSyncTest, ADroppedConnectionAfterTheReceiptWasWrittenStillGivesOneReceipt) {
  connect();
  inject(fault_after_write("drop", "SalesReceipt"));
  const auto payloads = canadian_payments();
  const std::size_t customers_before = ledger_objects("Customer").size();
  ASSERT_EQ(plugin_->payment_completed(payloads.front()).status, QBO_SYNC_OK);
  ASSERT_EQ(plugin_->payment_completed(renamed_payment(payloads.front(), "-b")).status,
            QBO_SYNC_OK);
  expect_all_completed(2);
  EXPECT_EQ(faults_left(), 0u);
  EXPECT_EQ(ledger_objects("SalesReceipt").size(), 2u);
  // Both payments are the same contact's: one customer.
  EXPECT_EQ(ledger_objects("Customer").size(), customers_before + 1);
}

TEST_F(PaymentSyncTest, ThrottledCreatesAreRetriedAndGiveOneReceiptEach) {
  connect();
  inject({{"kind", "throttle"}, {"count", 2}, {"entity", "SalesReceipt"}, {"method", "POST"}});
  const auto payloads = canadian_payments();
  ASSERT_EQ(plugin_->payment_completed(payloads.front()).status, QBO_SYNC_OK);
  ASSERT_EQ(plugin_->payment_completed(renamed_payment(payloads.front(), "-t")).status,
            QBO_SYNC_OK);
  expect_all_completed(2);
  EXPECT_EQ(ledger_objects("SalesReceipt").size(), 2u);
  EXPECT_EQ(faults_left(), 0u);
}

TEST_F(PaymentSyncTest, APermanentFaultErrorsTheRecordWithAdviceAndRetryWorks) {
  connect();
  inject({{"kind", "xml_fault"},
          {"count", 1},
          {"entity", "SalesReceipt"},
          {"method", "POST"},
          {"status", 400},
          {"code", "6000"},
          {"message", "A business validation error has occurred while processing your request"},
          {"detail", "Business Validation Error: the books are being reviewed"}});
  ASSERT_EQ(plugin_->payment_completed(canadian_payments().front()).status, QBO_SYNC_OK);
  auto done = settled();
  ASSERT_EQ(done.size(), 1u);
  ASSERT_EQ(done[0].at("status"), "errored") << json::serialize(done[0]);
  const auto& error = done[0].at("last_error").as_object();
  EXPECT_EQ(error.at("code"), "6000");
  EXPECT_FALSE(error.at("message").as_string().empty());
  EXPECT_TRUE(ledger_objects("SalesReceipt").empty());
  EXPECT_EQ(faults_left(), 0u);

  const auto retried =
      plugin_->admin(json::object{{"op", "retry_records"},
                                  {"account_id", kAccount},
                                  {"record_ids", json::array{done[0].at("record_id")}}});
  ASSERT_EQ(retried.status, QBO_SYNC_OK) << retried.text;
  done = settled();
  EXPECT_EQ(done[0].at("status"), "completed") << json::serialize(done[0]);
  EXPECT_EQ(ledger_objects("SalesReceipt").size(), 1u);
}

// QuickBooks answers the connect but not, for a moment, the reading of the company: the account
// is connected all the same, its payment waits for the company, and the reading is resumed.
TEST_F(PaymentSyncTest, AFaultDuringTheCompanysDiscoveryIsResumedAndThePaymentWaitsForIt) {
  // The first CompanyInfo read checks the realm; the second is the discovery's.
  inject({{"kind", "http_503"}, {"count", 2}, {"path_prefix", "companyinfo"}});
  connect();
  const auto status =
      plugin_->admin(json::object{{"op", "connection_status"}, {"account_id", kAccount}});
  EXPECT_EQ(status.body.at("state"), "connected") << status.text;
  EXPECT_EQ(status.body.at("company_discovery"), "pending") << status.text;

  const auto payment = canadian_payments().front();
  ASSERT_EQ(plugin_->payment_completed(payment).status, QBO_SYNC_OK);
  const auto done = settled();
  ASSERT_EQ(done.size(), 1u);
  EXPECT_EQ(done[0].at("status"), "completed") << json::serialize(done);
  EXPECT_EQ(ledger_objects("SalesReceipt").size(), 1u);
  EXPECT_EQ(plugin_->admin(json::object{{"op", "connection_status"}, {"account_id", kAccount}})
                .body.at("company_discovery"),
            "complete");
  bool waited = false;
  const auto full = plugin_->admin(json::object{
      {"op", "get_record"}, {"account_id", kAccount}, {"record_id", done[0].at("record_id")}});
  for (const auto& entry : full.body.at("audit").as_array()) {
    waited |= json::serialize(entry).find("discovering_company") != std::string::npos;
  }
  EXPECT_TRUE(waited) << full.text;
}

}  // namespace
}  // namespace qbo_sync::testing
