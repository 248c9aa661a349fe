#include "alerts/alert_digest.h"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "store/temp_dir.h"

namespace qbo_sync::alerts {
namespace {

namespace json = boost::json;
constexpr const char* kAccount = "acct-demo-ca";

store::AttemptOutcome errored(std::string code = "6000") {
  store::AttemptOutcome outcome;
  outcome.status = store::RecordStatus::errored;
  outcome.reason = "validation";
  outcome.error_json = json::serialize(json::object{{"class", "validation"},
                                                    {"code", code},
                                                    {"http_status", 400},
                                                    {"message", "Fix the books, then retry"},
                                                    {"intuit_tid", "1-tid"}});
  return outcome;
}

store::SyncRecord record(int64_t id, int64_t revision = 1) {
  store::SyncRecord record;
  record.id = id;
  record.account_id = kAccount;
  record.object_type = "payment";
  record.object_id = "pay-" + std::to_string(id);
  record.revision = revision;
  record.status = store::RecordStatus::errored;
  return record;
}

class AlertDigestTest : public ::testing::Test {
 protected:
  AlertDigestTest() : store_(dir_.path()) {
    options_.gather_ms = 1000;
    options_.window_ms = 10000;
    options_.max_wait_ms = 10000;
    options_.listed_records = 20;
  }

  std::unique_ptr<AlertDigest> make_digest(store::Store& store) {
    return std::make_unique<AlertDigest>(
        store,
        [this](const std::string& request) {
          sent_.push_back(json::parse(request).as_object());
          return delivery_;
        },
        [this] { return now_.load(); }, options_,
        [this](const std::string& message) { logs_.push_back(message); });
  }
  AlertDigest& digest() {
    if (!digest_) digest_ = make_digest(store_);
    return *digest_;
  }

  void advance(int64_t ms) { now_ += ms; }

  // A todo sync record for the account (a payment still to be sent).
  void add_todo_record(const std::string& id) {
    store_.commit_events({{kAccount, "evt-" + id, "payment.completed", "payment", id, 1,
                           "2026-03-01T00:00:00Z", "{}"}});
  }

  testing::TempDir dir_;
  store::Store store_;
  AlertOptions options_;
  std::atomic<int64_t> now_{1'000'000};
  EmailDelivery delivery_ = EmailDelivery::taken;
  std::vector<json::object> sent_;
  std::vector<std::string> logs_;
  std::unique_ptr<AlertDigest> digest_;
};

TEST_F(AlertDigestTest, OnlyErroredRecordsAreAlerted) {
  for (auto status :
       {store::RecordStatus::completed, store::RecordStatus::skipped, store::RecordStatus::todo}) {
    store::AttemptOutcome outcome = errored();
    outcome.status = status;
    digest().on_finished(record(1), outcome);
  }
  advance(60000);
  EXPECT_EQ(digest().flush(), 0);
  EXPECT_TRUE(sent_.empty());
}

TEST_F(AlertDigestTest, AFailureWaitsForTheGatheringDelayThenIsOneEmail) {
  digest().on_finished(record(7), errored());
  EXPECT_EQ(digest().flush(), 0);
  advance(999);
  EXPECT_EQ(digest().flush(), 0);
  advance(1);
  EXPECT_EQ(digest().flush(), 1);
  ASSERT_EQ(sent_.size(), 1u);
  EXPECT_EQ(sent_[0].at("record_ids"), (json::array{"7"}));
  EXPECT_NE(sent_[0].at("text").as_string().find("Fix the books, then retry"), std::string::npos);
  advance(60000);
  EXPECT_EQ(digest().flush(), 0);
  EXPECT_EQ(sent_.size(), 1u);
}

TEST_F(AlertDigestTest, ARecordRevisionIsAlertedOnceEverANewRevisionAgain) {
  digest().on_finished(record(7), errored());
  digest().on_finished(record(7), errored());  // retried, failed the same way
  // Another process over the same store knows it was alerted too.
  store::Store other_store(dir_.path());
  make_digest(other_store)->on_finished(record(7), errored());
  advance(1000);
  ASSERT_EQ(digest().flush(), 1);
  EXPECT_NE(sent_[0].at("subject").as_string().find("pay-7"), std::string::npos);

  digest().on_finished(record(7), errored());
  digest().on_finished(record(7, 2), errored());  // the CRM changed the payment; it failed again
  advance(10000);
  ASSERT_EQ(digest().flush(), 1);
  EXPECT_EQ(sent_[1].at("problem_key"), "sync_error:7:2");
}

TEST_F(AlertDigestTest, ABurstIsGatheredWhileFailuresKeepArriving) {
  for (int i = 1; i <= 10; ++i) {
    digest().on_finished(record(i), errored(i % 2 ? "6000" : "6240"));
    EXPECT_EQ(digest().flush(), 0);
    advance(500);
  }
  advance(500);
  ASSERT_EQ(digest().flush(), 1);
  EXPECT_EQ(sent_[0].at("subject"), "QuickBooks sync: 10 records could not be synced");
  const std::string text(sent_[0].at("text").as_string());
  EXPECT_NE(text.find("- 5 x validation, code 6000"), std::string::npos) << text;
  EXPECT_NE(text.find("- 5 x validation, code 6240"), std::string::npos) << text;
}

TEST_F(AlertDigestTest, AtMostOneDigestPerWindow) {
  digest().on_finished(record(1), errored());
  advance(1000);
  ASSERT_EQ(digest().flush(), 1);
  advance(10);
  digest().on_finished(record(2), errored());
  advance(5000);
  EXPECT_EQ(digest().flush(), 0);
  advance(4989);
  EXPECT_EQ(digest().flush(), 0);
  advance(1);  // the window since the first digest has passed
  ASSERT_EQ(digest().flush(), 1);
  EXPECT_EQ(sent_[1].at("record_ids"), (json::array{"2"}));
}

TEST_F(AlertDigestTest, RecordsStillToSyncHoldTheDigestUntilTheLongestWait) {
  add_todo_record("pay-still-todo");
  digest().on_finished(record(1), errored());
  advance(1000);
  EXPECT_EQ(digest().flush(), 0);  // the rest of the burst may still fail
  advance(8999);
  EXPECT_EQ(digest().flush(), 0);
  advance(1);
  EXPECT_EQ(digest().flush(), 1);
}

TEST_F(AlertDigestTest, WaitingFailuresSurviveARestart) {
  store::ConnectionRow row;
  row.account_id = kAccount;
  row.realm_id = "9130";
  row.sealed_tokens = "sealed";
  store_.put_connection(row);
  digest().on_finished(record(1), errored());
  digest().on_finished(record(2), errored());
  digest_.reset();  // the process stops before the digest is due

  advance(1000);
  auto restarted = make_digest(store_);
  ASSERT_EQ(restarted->flush(), 1);
  EXPECT_EQ(sent_[0].at("record_ids"), (json::array{"1", "2"}));
}

TEST_F(AlertDigestTest, ADigestTheHostCouldNotTakeIsSentLaterWithoutLosingNewFailures) {
  delivery_ = EmailDelivery::failed;
  digest().on_finished(record(1), errored());
  advance(1000);
  EXPECT_EQ(digest().flush(), 0);
  ASSERT_EQ(sent_.size(), 1u);
  digest().on_finished(record(2), errored());  // arrives while the first digest waits
  delivery_ = EmailDelivery::taken;
  advance(999);
  EXPECT_EQ(digest().flush(), 0);  // not retried at once
  advance(1);
  ASSERT_EQ(digest().flush(), 1);
  ASSERT_EQ(sent_.size(), 2u);
  EXPECT_EQ(sent_[1].at("record_ids"), (json::array{"1"}));
  advance(10000);
  ASSERT_EQ(digest().flush(), 1);
  EXPECT_EQ(sent_[2].at("record_ids"), (json::array{"2"}));
}

TEST_F(AlertDigestTest, AHostWithoutEmailIsLoggedAndTheDigestDropped) {
  delivery_ = EmailDelivery::unsupported;
  digest().on_finished(record(1), errored());
  advance(1000);
  EXPECT_EQ(digest().flush(), 0);  // the host took no e-mail
  advance(60000);
  EXPECT_EQ(digest().flush(), 0);
  EXPECT_EQ(sent_.size(), 1u);
  ASSERT_EQ(logs_.size(), 1u);
  EXPECT_NE(logs_[0].find("cannot e-mail"), std::string::npos);
}

TEST_F(AlertDigestTest, TheSettingsAdminEmailsReceiveIt) {
  std::ifstream in(std::string(QBO_SYNC_SCHEMAS_DIR) +
                   "/examples/settings.changed.v1/valid/01-acct-demo-ca.json");
  std::stringstream text;
  text << in.rdbuf();
  store_.commit_events({{kAccount, "evt-settings", "settings.changed", "settings", kAccount, 1,
                         "2026-03-01T00:00:00Z", text.str()}});
  digest().on_finished(record(1), errored());
  advance(1000);
  ASSERT_EQ(digest().flush(), 1);
  EXPECT_EQ(sent_[0].at("to"),
            (json::array{"owner@mapleleafyoga.example", "bookkeeper@mapleleafyoga.example"}));
}

TEST_F(AlertDigestTest, TwoProcessesOverOneStoreSendOneDigest) {
  store::Store other_store(dir_.path());
  auto other = make_digest(other_store);
  digest().on_finished(record(1), errored());
  other->on_finished(record(2), errored());
  advance(1000);
  EXPECT_EQ(digest().flush() + other->flush(), 1);
  ASSERT_EQ(sent_.size(), 1u);
  EXPECT_EQ(sent_[0].at("record_ids").as_array().size(), 2u);
}

}  // namespace
}  // namespace qbo_sync::alerts
