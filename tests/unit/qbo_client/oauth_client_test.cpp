#include "qbo_client/oauth_client.h"

#include <gtest/gtest.h>

#include <set>

#include <boost/json.hpp>

#include "clock/manual_clock.h"
#include "fake_token_server.h"
#include "fake_transport.h"

namespace qbo_sync::qbo {
namespace {

using testing::FakeTokenServer;
using testing::FakeTransport;

const WallTime kNow = WallTime{} + std::chrono::hours(24 * 365 * 56);

// A client whose every request the fake token server answers.
struct ServedClient {
  FakeTokenServer server;
  FakeTransport transport{[this](const HttpRequest& request) { return server.handle(request); }};
  OAuthClient client{transport, testing::test_oauth_config()};
};

TEST(OAuthClientTest, AuthorizationUrlCarriesEveryParameterEncoded) {
  FakeTransport transport;
  OAuthClient client(transport, testing::test_oauth_config());
  EXPECT_EQ(client.authorization_url("st/ate+1"),
            "https://oauth.test/connect/oauth2?client_id=client-id-ABQ&response_type=code"
            "&scope=com.intuit.quickbooks.accounting"
            "&redirect_uri=https%3A%2F%2Fcrm.test%2Fqbo%2Fcallback%3Fx%3D1&state=st%2Fate%2B1");
}

TEST(OAuthClientTest, StatesAreRandomAndUrlSafe) {
  std::set<std::string> states;
  for (int i = 0; i < 50; ++i) {
    const std::string state = generate_oauth_state();
    EXPECT_EQ(state.size(), 43U);
    EXPECT_EQ(
        state.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
        std::string::npos);
    states.insert(state);
  }
  EXPECT_EQ(states.size(), 50U);
}

TEST(OAuthClientTest, ExchangesACodeWithBasicAuthAndTheHardExpiryOptIn) {
  FakeTokenServer server;
  FakeTransport transport([&](const HttpRequest& request) { return server.handle(request); });
  const clock::ManualClock at_now(
      std::chrono::duration_cast<std::chrono::milliseconds>(kNow.time_since_epoch()).count());
  OAuthClient client(transport, testing::test_oauth_config(), &at_now);
  auto tokens = client.exchange_code(server.issue_code());
  ASSERT_TRUE(tokens) << tokens.fault().summary();
  EXPECT_EQ(tokens.value().refresh_token, server.current_refresh_token());
  EXPECT_TRUE(server.is_access_token_valid(tokens.value().access_token));
  EXPECT_EQ(tokens.value().issued_at, kNow);
  EXPECT_EQ(tokens.value().access_expires_at, kNow + std::chrono::seconds(3600));
  EXPECT_EQ(tokens.value().refresh_expires_at, kNow + std::chrono::seconds(8726400));
  EXPECT_EQ(tokens.value().refresh_hard_expires_at, kNow + std::chrono::seconds(157680000));
  const auto request = transport.requests().at(0);
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(find_header(request.headers, "Content-Type"), "application/x-www-form-urlencoded");
  EXPECT_NE(request.body.find("grant_type=authorization_code"), std::string::npos);
  EXPECT_NE(request.body.find("redirect_uri=https%3A%2F%2Fcrm.test"), std::string::npos);
}

TEST(OAuthClientTest, ACodeIsSingleUse) {
  ServedClient served;
  const std::string code = served.server.issue_code();
  ASSERT_TRUE(served.client.exchange_code(code));
  auto second = served.client.exchange_code(code);
  ASSERT_FALSE(second);
  EXPECT_EQ(second.fault().fault_class, FaultClass::reconnect_needed);
  EXPECT_EQ(second.fault().code, "invalid_grant");
}

TEST(OAuthClientTest, RefreshRotatesAndTheOldTokenThenFailsWithInvalidGrant) {
  ServedClient served;
  auto first = served.client.exchange_code(served.server.issue_code());
  ASSERT_TRUE(first);
  auto second = served.client.refresh(first.value().refresh_token);
  ASSERT_TRUE(second);
  EXPECT_NE(second.value().refresh_token, first.value().refresh_token);
  auto stale = served.client.refresh(first.value().refresh_token);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.fault().fault_class, FaultClass::reconnect_needed);
  EXPECT_EQ(stale.fault().intuit_tid, "1-oauth-tid");
}

TEST(OAuthClientTest, WrongClientSecretIsBadClient) {
  FakeTokenServer server;
  FakeTransport transport([&](const HttpRequest& request) { return server.handle(request); });
  auto config = testing::test_oauth_config();
  config.client_secret = "wrong";
  OAuthClient client(transport, config);
  auto result = client.refresh("rt-x");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.fault().fault_class, FaultClass::bad_client);
}

TEST(OAuthClientTest, NetworkAndServerErrorsAreTransient) {
  FakeTransport transport([](const HttpRequest&) -> HttpResult {
    return TransportError{TransportErrorKind::timeout, true, "timed out"};
  });
  OAuthClient client(transport, testing::test_oauth_config());
  auto result = client.refresh("rt-x");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.fault().fault_class, FaultClass::transient);
  transport.set_handler([](const HttpRequest&) -> HttpResult {
    return HttpResponse{503, {}, "<html>Service Unavailable</html>"};
  });
  auto unavailable = client.refresh("rt-x");
  ASSERT_FALSE(unavailable);
  EXPECT_EQ(unavailable.fault().fault_class, FaultClass::transient);
}

TEST(OAuthClientTest, TokenResponseFieldsAreCheckedByName) {
  auto missing = parse_token_response(
      R"({"access_token":"a","expires_in":3600,"x_refresh_token_expires_in":5})", kNow);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.fault().element, "refresh_token");
  auto bad_expiry = parse_token_response(
      R"({"access_token":"a","refresh_token":"r","expires_in":"soon","x_refresh_token_expires_in":5})",
      kNow);
  ASSERT_FALSE(bad_expiry);
  EXPECT_EQ(bad_expiry.fault().element, "expires_in");
  EXPECT_EQ(bad_expiry.fault().message.find("\"a\""), std::string::npos);
  auto ok = parse_token_response(
      R"({"access_token":"a","refresh_token":"r","expires_in":"3600","x_refresh_token_expires_in":8726400})",
      kNow);
  ASSERT_TRUE(ok);
  EXPECT_FALSE(ok.value().refresh_hard_expires_at);
  EXPECT_FALSE(parse_token_response("<html/>", kNow));
}

TEST(OAuthClientTest, RevokeSendsTheTokenAsJson) {
  ServedClient served;
  auto tokens = served.client.exchange_code(served.server.issue_code());
  ASSERT_TRUE(tokens);
  ASSERT_TRUE(served.client.revoke(tokens.value().refresh_token));
  EXPECT_EQ(served.server.revokes(), 1);
  const auto request = served.transport.requests().back();
  EXPECT_EQ(request.url, testing::kRevokeUrl);
  EXPECT_EQ(find_header(request.headers, "Content-Type"), "application/json");
  EXPECT_EQ(boost::json::parse(request.body).at("token").as_string(), tokens.value().refresh_token);
  EXPECT_FALSE(served.client.refresh(tokens.value().refresh_token));
}

}  // namespace
}  // namespace qbo_sync::qbo
