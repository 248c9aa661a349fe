#include "qbo_client/api_client.h"

#include <gtest/gtest.h>

#include <atomic>

#include <boost/json.hpp>

#include "client_stack.h"
#include "qbo_client/fault_parser.h"
#include "qbo_client/retry_policy.h"

namespace qbo_sync::qbo {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;
using testing::json_response;

constexpr std::string_view kApiBase = "https://qbo.test";
const Connection kConnection{"tenant-1", "realm-1"};

constexpr std::string_view kExpired401 =
    R"({"warnings":null,"fault":{"error":[{"message":"message=AuthenticationFailed; errorCode=003200; statusCode=401","detail":"Token expired: %TOKEN%","code":"3200","element":null}],"type":"AUTHENTICATION"},"time":1601391072830})";
constexpr std::string_view kThrottledXml =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?><IntuitResponse xmlns="http://schema.intuit.com/finance/v3"><Fault type="SERVICE"><Error code="3001"><Message>message=ThrottleExceeded; errorCode=003001; statusCode=429</Message><Detail>The request limit was reached.  Try again later</Detail></Error></Fault></IntuitResponse>)";

// A connected tenant whose API calls `api` answers once their bearer token is checked.
struct ApiFixture : testing::ClientStack {
  using ApiHandler = std::function<HttpResult(const HttpRequest&)>;

  // The governor's clock runs 1000 times faster: the 60 s throttle pause lasts 60 ms.
  ApiFixture() : ClientStack({}, manager_options(), {}, std::string(kApiBase), 1000) {
    EXPECT_TRUE(tokens.connect("tenant-1", server.issue_code()));
  }

  static TokenManagerOptions manager_options() {
    TokenManagerOptions options;
    options.instance_id = "test";
    options.lease_poll_interval = 1ms;
    return options;
  }

  HttpResult route_api(const HttpRequest& request) override {
    ++api_calls;
    const auto authorization = find_header(request.headers, "Authorization").value_or("");
    const std::string bearer = authorization.substr(std::string_view("Bearer ").size());
    if (!server.is_access_token_valid(bearer)) {
      std::string body(kExpired401);
      body.replace(body.find("%TOKEN%"), 7, bearer);
      return json_response(401, body, {{"intuit_tid", "1-401-tid"}});
    }
    return api(request);
  }

  std::atomic<int> api_calls{0};
  ApiHandler api = [](const HttpRequest&) -> HttpResult {
    return json_response(200, R"({"time":"x"})");
  };
};

TEST(ApiClientTest, RequestIdsAreDeterministicAndFitQboLimits) {
  const std::string id = make_request_id("tenant-1/payment/p-77/rev-3");
  EXPECT_EQ(id.size(), 36U);
  EXPECT_EQ(id, make_request_id("tenant-1/payment/p-77/rev-3"));
  EXPECT_NE(id, make_request_id("tenant-1/payment/p-77/rev-4"));
  EXPECT_EQ(id[8], '-');
  EXPECT_EQ(id.find_first_not_of("0123456789abcdef-"), std::string::npos);
}

TEST(ApiClientTest, CreatePostsWithRequestIdMinorVersionAndBearerAndUnwrapsTheEntity) {
  ApiFixture f;
  f.api = [](const HttpRequest&) -> HttpResult {
    return json_response(200,
                         R"({"Invoice":{"Id":"130","SyncToken":"0","TotalAmt":100.00},"time":"t"})",
                         {{"intuit_tid", "1-5f733c38-abc"}});
  };
  json::object invoice{{"CustomerRef", {{"value", "1"}}}};
  auto result = f.client.create(kConnection, "Invoice", invoice, "tenant-1/invoice/i-1/rev-1");
  ASSERT_TRUE(result) << result.fault().summary();
  EXPECT_EQ(result.value().entity.at("Id").as_string(), "130");
  EXPECT_EQ(result.value().intuit_tid, "1-5f733c38-abc");
  const auto request = f.transport.requests().back();
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.url, "https://qbo.test/v3/company/realm-1/invoice?requestid=" +
                             make_request_id("tenant-1/invoice/i-1/rev-1") + "&minorversion=75");
  EXPECT_EQ(find_header(request.headers, "Accept"), "application/json");
  EXPECT_EQ(find_header(request.headers, "Content-Type"), "application/json");
  EXPECT_TRUE(find_header(request.headers, "Authorization")->starts_with("Bearer at-"));
  EXPECT_EQ(json::parse(request.body), json::value(invoice));
}

TEST(ApiClientTest, A401RefreshesOnceAndRetries) {
  ApiFixture f;
  f.server.expire_access_tokens();  // QBO no longer accepts the cached token
  auto result = f.client.read(kConnection, "Customer", "1");
  ASSERT_TRUE(result) << result.fault().summary();
  EXPECT_EQ(f.server.refreshes(), 1);
  EXPECT_EQ(f.api_calls.load(), 2);
}

TEST(ApiClientTest, A401AfterTheRefreshIsReturnedWithoutLoopingOrLeakingTheToken) {
  ApiFixture f;
  f.api = [&](const HttpRequest& request) -> HttpResult {
    const auto bearer = find_header(request.headers, "Authorization")->substr(7);
    std::string body(kExpired401);
    body.replace(body.find("%TOKEN%"), 7, "prefix " + bearer);
    return json_response(401, body);
  };
  auto result = f.client.read(kConnection, "Customer", "1");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.fault().fault_class, FaultClass::unauthorized);
  EXPECT_EQ(f.server.refreshes(), 1);
  EXPECT_EQ(f.api_calls.load(), 2);
  EXPECT_EQ(result.fault().summary().find("at-"), std::string::npos) << result.fault().summary();
}

TEST(ApiClientTest, A429PausesTheRealmAndIsClassifiedThrottled) {
  ApiFixture f;
  f.api = [](const HttpRequest&) -> HttpResult {
    return HttpResponse{429,
                        {{"Content-Type", "application/xml"}, {"Retry-After", "90"}},
                        std::string(kThrottledXml)};
  };
  auto result = f.client.read(kConnection, "Customer", "1");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.fault().fault_class, FaultClass::throttled);
  EXPECT_EQ(result.fault().code, "3001");
  const auto until = f.governor.throttled_until("realm-1", f.governor.now());
  ASSERT_TRUE(until);
  EXPECT_GT(*until - f.governor.now(), 60ms);  // Retry-After 90 s, scaled to 90 ms
}

TEST(ApiClientTest, AnOlder403ThrottleAlsoPausesTheRealm) {
  ApiFixture f;
  f.api = [](const HttpRequest&) -> HttpResult {
    return HttpResponse{
        403,
        {},
        R"(<IntuitResponse><Fault type="SERVICE"><Error code="3001"><Message>message=ThrottleExceeded; errorCode=003001; statusCode=403</Message></Error></Fault></IntuitResponse>)"};
  };
  auto result = f.client.read(kConnection, "Customer", "1");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.fault().fault_class, FaultClass::throttled);
  EXPECT_TRUE(f.governor.throttled_until("realm-1", f.governor.now()));
}

TEST(ApiClientTest, A429StormBacksOffAndEveryCallEventuallySucceeds) {
  ApiFixture f;
  std::atomic<int> calls{0};
  f.api = [&](const HttpRequest&) -> HttpResult {
    // The first four calls of every six are throttled.
    if (calls++ % 6 < 4) {
      return HttpResponse{429, {}, std::string(kThrottledXml)};
    }
    return json_response(200, R"({"Customer":{"Id":"1"},"time":"t"})");
  };
  RetryPolicyOptions retry_options;
  retry_options.time_scale = 0.001;
  RetryPolicy policy(retry_options, [] { return 0.5; });
  int throttled = 0;
  for (int call = 0; call < 5; ++call) {
    for (int attempt = 1;; ++attempt) {
      auto result = f.client.read(kConnection, "Customer", "1");
      if (result) {
        break;
      }
      const auto decision = policy.decide(result.fault(), {attempt, false, false, 0ms});
      ASSERT_EQ(decision.action, RetryAction::retry_after_delay) << result.fault().summary();
      ASSERT_LT(attempt, 10);
      ++throttled;
      // The governor holds the realm for the (scaled) pause; the next acquire waits it out.
    }
  }
  EXPECT_GE(throttled, 10);
  EXPECT_FALSE(f.governor.throttled_until("realm-1", f.governor.now() + 200ms));
}

TEST(ApiClientTest, ValidationFaultsComeBackParsedWithTheElement) {
  ApiFixture f;
  f.api = [](const HttpRequest&) -> HttpResult {
    return json_response(
        400,
        R"({"Fault":{"Error":[{"Message":"Invalid ID","Detail":"Id should be a valid number. Supplied value:1.5","code":"2030","element":"Id"}],"type":"ValidationFault"}})",
        {{"Intuit-Tid", "1-5f733d63-44139ea355338a7d238f5e99"}});
  };
  auto result = f.client.read(kConnection, "Customer", "1.5");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.fault().fault_class, FaultClass::validation);
  EXPECT_EQ(result.fault().code, "2030");
  EXPECT_EQ(result.fault().element, "Id");
  EXPECT_EQ(result.fault().intuit_tid, "1-5f733d63-44139ea355338a7d238f5e99");
}

TEST(ApiClientTest, QueryIsSentEncodedAndTheQueryResponseUnwrapped) {
  ApiFixture f;
  f.api = [](const HttpRequest&) -> HttpResult {
    return json_response(
        200,
        R"({"QueryResponse":{"Customer":[{"Id":"1"}],"startPosition":1,"maxResults":1},"time":"t"})");
  };
  auto query = QueryBuilder::select_all("Customer")
                   .where("DisplayName", QueryOperator::equal, "Amy's Bird Sanctuary");
  auto result = f.client.query(kConnection, query);
  ASSERT_TRUE(result);
  EXPECT_EQ(result.value().entity.at("Customer").as_array().size(), 1U);
  EXPECT_EQ(f.transport.requests().back().url,
            "https://qbo.test/v3/company/realm-1/query?query=SELECT%20*%20FROM%20Customer%20WHERE%"
            "20DisplayName%20=%20%27Amy%5C%27s%20Bird%20Sanctuary%27&minorversion=75");
  EXPECT_EQ(f.transport.requests().back().method, "GET");
}

TEST(ApiClientTest, BatchChecksItemIdsAndReturnsItemFaults) {
  ApiFixture f;
  f.api = [](const HttpRequest&) -> HttpResult {
    return json_response(
        200,
        R"({"BatchItemResponse":[{"Vendor":{"Id":"60"},"bId":"bid1"},{"Fault":{"Error":[{"Message":"Stale Object Error","Detail":"Stale Object Error : You and Jo were working on this at the same time.","code":"5010","element":""}],"type":"ValidationFault"},"bId":"bid2"}],"time":"t"})");
  };
  json::array items{
      json::object{{"bId", "bid1"}, {"operation", "create"}, {"Vendor", {{"DisplayName", "B"}}}},
      json::object{{"bId", "bid2"},
                   {"operation", "update"},
                   {"SalesReceipt", {{"Id", "11"}, {"SyncToken", "0"}, {"sparse", true}}}}};
  auto result = f.client.batch(kConnection, items, "batch-1");
  ASSERT_TRUE(result);
  const auto& responses = result.value().entity.as_array();
  ASSERT_EQ(responses.size(), 2U);
  EXPECT_FALSE(find_fault(responses[0], 200));
  auto item_fault = find_fault(responses[1], 200);
  ASSERT_TRUE(item_fault);
  EXPECT_EQ(item_fault->fault_class, FaultClass::stale_object);
  EXPECT_TRUE(f.transport.requests().back().url.find("/batch?requestid=") != std::string::npos);

  const int calls_before = f.api_calls.load();
  json::array bad{json::object{{"bId", "much-too-long-id"}, {"operation", "create"}}};
  auto refused = f.client.batch(kConnection, bad, "batch-2");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.fault().fault_class, FaultClass::validation);
  EXPECT_EQ(refused.fault().element, "BatchItemRequest[0].bId");
  EXPECT_EQ(f.api_calls.load(), calls_before);
}

TEST(ApiClientTest, VoidDeleteSparseUpdateAndCdcBuildTheDocumentedRequests) {
  ApiFixture f;
  ASSERT_TRUE(f.client.void_transaction(kConnection, "Invoice", "264", "0", "void-264"));
  auto request = f.transport.requests().back();
  EXPECT_EQ(request.url, "https://qbo.test/v3/company/realm-1/invoice?operation=void&requestid=" +
                             make_request_id("void-264") + "&minorversion=75");
  EXPECT_EQ(json::parse(request.body), json::parse(R"({"Id":"264","SyncToken":"0"})"));

  ASSERT_TRUE(f.client.delete_transaction(kConnection, "SalesReceipt", "17", "5", "del-17"));
  EXPECT_NE(f.transport.requests().back().url.find("/salesreceipt?operation=delete&requestid="),
            std::string::npos);

  ASSERT_TRUE(f.client.sparse_update(kConnection, "Customer",
                                     {{"Id", "1"}, {"SyncToken", "2"}, {"Active", false}}, "u-1"));
  EXPECT_EQ(json::parse(f.transport.requests().back().body).at("sparse"), json::value(true));

  const int calls_before = f.api_calls.load();
  auto refused = f.client.update(kConnection, "Customer", {{"Id", "1"}}, "u-2");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.fault().element, "SyncToken");
  EXPECT_EQ(f.api_calls.load(), calls_before);

  ASSERT_TRUE(f.client.change_data_capture(kConnection, {"Customer", "Invoice"},
                                           "2015-12-23T10:00:00-07:00"));
  EXPECT_EQ(f.transport.requests().back().url,
            "https://qbo.test/v3/company/realm-1/cdc?entities=Customer,Invoice&changedSince=2015-"
            "12-23T10%3A00%3A00-07%3A00&minorversion=75");
}

TEST(ApiClientTest, ATimeoutOnAWriteReportsThatItMayHaveReachedQbo) {
  ApiFixture f;
  f.api = [](const HttpRequest&) -> HttpResult {
    return TransportError{TransportErrorKind::timeout, true, "Timeout was reached"};
  };
  auto result = f.client.create(kConnection, "SalesReceipt", {{"TotalAmt", "10.00"}}, "sr-1");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.fault().fault_class, FaultClass::transient);
  EXPECT_TRUE(result.fault().may_have_reached_server);
  RetryPolicy policy;
  EXPECT_EQ(policy.decide(result.fault(), {1, true, false, 0ms}).action, RetryAction::settle_first);
}

TEST(ApiClientTest, AFaultInsideA200IsAFault) {
  ApiFixture f;
  f.api = [](const HttpRequest&) -> HttpResult {
    return json_response(
        200,
        R"({"Fault":{"Error":[{"Message":"Object Not Found","code":"610"}],"type":"ValidationFault"}})");
  };
  auto result = f.client.read(kConnection, "Item", "9");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.fault().fault_class, FaultClass::not_found);
}

TEST(ApiClientTest, ChangesSinceReadsTheFeedAndRefusesAMalformedOneWithItsIntuitTid) {
  ApiFixture f;
  f.api = [](const HttpRequest&) -> HttpResult {
    return json_response(200, R"({"CDCResponse":[{"QueryResponse":[{"Customer":[{"Id":"8",
        "MetaData":{"LastUpdatedTime":"2026-03-14T08:00:00Z"}}]}]}],"time":"2026-03-14T08:01:00Z"})");
  };
  auto feed = f.client.changes_since(kConnection, {"Customer"}, "2026-03-14T07:00:00Z");
  ASSERT_TRUE(feed) << feed.fault().summary();
  ASSERT_EQ(feed.value().of("Customer").size(), 1u);
  EXPECT_EQ(feed.value().of("Customer").front().entity.id, "8");
  EXPECT_EQ(feed.value().time, "2026-03-14T08:01:00Z");

  f.api = [](const HttpRequest&) -> HttpResult {
    return json_response(200, R"({"CDCResponse":[{"QueryResponse":[{"Customer":"8"}]}]})",
                         {{"intuit_tid", "1-cdc-tid"}});
  };
  auto malformed = f.client.changes_since(kConnection, {"Customer"}, "2026-03-14T07:00:00Z");
  ASSERT_FALSE(malformed);
  EXPECT_EQ(malformed.fault().element, "/CDCResponse/0/QueryResponse/0/Customer");
  EXPECT_EQ(malformed.fault().intuit_tid, "1-cdc-tid");
}

TEST(ApiClientTest, ARevokedConnectionBecomesReconnectNeededAndStopsCallingQbo) {
  ApiFixture f;
  f.server.revoke_everything();  // the user disconnected the app inside QuickBooks
  auto result = f.client.read(kConnection, "Customer", "1");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.fault().fault_class, FaultClass::reconnect_needed);
  EXPECT_EQ(f.api_calls.load(), 1);
  EXPECT_TRUE(f.repository.load("tenant-1").reconnect_needed);
  auto again = f.client.read(kConnection, "Customer", "1");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.fault().fault_class, FaultClass::reconnect_needed);
  EXPECT_EQ(f.api_calls.load(), 1);
  ASSERT_TRUE(f.tokens.connect("tenant-1", f.server.issue_code()));  // the admin reconnects
  EXPECT_TRUE(f.client.read(kConnection, "Customer", "1"));
}

}  // namespace
}  // namespace qbo_sync::qbo

namespace qbo_sync::qbo {
namespace {

TEST(ApiClientQueryAllTest, FetchesEveryPage) {
  ApiFixture f;
  f.api = [](const HttpRequest& request) -> HttpResult {
    // 5 customers in pages of 2.
    const auto start_at = request.url.find("STARTPOSITION%20");
    const int start = std::stoi(request.url.substr(start_at + 16));
    json::array customers;
    for (int id = start; id < start + 2 && id <= 5; ++id) {
      customers.push_back(json::object{{"Id", std::to_string(id)}});
    }
    json::object response{{"startPosition", start}, {"maxResults", customers.size()}};
    if (!customers.empty()) {
      response["Customer"] = customers;
    }
    return json_response(200, json::serialize(json::object{{"QueryResponse", response}}));
  };
  auto rows = f.client.query_all(kConnection, QueryBuilder::select_all("Customer"), 2);
  ASSERT_TRUE(rows) << rows.fault().summary();
  ASSERT_EQ(rows.value().size(), 5U);
  EXPECT_EQ(rows.value()[4].at("Id").as_string(), "5");
  EXPECT_EQ(f.api_calls.load(), 3);
}

TEST(ApiClientTestConnectionTest, AnswersOkReconnectNeededOrUnavailableWithWhy) {
  ApiFixture f;
  f.api = [](const HttpRequest& request) -> HttpResult {
    EXPECT_NE(request.url.find("/v3/company/realm-1/companyinfo/realm-1?"), std::string::npos);
    return json_response(200,
                         R"({"CompanyInfo":{"CompanyName":"Maple Lawn Care","Country":"CA"}})");
  };
  auto ok = f.client.test_connection(kConnection);
  EXPECT_EQ(ok.state, ConnectionState::ok);
  EXPECT_EQ(ok.company_name, "Maple Lawn Care");
  EXPECT_EQ(ok.explanation, "Connected: Maple Lawn Care");

  f.api = [](const HttpRequest&) -> HttpResult {
    return HttpResponse{503, {}, "<html>Service Unavailable</html>"};
  };
  auto down = f.client.test_connection(kConnection);
  EXPECT_EQ(down.state, ConnectionState::qbo_unavailable);
  EXPECT_NE(down.explanation.find("503"), std::string::npos);

  f.server.revoke_everything();
  auto revoked = f.client.test_connection(kConnection);
  EXPECT_EQ(revoked.state, ConnectionState::reconnect_needed);
  EXPECT_NE(revoked.explanation.find("Connect"), std::string::npos);
}

}  // namespace
}  // namespace qbo_sync::qbo
