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
