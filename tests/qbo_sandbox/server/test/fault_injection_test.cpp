#include "fault_injector.h"

#include <curl/curl.h>
#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

#include "sandbox_fixture.h"

namespace qbo_sandbox {
namespace {

namespace json = boost::json;

FaultRule rule_from(std::string_view text) {
  auto parsed = fault_rule_from_json(json::parse(text));
  if (auto* error = std::get_if<std::string>(&parsed)) {
    ADD_FAILURE() << *error;
    return {};
  }
  return std::get<FaultRule>(parsed);
}

TEST(FaultInjector, MatchesRealmMethodPathAndEntityAndCountsDown) {
  FaultInjector faults;
  faults.add(rule_from(
      R"({"kind":"http_503","count":2,"realm_id":"1","method":"POST","path_prefix":"invoice"})"));
  EXPECT_FALSE(faults.take("2", "POST", "invoice", ""));
  EXPECT_FALSE(faults.take("1", "GET", "invoice/5", ""));
  EXPECT_FALSE(faults.take("1", "POST", "customer", ""));
  auto first = faults.take("1", "POST", "invoice", "");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->kind, FaultRule::Kind::http_503);
  EXPECT_TRUE(faults.take("1", "post", "Invoice", ""));
  EXPECT_FALSE(faults.take("1", "POST", "invoice", "")) << "count was 2";
  EXPECT_TRUE(faults.list().empty());
}

TEST(FaultInjector, EntityMatchesPathsQueriesAndBatches) {
  FaultInjector faults;
  faults.add(rule_from(R"({"kind":"drop","count":3,"entity":"Customer"})"));
  EXPECT_FALSE(faults.take("1", "GET", "query", "select * from Invoice"));
  EXPECT_TRUE(faults.take("1", "GET", "query", "SELECT * FROM Customer WHERE Id = '1'"));
  EXPECT_TRUE(faults.take("1", "POST", "customer/7", ""));
  EXPECT_FALSE(faults.take("1", "POST", "batch", R"({"BatchItemRequest":[{"Invoice":{}}]})"));
  EXPECT_TRUE(faults.take("1", "POST", "batch", R"({"BatchItemRequest":[{"Customer":{}}]})"));
  EXPECT_FALSE(faults.take("1", "POST", "customer", ""));
}

TEST(FaultInjector, RulesApplyInOrderAndClear) {
  FaultInjector faults;
  const auto first = faults.add(rule_from(R"({"kind":"http_500"})"));
  const auto second = faults.add(rule_from(R"({"kind":"throttle"})"));
  EXPECT_LT(first, second);
  ASSERT_EQ(faults.list().size(), 2u);
  EXPECT_EQ(faults.list()[0].at("kind"), "http_500");
  EXPECT_EQ(faults.take("1", "GET", "x", "")->kind, FaultRule::Kind::http_500);
  faults.clear();
  EXPECT_FALSE(faults.take("1", "GET", "x", ""));
}

TEST(FaultInjector, BadRulesAreRefusedNamingTheField) {
  auto error_of = [](std::string_view text) {
    auto parsed = fault_rule_from_json(json::parse(text));
    return std::holds_alternative<std::string>(parsed) ? std::get<std::string>(parsed)
                                                       : std::string();
  };
  EXPECT_NE(error_of(R"({"count":1})").find("kind"), std::string::npos);
  EXPECT_NE(error_of(R"({"kind":"explode"})").find("kind"), std::string::npos);
  EXPECT_NE(error_of(R"({"kind":"drop","count":0})").find("count"), std::string::npos);
  EXPECT_NE(error_of(R"({"kind":"delay","delay_ms":"x"})").find("delay_ms"), std::string::npos);
  EXPECT_NE(error_of(R"({"kind":"xml_fault","status":42})").find("status"), std::string::npos);
  EXPECT_NE(error_of(R"({"kind":"drop","realm_id":5})").find("realm_id"), std::string::npos);
}

class InjectedFaults : public test::SandboxTest {
 protected:
  void SetUp() override {
    SandboxTest::SetUp();
    access_ = connect().access_token;
  }
  void inject(const std::string& rule) {
    const auto answer = control("POST", "/faults", rule);
    ASSERT_EQ(answer.status, 201) << answer.body;
  }
  test::HttpResult call(long timeout_ms = 10000) {
    return http_.request("GET", api_url("companyinfo/" + realm_), "",
                         {"Authorization: Bearer " + access_}, timeout_ms);
  }
  std::int64_t count(const std::string& entity) {
    const auto snapshot = server_->ledger().snapshot(realm_);
    const auto* counts = snapshot.at("counts").as_object().if_contains(entity);
    return counts == nullptr ? 0 : counts->as_int64();
  }
  std::string access_;
};

TEST_F(InjectedFaults, Http500IsASystemFaultAndOnlyTheNextNCalls) {
  inject(R"({"kind":"http_500","count":2})");
  for (int i = 0; i < 2; ++i) {
    const auto answer = call();
    EXPECT_EQ(answer.status, 500);
    const auto body = answer.json();
    EXPECT_EQ(body.at("Fault").at("type"), "SystemFault");
    EXPECT_EQ(body.at("Fault").at("Error").at(0).at("code"), "10000");
    EXPECT_TRUE(body.as_object().contains("time"));
  }
  EXPECT_EQ(call().status, 200);
}

TEST_F(InjectedFaults, Http503IsAnHtmlPage) {
  inject(R"({"kind":"http_503"})");
  const auto answer = call();
  EXPECT_EQ(answer.status, 503);
  EXPECT_EQ(answer.header("content-type"), "text/html");
  EXPECT_FALSE(answer.header("intuit_tid").empty());
}

TEST_F(InjectedFaults, XmlFaultWithOverrides) {
  inject(R"({"kind":"xml_fault","status":400,"type":"ValidationFault","code":"6000",
             "message":"A business validation error has occurred","detail":"a < b & c"})");
  const auto answer = call();
  EXPECT_EQ(answer.status, 400);
  EXPECT_EQ(answer.header("content-type"), "application/xml");
  EXPECT_NE(answer.body.find(R"(<Fault type="ValidationFault"><Error code="6000">)"),
            std::string::npos)
      << answer.body;
  EXPECT_NE(answer.body.find("<Detail>a &lt; b &amp; c</Detail>"), std::string::npos);
}

TEST_F(InjectedFaults, ThrottleIs429) {
  inject(R"({"kind":"throttle"})");
  const auto answer = call();
  EXPECT_EQ(answer.status, 429);
  EXPECT_NE(answer.body.find("ThrottleExceeded"), std::string::npos);
}

TEST_F(InjectedFaults, DropClosesWithoutAnAnswer) {
  inject(R"({"kind":"drop"})");
  // A fresh connection: libcurl silently retries a request once when a reused connection closes
  // without an answer, which would hide the drop.
  test::HttpClient fresh;
  const auto answer = fresh.request("GET", api_url("companyinfo/" + realm_), "",
                                    {"Authorization: Bearer " + access_});
  EXPECT_EQ(answer.curl_code, CURLE_GOT_NOTHING);
  EXPECT_EQ(call().status, 200);
}

TEST_F(InjectedFaults, TimeoutNeverAnswers) {
  inject(R"({"kind":"timeout","delay_ms":2000})");
  const auto answer = call(300);
  EXPECT_EQ(answer.curl_code, CURLE_OPERATION_TIMEDOUT);
  EXPECT_EQ(call().status, 200);
}

TEST_F(InjectedFaults, DelayAnswersLate) {
  inject(R"({"kind":"delay","delay_ms":300})");
  const auto started = std::chrono::steady_clock::now();
  const auto answer = call();
  EXPECT_EQ(answer.status, 200);
  EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(300));
}

TEST_F(InjectedFaults, AfterLedgerCommitsTheChangeButLosesTheAnswer) {
  const auto before = count("Customer");
  inject(R"({"kind":"http_500","entity":"Customer","after_ledger":true})");
  const auto answer = http_.post_json(api_url("customer"), R"({"DisplayName":"Lost Answer Ltd"})",
                                      {"Authorization: Bearer " + access_});
  EXPECT_EQ(answer.status, 500);
  EXPECT_EQ(count("Customer"), before + 1) << "the customer was created all the same";
}

TEST_F(InjectedFaults, BeforeLedgerChangesNothing) {
  const auto before = count("Customer");
  inject(R"({"kind":"drop","path_prefix":"customer"})");
  test::HttpClient fresh;
  const auto answer = fresh.post_json(api_url("customer"), R"({"DisplayName":"Never Made Ltd"})",
                                      {"Authorization: Bearer " + access_});
  EXPECT_EQ(answer.curl_code, CURLE_GOT_NOTHING);
  EXPECT_EQ(count("Customer"), before);
}

TEST_F(InjectedFaults, RealmScopedFaultsLeaveOtherRealmsAlone) {
  const auto added = control("POST", "/companies", R"({"preset":"ca"})");
  const std::string other(added.json().at("realm_id").as_string());
  inject("{\"kind\":\"http_500\",\"realm_id\":\"" + other + "\"}");
  EXPECT_EQ(call().status, 200);
  const auto listed = control("GET", "/faults").json();
  EXPECT_EQ(listed.at("faults").as_array().size(), 1u);
  EXPECT_EQ(control("DELETE", "/faults").status, 200);
  EXPECT_TRUE(control("GET", "/faults").json().at("faults").as_array().empty());
}

TEST_F(InjectedFaults, UnknownRealmInARuleIsRefused) {
  const auto answer = control("POST", "/faults", R"({"kind":"drop","realm_id":"42"})");
  EXPECT_EQ(answer.status, 400);
  EXPECT_EQ(answer.json().at("field"), "realm_id");
}

}  // namespace
}  // namespace qbo_sandbox
