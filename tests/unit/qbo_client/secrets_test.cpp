// No error text this library produces may contain a token, an authorization code or the client
// secret, even when the server quotes them back in its error bodies.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "client_stack.h"
#include "crypto/base64.h"
#include "qbo_client/fault_advice.h"

namespace qbo_sync::qbo {
namespace {

using namespace std::chrono_literals;
using testing::FakeTokenServer;
using testing::json_response;

// Every text of a fault a log line, an audit row or the admin could ever show.
std::vector<std::string> texts_of(const Fault& fault) {
  std::vector<std::string> texts = {fault.summary(), admin_advice(fault), fault.message,
                                    fault.detail,    fault.element,       fault.code};
  for (const auto& error : fault.errors) {
    texts.insert(texts.end(), {error.message, error.detail, error.element, error.code});
  }
  return texts;
}

void expect_no_secret(const Fault& fault, const std::vector<std::string>& secrets) {
  for (const auto& text : texts_of(fault)) {
    for (const auto& secret : secrets) {
      ASSERT_FALSE(secret.empty());
      EXPECT_EQ(text.find(secret), std::string::npos) << "'" << secret << "' leaked in: " << text;
    }
  }
}

// A client whose token server quotes the tokens it refuses back in its errors.
struct Fixture : testing::ClientStack {
  Fixture() : ClientStack(echoing(), options(), {}, "https://qbo.test") {}

  static FakeTokenServer::Options echoing() {
    FakeTokenServer::Options options;
    options.echo_tokens_in_errors = true;
    return options;
  }
  static TokenManagerOptions options() {
    TokenManagerOptions result;
    result.instance_id = "secrets";
    return result;
  }

  HttpResult route_oauth(const HttpRequest& request) override {
    return oauth_override ? oauth_override(request) : server.handle(request);
  }
  HttpResult route_api(const HttpRequest& request) override { return api(request); }

  // The secrets of the current connection, and of the app.
  std::vector<std::string> secrets() {
    std::vector<std::string> all = {std::string(testing::kClientSecret),
                                    crypto::base64_encode(std::string(testing::kClientId) + ":" +
                                                          std::string(testing::kClientSecret))};
    for (const auto& token : seen_tokens) {
      all.push_back(token);
    }
    return all;
  }

  void remember_tokens() {
    auto record = repository.load("tenant-1");
    if (record.tokens) {
      seen_tokens.push_back(record.tokens->access_token);
      seen_tokens.push_back(record.tokens->refresh_token);
    }
  }

  std::vector<std::string> seen_tokens;
  std::function<HttpResult(const HttpRequest&)> oauth_override;
  std::function<HttpResult(const HttpRequest&)> api = [](const HttpRequest&) -> HttpResult {
    return json_response(200, "{}");
  };
};

TEST(SecretsTest, AFailingCodeExchangeDoesNotRevealTheCode) {
  Fixture f;
  const std::string code = f.server.issue_code();
  ASSERT_TRUE(f.oauth.exchange_code(code));
  auto replay = f.oauth.exchange_code(code);  // the server quotes the code in its error
  ASSERT_FALSE(replay);
  f.seen_tokens.push_back(code);
  expect_no_secret(replay.fault(), f.secrets());
}

TEST(SecretsTest, AFailingRefreshDoesNotRevealTheTokensOrTheClientSecret) {
  Fixture f;
  ASSERT_TRUE(f.tokens.connect("tenant-1", f.server.issue_code()));
  f.remember_tokens();
  f.server.revoke_everything();
  auto refused = f.oauth.refresh(f.seen_tokens.back());  // the server quotes the token back
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.fault().fault_class, FaultClass::reconnect_needed);
  expect_no_secret(refused.fault(), f.secrets());

  auto through_manager = f.tokens.refresh_after_rejection("tenant-1", f.seen_tokens.front());
  ASSERT_FALSE(through_manager);
  expect_no_secret(through_manager.fault(), f.secrets());
  const auto status = f.tokens.status("tenant-1");
  for (const auto& secret : f.secrets()) {
    EXPECT_EQ(status.reconnect_reason.find(secret), std::string::npos);
  }
}

TEST(SecretsTest, AFailingRevokeDoesNotRevealTheToken) {
  Fixture f;
  ASSERT_TRUE(f.tokens.connect("tenant-1", f.server.issue_code()));
  f.remember_tokens();
  f.oauth_override = [](const HttpRequest& request) -> HttpResult {
    const std::string token(boost::json::parse(request.body).at("token").as_string());
    return json_response(400, R"({"error":"invalid_request","error_description":"cannot revoke )" +
                                  token + R"(; auth was )" +
                                  *find_header(request.headers, "Authorization") + R"("})");
  };
  auto result = f.tokens.disconnect("tenant-1");
  EXPECT_FALSE(result.revoked_at_qbo);
  ASSERT_TRUE(result.revoke_fault);
  expect_no_secret(*result.revoke_fault, f.secrets());
}

TEST(SecretsTest, AFailingApiCallDoesNotRevealTheBearerToken) {
  Fixture f;
  ASSERT_TRUE(f.tokens.connect("tenant-1", f.server.issue_code()));
  f.api = [](const HttpRequest& request) -> HttpResult {
    const std::string authorization = *find_header(request.headers, "Authorization");
    return json_response(400, R"({"Fault":{"Error":[{"Message":"Bad header )" + authorization +
                                  R"(","Detail":"seen: )" + authorization.substr(7) +
                                  R"( and Token expired: )" + authorization.substr(7) +
                                  R"(","code":"2010","element":")" + authorization.substr(7) +
                                  R"("}],"type":"ValidationFault"}})");
  };
  auto result = f.client.create({"tenant-1", "realm-1"}, "Customer", {{"DisplayName", "x"}}, "k");
  f.remember_tokens();
  ASSERT_FALSE(result);
  EXPECT_EQ(result.fault().code, "2010");
  expect_no_secret(result.fault(), f.secrets());

  f.api = [](const HttpRequest& request) -> HttpResult {
    return HttpResponse{
        502,
        {},
        "<html>upstream said " + *find_header(request.headers, "Authorization") + "</html>"};
  };
  auto gateway = f.client.read({"tenant-1", "realm-1"}, "Customer", "1");
  ASSERT_FALSE(gateway);
  expect_no_secret(gateway.fault(), f.secrets());
}

}  // namespace
}  // namespace qbo_sync::qbo
