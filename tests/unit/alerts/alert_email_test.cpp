#include "alerts/alert_email.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace qbo_sync::alerts {
namespace {

namespace json = boost::json;

FailedRecord failure(int64_t id, std::string code, std::string message = "Close the period") {
  return {id,
          3,
          "payment",
          "pay-" + std::to_string(id),
          "validation",
          "validation",
          std::move(code),
          std::move(message),
          "1-tid" + std::to_string(id)};
}

json::object request(const AlertBatch& batch, const std::vector<std::string>& to = {}) {
  return json::parse(alert_email_request("acct-1", batch, to)).as_object();
}

TEST(AlertEmail, OneFailureSaysWhatFailedWhyWhatToDoAndTheRecordToRetry) {
  AlertBatch batch;
  batch.add(failure(42, "6000"), 1000, 20);
  const auto email = request(batch, {"owner@example.com"});
  EXPECT_EQ(email.at("account_id"), "acct-1");
  EXPECT_EQ(email.at("to").as_array().size(), 1u);
  EXPECT_EQ(email.at("severity"), "error");
  EXPECT_EQ(email.at("subject"), "QuickBooks sync: payment pay-42 could not be synced");
  const std::string text(email.at("text").as_string());
  EXPECT_NE(text.find("Record 42: payment pay-42 (revision 3)"), std::string::npos) << text;
  EXPECT_NE(text.find("code 6000"), std::string::npos) << text;
  EXPECT_NE(text.find("intuit_tid 1-tid42"), std::string::npos) << text;
  EXPECT_NE(text.find("What to do: Close the period"), std::string::npos) << text;
  EXPECT_NE(text.find("retry_records"), std::string::npos) << text;
  EXPECT_EQ(email.at("record_ids"), (json::array{"42"}));
  EXPECT_EQ(email.at("problem_key"), "sync_error:42:3");
}

TEST(AlertEmail, ADigestCountsByCauseAndListsTheFirstRecords) {
  AlertBatch batch;
  for (int64_t id = 1; id <= 500; ++id) {
    batch.add(id <= 300 ? failure(id, "6000") : failure(id, "6240", "Rename the customer"),
              5000 + id, 20);
  }
  const auto email = request(batch);
  EXPECT_FALSE(email.contains("to"));  // every admin of the account
  EXPECT_EQ(email.at("subject"), "QuickBooks sync: 500 records could not be synced");
  const std::string text(email.at("text").as_string());
  EXPECT_NE(text.find("- 300 x validation, code 6000: Close the period"), std::string::npos)
      << text;
  EXPECT_NE(text.find("- 200 x validation, code 6240: Rename the customer"), std::string::npos)
      << text;
  EXPECT_NE(text.find("The first 20 of them"), std::string::npos);
  EXPECT_NE(text.find("... and 480 more"), std::string::npos);
  EXPECT_EQ(email.at("record_ids").as_array().size(), 20u);
  EXPECT_EQ(email.at("problem_key"), "sync_errors:5001");
}

TEST(AlertEmail, StaysWithinTheHostSchemasLimits) {
  AlertBatch batch;
  const std::string long_message(3000, 'm');
  for (int64_t id = 1; id <= 150; ++id) batch.add(failure(id, "6000", long_message), id, 150);
  std::vector<std::string> to;
  for (int i = 0; i < 25; ++i) to.push_back("admin" + std::to_string(i) + "@example.com");
  const auto email = request(batch, to);
  EXPECT_LE(email.at("text").as_string().size(), 20000u);
  EXPECT_LE(email.at("subject").as_string().size(), 200u);
  EXPECT_EQ(email.at("record_ids").as_array().size(), 100u);
  EXPECT_EQ(email.at("to").as_array().size(), 20u);
}

TEST(AlertEmail, ACutTextNeverEndsInHalfACharacter) {
  AlertBatch batch;
  std::string accents;
  for (int i = 0; i < 15000; ++i) accents += "\xC3\xA9";  // é
  batch.add(failure(1, "6000", accents), 1, 20);
  const std::string text(request(batch).at("text").as_string());
  ASSERT_LE(text.size(), 20000u);
  // Valid UTF-8 up to the ellipsis: the byte before it is not a lead or continuation byte cut off.
  const std::string body = text.substr(0, text.size() - 3);
  EXPECT_EQ(text.substr(text.size() - 3), "...");
  EXPECT_NE(body.back() & 0xC0, 0xC0);
  EXPECT_EQ(body.substr(body.size() - 2), "\xC3\xA9");
}

}  // namespace
}  // namespace qbo_sync::alerts
