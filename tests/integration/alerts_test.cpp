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
#include "renamed_payment.h"
#include "schema_example.h"
#include "stored_tokens.h"

namespace qbo_sync::testing {
namespace {

namespace json = boost::json;
constexpr const char* kAccount = "acct-demo-ca";
// A digest is due a minute after the latest failure; the plugin looks every 5 s.
constexpr auto kGatheringAndOneLook = std::chrono::seconds(65);

class AlertsTest : public ConnectedPluginFixture {
 protected:
  AlertsTest() : ConnectedPluginFixture(600.0) {}
  // Each test starts the plugin itself.
  void SetUp() override {}
  // The digests gather for 60 s and send at most one per 30 min window; the plugin's clock stands
  // still until the test moves it, so no timing depends on the machine's speed.
  void start() { start_plugin_with(sandbox_.plugin_config_on_manual_clock(dir_.path().string())); }

  void advance(std::chrono::milliseconds by) {
    const auto answer = advance_clock(*plugin_, by);
    ASSERT_EQ(answer.status, QBO_SYNC_OK) << answer.text;
  }

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

  // Waits until `errored` records are errored and none is todo. The clock moves a second at each
  // look, so that QBO's rolling minute passes for a burst that needs more than a minute's calls;
  // while records are still to sync the digest keeps gathering.
  void wait_errored(int64_t errored, std::chrono::seconds limit = std::chrono::seconds(60)) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
      if (count("todo") == 0 && count("errored") >= errored) break;
      advance(std::chrono::seconds(1));
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ASSERT_EQ(count("errored"), errored);
  }

  void send_failures(int how_many, const std::string& batch) {
    const std::string payload = example_text("payment.completed.v1/valid/01-ca-on-order-form.json");
    for (int i = 0; i < how_many; ++i) {
      const auto answer =
          plugin_->payment_completed(renamed_payment(payload, "-" + batch + std::to_string(i)));
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
  start();
  connect();
  fail_receipts(500);
  send_failures(500, "burst");
  wait_errored(500);
  advance(kGatheringAndOneLook);
  const auto emails = host_.emails();
  ASSERT_EQ(emails.size(), 1u);
  // Nothing more arrives later: the burst was one e-mail.
  advance(std::chrono::hours(2));
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
  advance(std::chrono::hours(2));
  EXPECT_EQ(host_.emails().size(), 1u);
}

TEST_F(AlertsTest, ALaterBurstIsOneMoreDigestAndWaitingAlertsSurviveARestart) {
  start();
  connect();
  fail_receipts(1);
  send_failures(1, "first");
  wait_errored(1);
  advance(kGatheringAndOneLook);
  auto emails = host_.emails();
  ASSERT_EQ(emails.size(), 1u);
  // One failure: what failed, why, what to do and the record to retry.
  const std::string first_text(emails[0].at("text").as_string());
  EXPECT_NE(first_text.find("payment pay-ca-0001-first0"), std::string::npos) << first_text;
  EXPECT_NE(first_text.find("code 6000"), std::string::npos) << first_text;
  ASSERT_EQ(emails[0].at("record_ids").as_array().size(), 1u);

  // A second burst inside the 30 min window waits for it to end...
  fail_receipts(3);
  send_failures(3, "second");
  wait_errored(4);
  advance(std::chrono::minutes(10));
  EXPECT_EQ(host_.emails().size(), 1u);
  // ...and the plugin stops before it does: the waiting failures are in the store.
  plugin_.reset();
  ASSERT_EQ(host_.emails().size(), 1u);
  // The restarted plugin's clock starts again from the real time, which is behind the moved one.
  start();
  advance(std::chrono::minutes(45));
  emails = host_.emails();
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
  advance(std::chrono::hours(2));
  EXPECT_EQ(host_.emails().size(), 2u);
  expect_no_secret_in_emails();
}

}  // namespace
}  // namespace qbo_sync::testing
