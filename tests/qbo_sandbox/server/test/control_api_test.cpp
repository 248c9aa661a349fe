#include <gtest/gtest.h>
#include <boost/json/serialize.hpp>

#include "sandbox_fixture.h"

namespace qbo_sandbox {
namespace {

class Control : public test::SandboxTest {};

TEST_F(Control, ListsItsRoutesAndTheStartupInfo) {
  const auto answer = control("GET", "");
  ASSERT_EQ(answer.status, 200);
  EXPECT_FALSE(answer.json().at("routes").as_array().empty());
  EXPECT_EQ(answer.json().at("info").at("api"), boost::json::value(std::string_view(base_)));
  EXPECT_EQ(control("GET", "/info").json().at("realm_ids").at(0),
            boost::json::value(std::string_view(realm_)));
}

TEST_F(Control, UnknownRoutesAre404) {
  EXPECT_EQ(control("GET", "/nothing").status, 404);
  EXPECT_EQ(control("PUT", "/faults").status, 404);
}

TEST_F(Control, AddsCompaniesAndShowsTheirLedger) {
  const auto added = control("POST", "/companies", R"({"preset":"us","name":"Acme US"})");
  ASSERT_EQ(added.status, 201) << added.body;
  const std::string realm_id(added.json().at("realm_id").as_string());
  EXPECT_TRUE(server_->ledger().has_realm(realm_id));
  const auto ledger = control("GET", "/ledger/" + realm_id);
  ASSERT_EQ(ledger.status, 200);
  EXPECT_EQ(ledger.json().at("objects").at("CompanyInfo").at(0).at("Country"), "US");
  EXPECT_GE(ledger.json().at("counts").at("TaxCode").as_int64(), 1);
  const auto all = control("GET", "/ledger");
  EXPECT_EQ(all.json().at("realms").as_object().size(), 2u);
  EXPECT_EQ(control("GET", "/ledger/1").status, 404);
  EXPECT_EQ(control("GET", "/info").json().at("realm_ids").as_array().size(), 2u);

  const auto bad = control("POST", "/companies", R"({"preset":"fr"})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.json().at("field"), "preset");
}

TEST_F(Control, LedgerShowsWhatTheApiCreated) {
  const auto tokens = connect();
  const auto created = http_.post_json(api_url("customer"), R"({"DisplayName":"Seen Ltd"})",
                                       {"Authorization: Bearer " + tokens.access_token});
  ASSERT_EQ(created.status, 200) << created.body;
  const auto ledger = control("GET", "/ledger/" + realm_).json();
  bool found = false;
  for (const auto& customer : ledger.at("objects").at("Customer").as_array()) {
    found = found || customer.at("DisplayName") == "Seen Ltd";
  }
  EXPECT_TRUE(found);
}

TEST_F(Control, AdvancesTheClock) {
  const auto before = server_->clock().now();
  const auto answer = control("POST", "/clock/advance", R"({"seconds":7200})");
  ASSERT_EQ(answer.status, 200);
  EXPECT_EQ(answer.json().at("offset_seconds"), 7200);
  EXPECT_GE(server_->clock().now() - before, std::chrono::hours(2));
  const auto negative = control("POST", "/clock/advance", R"({"seconds":-5})");
  EXPECT_EQ(negative.status, 400);
  EXPECT_EQ(negative.json().at("field"), "seconds");
  EXPECT_EQ(control("POST", "/clock/advance", "{}").status, 400);
  EXPECT_EQ(control("POST", "/clock/advance", "not json").status, 400);
}

TEST_F(Control, SetsTheTimeScale) {
  const auto answer = control("POST", "/time-scale", R"({"time_scale":60})");
  ASSERT_EQ(answer.status, 200);
  EXPECT_EQ(answer.json().at("time_scale"), 60.0);
  EXPECT_EQ(control("GET", "/throttle").json().at("time_scale"), 60.0);
  const auto bad = control("POST", "/time-scale", R"({"time_scale":0})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.json().at("field"), "time_scale");
}

TEST_F(Control, SetsShowsAndClearsTheClosingDateThatTheApiThenObeys) {
  const auto set = control("POST", "/closing-date",
                           R"({"realm_id":")" + realm_ + R"(","closing_date":"2026-03-31"})");
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(set.json().at("closing_date"), "2026-03-31");
  EXPECT_EQ(control("GET", "/closing-date/" + realm_).json().at("closing_date"), "2026-03-31");

  const auto tokens = connect();
  const std::string receipt =
      R"({"TxnDate":"2026-03-01","CustomerRef":{"value":")" +
      std::string(http_
                      .post_json(api_url("customer"), R"({"DisplayName":"Closed Co"})",
                                 {"Authorization: Bearer " + tokens.access_token})
                      .json()
                      .at("Customer")
                      .at("Id")
                      .as_string()) +
      R"("},"Line":[{"Amount":10,"DetailType":"SalesItemLineDetail","SalesItemLineDetail":)"
      R"({"ItemRef":{"value":"1"},"TaxCodeRef":{"value":"5"}}}]})";
  const auto refused = http_.post_json(api_url("salesreceipt"), receipt,
                                       {"Authorization: Bearer " + tokens.access_token});
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(refused.json().at("Fault").at("Error").at(0).at("code"), "6210");

  const auto cleared =
      control("POST", "/closing-date", R"({"realm_id":")" + realm_ + R"(","closing_date":null})");
  ASSERT_EQ(cleared.status, 200);
  EXPECT_TRUE(cleared.json().at("closing_date").is_null());
  EXPECT_EQ(http_
                .post_json(api_url("salesreceipt"), receipt,
                           {"Authorization: Bearer " + tokens.access_token})
                .status,
            200);

  const auto bad = control("POST", "/closing-date",
                           R"({"realm_id":")" + realm_ + R"(","closing_date":"31/03/2026"})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.json().at("field"), "closing_date");
  EXPECT_EQ(control("POST", "/closing-date", R"({"closing_date":"2026-03-31"})").json().at("field"),
            "realm_id");
  EXPECT_EQ(control("GET", "/closing-date/1").status, 404);
}

TEST_F(Control, IssuesTokensWithoutTheBrowserRoundTrip) {
  const auto issued = control("POST", "/tokens/issue", "{\"realm_id\":\"" + realm_ + "\"}");
  ASSERT_EQ(issued.status, 200);
  const std::string access(issued.json().at("access_token").as_string());
  EXPECT_EQ(api_get("companyinfo/" + realm_, access).status, 200);
  const auto missing = control("POST", "/tokens/issue", "{}");
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(missing.json().at("field"), "realm_id");
  const auto which =
      control("POST", "/tokens/expire", "{\"realm_id\":\"" + realm_ + "\",\"which\":\"all\"}");
  EXPECT_EQ(which.json().at("field"), "which");
}

TEST_F(Control, ConfiguresWebhooks) {
  const auto answer = control(
      "POST", "/webhooks",
      R"({"url":"http://127.0.0.1:9/hook","format":"cloudevents","retry_delays_ms":[5,10],"max_attempts":3})");
  ASSERT_EQ(answer.status, 200) << answer.body;
  const auto report = control("GET", "/webhooks").json();
  EXPECT_EQ(report.at("url"), "http://127.0.0.1:9/hook");
  EXPECT_EQ(report.at("format"), "cloudevents");
  EXPECT_EQ(boost::json::serialize(report.at("retry_delays_ms")), "[5,10]");
  const auto https = control("POST", "/webhooks", R"({"url":"https://example.com/hook"})");
  EXPECT_EQ(https.json().at("field"), "url");
  const auto format = control("POST", "/webhooks", R"({"format":"soap"})");
  EXPECT_EQ(format.json().at("field"), "format");
}

}  // namespace
}  // namespace qbo_sandbox
