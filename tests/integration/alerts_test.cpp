// Issue: errored records e-mail the account's admins through the host, deduplicated and gathered
// into digests: a burst of 500 failures is one e-mail, a later burst after the window one more,
// no e-mail carries a secret, and failures waiting for a digest survive a restart.
#include <gtest/gtest.h>

#include <array>
#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "connected_plugin_fixture.h"
#include "stored_tokens.h"

namespace qbo_sync::testing {
namespace {

namespace json = boost::json;
constexpr const char* kAccount = "acct-demo-ca";

std::string example_payment() {
  std::ifstream in(std::string(QBO_SYNC_SCHEMAS_DIR) +
                   "/examples/payment.completed.v1/valid/01-ca-on-order-form.json");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string payment_numbered(const std::string& payload, const std::string& suffix) {
  json::value event = json::parse(payload);
  auto& object = event.as_object();
  object["event_id"] = std::string(object["event_id"].as_string()) + suffix;
  auto& payment = object["payment"].as_object();
  payment["id"] = std::string(payment["id"].as_string()) + suffix;
  return json::serialize(event);
}

class AlertsTest : public ConnectedPluginFixture {
 protected:
  AlertsTest() : ConnectedPluginFixture(600.0) {}
  // Each test starts the plugin itself, at the time scale its digest timing needs.
  void SetUp() override {}
  // The engine's time scale sets the digest timing: gathering 60 s and a 30 min window, scaled.
  void start(int engine_time_scale) { start_plugin(engine_time_scale); }

  // Every SalesReceipt create answers a permanent QBO validation fault.
  void fail_receipts(int count) {
    json::object rule{{"kind", "xml_fault"},
                      {"count", count},
                      {"entity", "SalesReceipt"},
                      {"method", "POST"},
                      {"status", 400},
                      {"code", "6000"},
                      {"message", "A business validation error has occurred"},
                      {"detail", "Business Validation Error: the books are closed"},
                      {"realm_id", sandbox_.realm_id()}};
    sandbox_.control("POST", "/faults", json::serialize(rule));
  }

  int64_t count(const std::string& status) {
    const auto answer = plugin_->admin(json::object{
        {"op", "list_records"}, {"account_id", kAccount}, {"status", status}, {"limit", 500}});
    return static_cast<int64_t>(answer.body.at("records").as_array().size());
  }

  // Waits until `errored` records are errored and none is todo.
  void wait_errored(int64_t errored, std::chrono::seconds limit = std::chrono::seconds(60)) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
      if (count("todo") == 0 && count("errored") >= errored) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ASSERT_EQ(count("errored"), errored);
  }

  std::vector<json::object> wait_emails(std::size_t at_least, std::chrono::milliseconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (host_.emails().size() < at_least && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return host_.emails();
  }

  void send_failures(int how_many, const std::string& batch) {
    const std::string payload = example_payment();
    for (int i = 0; i < how_many; ++i) {
      const auto answer =
          plugin_->payment_completed(payment_numbered(payload, "-" + batch + std::to_string(i)));
      ASSERT_EQ(answer.status, QBO_SYNC_OK) << answer.text;
    }
  }

  json::object stored_tokens() { return testing::stored_tokens(dir_.path(), kAccount); }

  void expect_no_secret_in_emails() {
    std::vector<std::string> secrets{std::string(sandbox_.info().at("client_secret").as_string()),
                                     std::string(kTestEncryptionKey)};
    const auto tokens = stored_tokens();
    for (const char* key : {"access_token", "refresh_token"}) {
      if (tokens.contains(key)) secrets.emplace_back(tokens.at(key).as_string());
    }
    ASSERT_EQ(secrets.size(), 4u);
    for (const auto& email : host_.emails()) {
      const std::string text = json::serialize(email);
      for (const auto& secret : secrets) {
        ASSERT_GE(secret.size(), 8u);
        EXPECT_EQ(text.find(secret), std::string::npos) << "a secret leaked into: " << text;
      }
    }
  }
};

TEST_F(AlertsTest, FiveHundredPermanentFailuresAreOneDigestEmail) {
  // Gathering 1 s, window and longest wait 30 s: the whole burst lands in the first digest, even
  // on a slow machine.
  start(60);
  connect();
  fail_receipts(500);
  send_failures(500, "burst");
  wait_errored(500);
  const auto emails = wait_emails(1, std::chrono::seconds(10));
  // Nothing more arrives for a while: the burst was one e-mail.
  std::this_thread::sleep_for(std::chrono::seconds(1));
  ASSERT_EQ(host_.emails().size(), 1u);
  const auto& email = emails.front();
  EXPECT_EQ(email.at("account_id"), kAccount);
  EXPECT_EQ(email.at("severity"), "error");
  EXPECT_NE(std::string(email.at("subject").as_string()).find("500"), std::string::npos)
      << json::serialize(email);
  const std::string text(email.at("text").as_string());
  EXPECT_NE(text.find("500 x "), std::string::npos) << text;  // counted by cause
  EXPECT_NE(text.find("code 6000"), std::string::npos) << text;
  EXPECT_NE(text.find("retry"), std::string::npos) << text;
  // The first records are listed with their ids, each a real errored record.
  const auto& ids = email.at("record_ids").as_array();
  EXPECT_EQ(ids.size(), 20u);
  std::set<std::string> listed;
  for (const auto& id : ids) listed.insert(std::string(id.as_string()));
  EXPECT_EQ(listed.size(), ids.size());
  const auto errored = plugin_->admin(json::object{
      {"op", "list_records"}, {"account_id", kAccount}, {"status", "errored"}, {"limit", 500}});
  std::set<std::string> errored_ids;
  for (const auto& record : errored.body.at("records").as_array()) {
    errored_ids.insert(std::string(record.at("record_id").as_string()));
  }
  for (const auto& id : listed) EXPECT_EQ(errored_ids.count(id), 1u) << id;
  expect_no_secret_in_emails();

  // A retry that fails again the same way is not news: no second e-mail.
  fail_receipts(1);
  const auto retried = plugin_->admin(json::object{
      {"op", "retry_records"}, {"account_id", kAccount}, {"record_ids", json::array{ids[0]}}});
  ASSERT_EQ(retried.status, QBO_SYNC_OK) << retried.text;
  wait_errored(500);
  std::this_thread::sleep_for(std::chrono::seconds(1));
  EXPECT_EQ(host_.emails().size(), 1u);
}

TEST_F(AlertsTest, ALaterBurstIsOneMoreDigestAndWaitingAlertsSurviveARestart) {
  // Gathering 0.1 s, window 3 s.
  start(600);
  connect();
  fail_receipts(1);
  send_failures(1, "first");
  wait_errored(1);
  auto emails = wait_emails(1, std::chrono::seconds(5));
  ASSERT_EQ(emails.size(), 1u);
  // One failure: what failed, why, what to do and the record to retry.
  const std::string first_text(emails[0].at("text").as_string());
  EXPECT_NE(first_text.find("payment pay-ca-0001-first0"), std::string::npos) << first_text;
  EXPECT_NE(first_text.find("code 6000"), std::string::npos) << first_text;
  ASSERT_EQ(emails[0].at("record_ids").as_array().size(), 1u);
  const auto sent_at = std::chrono::steady_clock::now();

  // A second burst inside the window waits for it to end...
  fail_receipts(3);
  send_failures(3, "second");
  wait_errored(4);
  ASSERT_LT(std::chrono::steady_clock::now() - sent_at, std::chrono::milliseconds(2500))
      << "the machine is too slow for this test's window";
  EXPECT_EQ(host_.emails().size(), 1u);
  // ...and the plugin stops before it does: the waiting failures are in the store.
  plugin_.reset();
  ASSERT_EQ(host_.emails().size(), 1u);
  start(600);
  emails = wait_emails(2, std::chrono::seconds(10));
  ASSERT_EQ(emails.size(), 2u);
  const auto& digest = emails[1];
  EXPECT_NE(std::string(digest.at("subject").as_string()).find("3 records"), std::string::npos)
      << json::serialize(digest);
  EXPECT_EQ(digest.at("record_ids").as_array().size(), 3u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_NE(
        std::string(digest.at("text").as_string()).find("pay-ca-0001-second" + std::to_string(i)),
        std::string::npos);
  }
  EXPECT_NE(digest.at("problem_key"), emails[0].at("problem_key"));
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  EXPECT_EQ(host_.emails().size(), 2u);
  expect_no_secret_in_emails();
}

}  // namespace
}  // namespace qbo_sync::testing
