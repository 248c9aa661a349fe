#include "runtime/admin_api.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "qbo_sync/plugin_api.h"
#include "runtime/qbo_stack.h"
#include "store/temp_dir.h"

namespace qbo_sync::runtime {
namespace {

store::IncomingEvent payment(const std::string& id) {
  return {"acct-1",    "evt-" + id, "payment.completed",    "payment",
          "pay-" + id, 1,           "2026-11-21T10:00:00Z", "{}"};
}

class AdminApiTest : public ::testing::Test {
 protected:
  boost::json::object call(const std::string& request, int32_t expected_status = QBO_SYNC_OK) {
    const auto response = admin_.handle(request);
    EXPECT_EQ(response.status, expected_status) << response.body;
    return boost::json::parse(response.body).as_object();
  }

  // Every QBO endpoint on a local port nothing listens on: no call in these tests reaches QBO.
  static HostConfig config() {
    const std::string nowhere = "http://127.0.0.1:9";
    HostConfig config;
    config.qbo.environment = "custom";
    config.qbo.api_base_url = nowhere;
    config.qbo.authorize_url = nowhere + "/connect/oauth2";
    config.qbo.token_url = nowhere + "/oauth2/v1/tokens/bearer";
    config.qbo.revoke_url = nowhere + "/v2/oauth2/tokens/revoke";
    config.qbo.redirect_uri = nowhere + "/callback";
    config.qbo.client_id = "client-id";
    config.qbo.client_secret = "client-secret";
    return config;
  }

  testing::TempDir dir_;
  store::Store store_{dir_.path()};
  HostServices host_{nullptr};
  QboStack qbo_{config(), store_, host_};
  AdminApi admin_{store_, qbo_.connections()};
};

TEST_F(AdminApiTest, RefusesUnknownOperationsAndBadRequests) {
  EXPECT_EQ(call(R"({"op":"launch_rockets"})", QBO_SYNC_UNSUPPORTED).at("path"), "/op");
  EXPECT_EQ(call(R"({"nop":1})", QBO_SYNC_INVALID_INPUT).at("path"), "/op");
  EXPECT_EQ(call("[1]", QBO_SYNC_INVALID_INPUT).at("code"), "wrong_type");
  EXPECT_EQ(call("{", QBO_SYNC_INVALID_INPUT).at("code"), "malformed_json");
  EXPECT_EQ(call("", QBO_SYNC_INVALID_INPUT).at("code"), "empty_payload");
  EXPECT_EQ(call(R"({"op":"list_records"})", QBO_SYNC_INVALID_INPUT).at("path"), "/account_id");
  EXPECT_EQ(
      call(R"({"op":"list_records","account_id":"a","status":"done"})", QBO_SYNC_INVALID_INPUT)
          .at("path"),
      "/status");
  EXPECT_EQ(call(R"({"op":"list_records","account_id":"a","limit":0})", QBO_SYNC_INVALID_INPUT)
                .at("path"),
            "/limit");
  EXPECT_EQ(call(R"({"op":"list_records","account_id":"a","cursor":"x1"})", QBO_SYNC_INVALID_INPUT)
                .at("path"),
            "/cursor");
  EXPECT_EQ(call(R"({"op":"list_records","account_id":"a","reason":7})", QBO_SYNC_INVALID_INPUT)
                .at("path"),
            "/reason");
}

TEST_F(AdminApiTest, ConnectBeginGivesAnAuthorizationUrlWithASingleUseState) {
  auto begun = call(R"({"op":"connect_begin","account_id":"acct-1"})");
  const std::string url(begun.at("authorization_url").as_string());
  const std::string state(begun.at("state").as_string());
  EXPECT_EQ(url.rfind("http://127.0.0.1:9/connect/oauth2?", 0), 0u) << url;
  EXPECT_NE(url.find("state=" + state), std::string::npos);
  EXPECT_NE(url.find("client_id=client-id"), std::string::npos);
  EXPECT_EQ(url.find("client-secret"), std::string::npos);
  EXPECT_EQ(store_.consume_oauth_state(state, 600'000), "acct-1");
}

TEST_F(AdminApiTest, ConnectCompleteRefusesAnUnknownStateAndBadFields) {
  EXPECT_EQ(call(R"({"op":"connect_complete","code":"c","state":"forged","realm_id":"123"})",
                 QBO_SYNC_INVALID_INPUT)
                .at("code"),
            "invalid_state");
  EXPECT_EQ(
      call(R"({"op":"connect_complete","state":"s","realm_id":"123"})", QBO_SYNC_INVALID_INPUT)
          .at("path"),
      "/code");
  EXPECT_EQ(call(R"({"op":"connect_complete","code":"c","state":"s","realm_id":"12a"})",
                 QBO_SYNC_INVALID_INPUT)
                .at("path"),
            "/realm_id");
}

TEST_F(AdminApiTest, AnUnconnectedAccountSaysSo) {
  EXPECT_EQ(call(R"({"op":"connection_status","account_id":"acct-1"})").at("state"),
            "not_connected");
  EXPECT_EQ(call(R"({"op":"test_connection","account_id":"acct-1"})").at("result"),
            "not_connected");
  EXPECT_EQ(call(R"({"op":"disconnect","account_id":"acct-1"})", QBO_SYNC_NOT_CONNECTED).at("code"),
            "not_connected");
}

TEST_F(AdminApiTest, RetryAndSkipChangeOnlyTheAccountsOwnRecords) {
  const auto id = store_.commit_events({payment("1")})[0].record_id;
  // How many records `op` changes when `account` names the record.
  const auto changed = [&](std::string_view op, std::string_view account) {
    return call(R"({"op":")" + std::string(op) + R"(","account_id":")" + std::string(account) +
                R"(","record_ids":[")" + std::to_string(id) + R"("]})")
        .at("changed")
        .as_int64();
  };
  EXPECT_EQ(changed("skip_records", "acct-1"), 1);
  EXPECT_EQ(store_.get_record(id)->status, store::RecordStatus::skipped);
  EXPECT_EQ(changed("retry_records", "acct-2"), 0);
  EXPECT_EQ(changed("retry_records", "acct-1"), 1);
  EXPECT_EQ(store_.get_record(id)->status, store::RecordStatus::todo);
  EXPECT_EQ(call(R"({"op":"retry_records","account_id":"acct-1","record_ids":[]})",
                 QBO_SYNC_INVALID_INPUT)
                .at("path"),
            "/record_ids");
}

TEST_F(AdminApiTest, PluginInfoNamesTheAbiAndStoreVersions) {
  auto info = call(R"({"op":"plugin_info"})");
  EXPECT_EQ(info.at("name"), "qbo-sync");
  EXPECT_EQ(info.at("abi").at("major").as_int64(), QBO_SYNC_ABI_MAJOR);
  EXPECT_GE(info.at("store_schema_version").as_int64(), 1);
}

TEST_F(AdminApiTest, ListsRecordsPageByPage) {
  std::vector<store::IncomingEvent> events;
  for (int i = 0; i < 5; ++i) events.push_back(payment(std::to_string(i)));
  store_.commit_events(events);
  auto page1 = call(R"({"op":"list_records","account_id":"acct-1","limit":2})");
  ASSERT_EQ(page1.at("records").as_array().size(), 2u);
  const auto& first = page1.at("records").as_array()[0].as_object();
  EXPECT_EQ(first.at("status"), "todo");
  EXPECT_EQ(first.at("object_id"), "pay-0");
  const auto cursor = std::string(page1.at("next_cursor").as_string());
  auto page2 =
      call(R"({"op":"list_records","account_id":"acct-1","limit":2,"cursor":")" + cursor + R"("})");
  EXPECT_EQ(page2.at("records").as_array()[0].as_object().at("object_id"), "pay-2");
  auto rest = call(R"({"op":"list_records","account_id":"acct-1","limit":50,"status":"todo"})");
  EXPECT_EQ(rest.at("records").as_array().size(), 5u);
  EXPECT_TRUE(rest.at("next_cursor").is_null());
  auto none = call(R"({"op":"list_records","account_id":"acct-1","status":"errored"})");
  EXPECT_TRUE(none.at("records").as_array().empty());
  auto no_reason = call(R"({"op":"list_records","account_id":"acct-1","reason":""})");
  EXPECT_EQ(no_reason.at("records").as_array().size(), 5u);
  auto other = call(R"({"op":"list_records","account_id":"acct-1","reason":"not_connected"})");
  EXPECT_TRUE(other.at("records").as_array().empty());
}

TEST_F(AdminApiTest, GetRecordShowsTheAuditTrail) {
  const auto id = store_.commit_events({payment("1")})[0].record_id;
  auto record = call(R"({"op":"get_record","account_id":"acct-1","record_id":")" +
                     std::to_string(id) + R"("})");
  EXPECT_EQ(record.at("object_id"), "pay-1");
  ASSERT_EQ(record.at("audit").as_array().size(), 1u);
  EXPECT_EQ(record.at("audit").as_array()[0].as_object().at("action"), "accepted");
  EXPECT_EQ(
      call(R"({"op":"get_record","account_id":"acct-1","record_id":"999"})", QBO_SYNC_INVALID_INPUT)
          .at("code"),
      "not_found");
}

TEST_F(AdminApiTest, GetRecordRefusesARecordOfAnotherAccount) {
  const auto id = store_.commit_events({payment("1")})[0].record_id;
  const auto other = call(
      R"({"op":"get_record","account_id":"acct-2","record_id":")" + std::to_string(id) + R"("})",
      QBO_SYNC_INVALID_INPUT);
  EXPECT_EQ(other.at("code"), "not_found");
  EXPECT_EQ(other.find("audit"), other.end());
  EXPECT_EQ(call(R"({"op":"get_record","record_id":")" + std::to_string(id) + R"("})",
                 QBO_SYNC_INVALID_INPUT)
                .at("path"),
            "/account_id");
}

TEST_F(AdminApiTest, RefusesARequestThatNamesAFieldTwice) {
  const auto answer = call(R"({"op":"list_records","account_id":"acct-1","account_id":"acct-2"})",
                           QBO_SYNC_INVALID_INPUT);
  EXPECT_EQ(answer.at("code"), "duplicate_field");
  EXPECT_EQ(answer.at("path"), "/account_id");
}

TEST_F(AdminApiTest, RefusesARequestOverTheSizeLimit) {
  const std::string padding(QBO_SYNC_MAX_PAYLOAD_BYTES, 'x');
  const auto answer =
      call(R"({"op":"plugin_info","note":")" + padding + R"("})", QBO_SYNC_INVALID_INPUT);
  EXPECT_EQ(answer.at("code"), "payload_too_large");
}

TEST_F(AdminApiTest, IntegrationCardShowsTogglesWithTheirCurrentValues) {
  auto card = call(R"({"op":"integration_card","account_id":"acct-1"})");
  EXPECT_EQ(card.at("connection").at("state"), "not_connected");
  const auto& toggles = card.at("toggles").as_array();
  ASSERT_GE(toggles.size(), 5u);
  for (const auto& toggle : toggles) {
    EXPECT_FALSE(toggle.at("label").as_string().empty());
    EXPECT_FALSE(toggle.at("help").as_string().empty());
    EXPECT_EQ(toggle.at("value"), toggle.at("default"));
  }
  store_.commit_events(
      {{"acct-1", "s-1", "settings.changed", "settings", "acct-1", 4, "2026-11-21T10:00:00Z",
        R"({"settings":{"revision":4,"sync_payments":false,)"
        R"("review_request_on_first_paid_invoice":true}})"}});
  store_.commit_events({payment("1")});
  card = call(R"({"op":"integration_card","account_id":"acct-1"})");
  EXPECT_EQ(card.at("settings_revision").as_int64(), 4);
  for (const auto& toggle : card.at("toggles").as_array()) {
    if (toggle.at("key") == "sync_payments") {
      EXPECT_EQ(toggle.at("value"), false);
    }
    if (toggle.at("key") == "review_request_on_first_paid_invoice") {
      EXPECT_EQ(toggle.at("value"), true);
    }
  }
  EXPECT_EQ(card.at("records").at("todo").as_int64(), 1);
}

}  // namespace
}  // namespace qbo_sync::runtime
