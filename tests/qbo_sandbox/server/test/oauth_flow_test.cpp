#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/url/parse.hpp>

#include "crypto/digest.h"
#include "sandbox_fixture.h"

namespace qbo_sandbox {
namespace {

namespace json = boost::json;

// The response body of the first interaction of a VCR cassette (a YAML single-quoted scalar).
std::string recorded_response_body(const std::string& cassette) {
  std::ifstream file(std::string(QBO_RECORDED_DIR) + "/" + cassette);
  std::stringstream text;
  text << file.rdbuf();
  const std::string yaml = text.str();
  const std::size_t response = yaml.find("  response:");
  const std::size_t start = yaml.find("string: '", response);
  const std::size_t end = yaml.find("'\n  recorded_at", start);
  if (response == std::string::npos || start == std::string::npos || end == std::string::npos) {
    return {};
  }
  std::string folded;
  std::istringstream lines(yaml.substr(start + 9, end - start - 9));
  std::string line;
  bool first = true;
  while (std::getline(lines, line)) {
    if (!first) {
      folded += ' ';
      line.erase(0, line.find_first_not_of(' '));
    }
    folded += line;
    first = false;
  }
  std::string unquoted;
  for (std::size_t i = 0; i < folded.size(); ++i) {
    unquoted += folded[i];
    if (folded[i] == '\'' && i + 1 < folded.size() && folded[i + 1] == '\'') {
      ++i;
    }
  }
  return unquoted;
}

// "" when both values have the same keys and kinds at every level, else where they differ.
std::string shape_difference(const json::value& expected, const json::value& actual,
                             const std::string& path) {
  if (expected.kind() != actual.kind() && !(expected.is_number() && actual.is_number())) {
    return path + ": kind differs (" + json::serialize(expected) + " vs " +
           json::serialize(actual) + ")";
  }
  if (expected.is_object()) {
    const auto& want = expected.as_object();
    const auto& got = actual.as_object();
    for (const auto& [key, value] : want) {
      if (!got.contains(key)) {
        return path + "/" + std::string(key) + ": missing";
      }
      auto inner = shape_difference(value, got.at(key), path + "/" + std::string(key));
      if (!inner.empty()) {
        return inner;
      }
    }
    for (const auto& [key, value] : got) {
      if (!want.contains(key)) {
        return path + "/" + std::string(key) + ": not in the recording";
      }
    }
  }
  if (expected.is_array() && !expected.as_array().empty() && !actual.as_array().empty()) {
    return shape_difference(expected.as_array()[0], actual.as_array()[0], path + "/0");
  }
  return {};
}

std::map<std::string, std::string> redirect_params(const test::HttpResult& answer) {
  std::map<std::string, std::string> params;
  auto location = boost::urls::parse_uri(answer.header("location"));
  if (location) {
    for (const auto& param : location->params()) {
      params[param.key] = param.value;
    }
  }
  return params;
}

class OAuthFlow : public test::SandboxTest {
 protected:
  std::string authorize_url(std::map<std::string, std::string> overrides) {
    std::map<std::string, std::string> params{{"client_id", "qbo-sandbox-client"},
                                              {"response_type", "code"},
                                              {"scope", "com.intuit.quickbooks.accounting"},
                                              {"redirect_uri", redirect_uri_},
                                              {"state", "xyz"}};
    for (auto& [key, value] : overrides) {
      if (value.empty()) {
        params.erase(key);
      } else {
        params[key] = value;
      }
    }
    return base_ + "/connect/oauth2?" + test::form_encode(params);
  }
};

TEST_F(OAuthFlow, FullAuthorizationCodeFlowGivesTokensThatOpenTheApi) {
  const auto answer = http_.get(authorize_url({}));
  ASSERT_EQ(answer.status, 302);
  EXPECT_EQ(answer.header("location").rfind(redirect_uri_ + "?", 0), 0u);
  auto params = redirect_params(answer);
  EXPECT_EQ(params["state"], "xyz");
  EXPECT_EQ(params["realmId"], realm_);
  ASSERT_FALSE(params["code"].empty());
  EXPECT_LE(params["code"].size(), 512u);

  const auto token = token_request({{"grant_type", "authorization_code"},
                                    {"code", params["code"]},
                                    {"redirect_uri", redirect_uri_}});
  ASSERT_EQ(token.status, 200) << token.body;
  EXPECT_EQ(token.header("content-type"), "application/json;charset=UTF-8");
  EXPECT_EQ(token.header("cache-control"), "no-cache, no-store");
  const auto body = token.json().as_object();
  EXPECT_EQ(body.at("token_type"), "bearer");
  EXPECT_EQ(body.at("expires_in"), 3600);
  EXPECT_EQ(body.at("x_refresh_token_expires_in"), 8726400);
  EXPECT_FALSE(body.contains("x_refresh_token_hard_expires_in"));
  const std::string access(body.at("access_token").as_string());
  EXPECT_EQ(access.rfind("eyJlbmMiOiJBMTI4Q0JDLUhTMjU2IiwiYWxnIjoiZGlyIn0..", 0), 0u);

  const auto info = api_get("companyinfo/" + realm_, access);
  EXPECT_EQ(info.status, 200) << info.body;
}

TEST_F(OAuthFlow, TheCodeIsSingleUse) {
  const std::string code = authorize();
  const std::map<std::string, std::string> form{
      {"grant_type", "authorization_code"}, {"code", code}, {"redirect_uri", redirect_uri_}};
  ASSERT_EQ(token_request(form).status, 200);
  const auto again = token_request(form);
  EXPECT_EQ(again.status, 400);
  EXPECT_EQ(again.json().at("error"), "invalid_grant");
}

TEST_F(OAuthFlow, TheCodeNeedsTheSameRedirectUriAndExpires) {
  const std::string code = authorize();
  const auto mismatch = token_request({{"grant_type", "authorization_code"},
                                       {"code", code},
                                       {"redirect_uri", "http://elsewhere/cb"}});
  EXPECT_EQ(mismatch.status, 400);
  EXPECT_EQ(mismatch.json().at("error"), "invalid_grant");

  const std::string late = authorize();
  server_->clock().advance(std::chrono::minutes(11));
  const auto expired = token_request(
      {{"grant_type", "authorization_code"}, {"code", late}, {"redirect_uri", redirect_uri_}});
  EXPECT_EQ(expired.json().at("error"), "invalid_grant");
}

TEST_F(OAuthFlow, ClientAuthenticationIsChecked) {
  const std::string code = authorize();
  const auto answer = http_.request(
      "POST", base_ + "/oauth2/v1/tokens/bearer",
      test::form_encode(
          {{"grant_type", "authorization_code"}, {"code", code}, {"redirect_uri", redirect_uri_}}),
      {test::basic_authorization("qbo-sandbox-client", "wrong"),
       "Content-Type: application/x-www-form-urlencoded"});
  EXPECT_EQ(answer.status, 401);
  EXPECT_EQ(answer.json().at("error"), "invalid_client");
  // The code was not spent by the refused call.
  EXPECT_EQ(
      token_request(
          {{"grant_type", "authorization_code"}, {"code", code}, {"redirect_uri", redirect_uri_}})
          .status,
      200);
}

TEST_F(OAuthFlow, UnknownGrantTypeAndMissingGrantType) {
  EXPECT_EQ(token_request({{"grant_type", "password"}}).json().at("error"),
            "unsupported_grant_type");
  EXPECT_EQ(token_request({{"code", "x"}}).json().at("error"), "invalid_request");
}

TEST_F(OAuthFlow, AuthorizeRefusesUnknownClientsAndRedirectUrisWithAPage) {
  const auto client = http_.get(authorize_url({{"client_id", "someone-else"}}));
  EXPECT_EQ(client.status, 400);
  EXPECT_TRUE(client.header("location").empty());
  const auto redirect = http_.get(authorize_url({{"redirect_uri", "http://evil.example/cb"}}));
  EXPECT_EQ(redirect.status, 400);
  EXPECT_TRUE(redirect.header("location").empty());
}

TEST_F(OAuthFlow, AuthorizeRedirectsErrorsBackWithTheState) {
  auto scope = redirect_params(http_.get(authorize_url({{"scope", "com.example.nothing"}})));
  EXPECT_EQ(scope["error"], "invalid_scope");
  EXPECT_EQ(scope["state"], "xyz");
  EXPECT_EQ(scope.count("code"), 0u);
  auto type = redirect_params(http_.get(authorize_url({{"response_type", "token"}})));
  EXPECT_EQ(type["error"], "unsupported_response_type");
  auto state = redirect_params(http_.get(authorize_url({{"state", ""}})));
  EXPECT_EQ(state["error"], "invalid_request");
  auto denied = redirect_params(http_.get(authorize_url({{"consent", "deny"}})));
  EXPECT_EQ(denied["error"], "access_denied");
}

TEST_F(OAuthFlow, RealmIdPicksAmongSeveralCompanies) {
  const auto added = control("POST", "/companies", R"({"preset":"us"})");
  ASSERT_EQ(added.status, 201) << added.body;
  const std::string second(added.json().at("realm_id").as_string());
  auto params = redirect_params(http_.get(authorize_url({{"realm_id", second}})));
  EXPECT_EQ(params["realmId"], second);
  const auto tokens = token_request({{"grant_type", "authorization_code"},
                                     {"code", params["code"]},
                                     {"redirect_uri", redirect_uri_}});
  const std::string access(tokens.json().at("access_token").as_string());
  // The token opens its own company and no other.
  EXPECT_EQ(http_.get(api_url("companyinfo/" + second, second), {"Authorization: Bearer " + access})
                .status,
            200);
  const auto other = api_get("companyinfo/" + realm_, access);
  EXPECT_EQ(other.status, 403);
  EXPECT_EQ(other.json().at("fault").at("error").at(0).at("code"), "3100");

  EXPECT_EQ(http_.get(authorize_url({{"realm_id", "123"}})).status, 400);
}

TEST_F(OAuthFlow, RefreshRotatesAfterADayAndTheOldTokenThenFails) {
  const auto first = connect();
  // Within the first day the same refresh token comes back.
  server_->clock().advance(std::chrono::hours(1));
  auto early = refresh(first.refresh_token);
  ASSERT_EQ(early.status, 200) << early.body;
  EXPECT_EQ(early.json().at("refresh_token"),
            boost::json::value(std::string_view(first.refresh_token)));
  EXPECT_NE(early.json().at("access_token"),
            boost::json::value(std::string_view(first.access_token)));

  // A day later the refresh returns a new refresh token ...
  server_->clock().advance(std::chrono::hours(24));
  auto rotated = refresh(first.refresh_token);
  ASSERT_EQ(rotated.status, 200) << rotated.body;
  const std::string second(rotated.json().at("refresh_token").as_string());
  EXPECT_NE(second, first.refresh_token);
  EXPECT_EQ(rotated.json().at("x_refresh_token_expires_in"), 8726400);

  // ... after which the old one is refused and the new one works.
  auto stale = refresh(first.refresh_token);
  EXPECT_EQ(stale.status, 400);
  EXPECT_EQ(stale.json().at("error"), "invalid_grant");
  auto next = refresh(second);
  EXPECT_EQ(next.status, 200);
  EXPECT_EQ(next.json().at("refresh_token"), boost::json::value(std::string_view(second)));

  const auto log = control("GET", "/oauth").json();
  const auto& refreshes = log.at("refreshes").as_array();
  ASSERT_EQ(refreshes.size(), 4u);
  EXPECT_EQ(refreshes[1].at("rotated"), true);
  EXPECT_EQ(refreshes[1].at("presented_sha256"),
            boost::json::value(std::string_view(
                qbo_sync::crypto::hex(qbo_sync::crypto::sha256(first.refresh_token)))));
  EXPECT_EQ(refreshes[1].at("returned_sha256"),
            boost::json::value(
                std::string_view(qbo_sync::crypto::hex(qbo_sync::crypto::sha256(second)))));
  EXPECT_EQ(refreshes[2].at("outcome"), "invalid_grant: rotated");
}

TEST_F(OAuthFlow, RotatedTokenGraceIsConfigurable) {
  ASSERT_EQ(control("POST", "/oauth/rotation",
                    R"({"rotation_age_seconds":60,"rotated_token_grace_seconds":3600})")
                .status,
            200);
  const auto first = connect();
  server_->clock().advance(std::chrono::minutes(2));
  const auto rotated = refresh(first.refresh_token);
  const std::string second(rotated.json().at("refresh_token").as_string());
  ASSERT_NE(second, first.refresh_token);
  // Within the grace the old token still works and stands for the latest one.
  auto within = refresh(first.refresh_token);
  EXPECT_EQ(within.status, 200);
  EXPECT_EQ(within.json().at("refresh_token"), boost::json::value(std::string_view(second)));
  server_->clock().advance(std::chrono::hours(2));
  EXPECT_EQ(refresh(first.refresh_token).json().at("error"), "invalid_grant");
}

TEST_F(OAuthFlow, HardExpiryIsReportedOnRequest) {
  const std::string code = authorize();
  const auto answer = token_request(
      {{"grant_type", "authorization_code"}, {"code", code}, {"redirect_uri", redirect_uri_}},
      {"x-include-refresh-token-hard-expires-in: true"});
  EXPECT_EQ(answer.json().at("x_refresh_token_hard_expires_in"), 157680000);
}

TEST_F(OAuthFlow, ExpiredAccessTokenGetsTheRecorded401) {
  const auto tokens = connect();
  server_->clock().advance(std::chrono::seconds(3600));
  const auto answer = api_get("customer/1", tokens.access_token);
  EXPECT_EQ(answer.status, 401);
  EXPECT_EQ(answer.header("www-authenticate"), R"(Bearer realm="Intuit", error="invalid_token")");
  const std::string recorded = recorded_response_body("error/401.yml");
  ASSERT_FALSE(recorded.empty());
  const auto expected = json::parse(recorded);
  const auto actual = answer.json();
  EXPECT_EQ(shape_difference(expected, actual, ""), "");
  EXPECT_EQ(actual.at("fault").at("error").at(0).at("code"), "3200");
  EXPECT_EQ(actual.at("fault").at("type"), "AUTHENTICATION");
  const std::string detail(actual.at("fault").at("error").at(0).at("detail").as_string());
  EXPECT_EQ(detail.rfind("Token expired: ", 0), 0u);
  EXPECT_EQ(detail.find(tokens.access_token), std::string::npos) << "the token is not echoed";

  // A refresh brings a working access token.
  const auto refreshed = refresh(tokens.refresh_token);
  const std::string access(refreshed.json().at("access_token").as_string());
  EXPECT_EQ(api_get("companyinfo/" + realm_, access).status, 200);
}

TEST_F(OAuthFlow, MissingOrUnknownBearerGets401) {
  const auto none = http_.get(api_url("companyinfo/" + realm_));
  EXPECT_EQ(none.status, 401);
  EXPECT_EQ(none.json().at("fault").at("error").at(0).at("code"), "3200");
  EXPECT_EQ(api_get("companyinfo/" + realm_, "not-a-token").status, 401);
}

TEST_F(OAuthFlow, RevokeDisconnects) {
  const auto tokens = connect();
  const auto answer = http_.request(
      "POST", base_ + "/v2/oauth2/tokens/revoke", R"({"token":")" + tokens.refresh_token + "\"}",
      {test::basic_authorization("qbo-sandbox-client", "qbo-sandbox-secret"),
       "Content-Type: application/json", "Accept: application/json"});
  EXPECT_EQ(answer.status, 200) << answer.body;
  EXPECT_EQ(api_get("companyinfo/" + realm_, tokens.access_token).status, 401);
  EXPECT_EQ(refresh(tokens.refresh_token).json().at("error"), "invalid_grant");

  const auto log = control("GET", "/oauth").json();
  const auto& revocations = log.at("revocations").as_array();
  ASSERT_EQ(revocations.size(), 1u);
  EXPECT_EQ(revocations[0].at("kind"), "refresh_token");
  EXPECT_EQ(revocations[0].at("realm_id"), boost::json::value(std::string_view(realm_)));
  EXPECT_EQ(revocations[0].at("token_sha256"),
            boost::json::value(std::string_view(
                qbo_sync::crypto::hex(qbo_sync::crypto::sha256(tokens.refresh_token)))));
  EXPECT_EQ(json::serialize(log).find(tokens.refresh_token), std::string::npos);
}

TEST_F(OAuthFlow, RevokeNeedsClientAuthentication) {
  const auto tokens = connect();
  const auto answer = http_.request("POST", base_ + "/v2/oauth2/tokens/revoke",
                                    R"({"token":")" + tokens.refresh_token + "\"}",
                                    {"Content-Type: application/json"});
  EXPECT_EQ(answer.status, 401);
  EXPECT_EQ(api_get("companyinfo/" + realm_, tokens.access_token).status, 200);
}

TEST_F(OAuthFlow, ControlExpiresAndRevokesARealmsTokens) {
  const auto tokens = connect();
  ASSERT_EQ(control("POST", "/tokens/expire", "{\"realm_id\":\"" + realm_ + "\"}").status, 200);
  EXPECT_EQ(api_get("companyinfo/" + realm_, tokens.access_token).status, 401);
  const auto refreshed = refresh(tokens.refresh_token);
  ASSERT_EQ(refreshed.status, 200);
  const std::string access(refreshed.json().at("access_token").as_string());
  EXPECT_EQ(api_get("companyinfo/" + realm_, access).status, 200);

  ASSERT_EQ(
      control("POST", "/tokens/expire", "{\"realm_id\":\"" + realm_ + "\",\"which\":\"refresh\"}")
          .status,
      200);
  EXPECT_EQ(refresh(tokens.refresh_token).json().at("error"), "invalid_grant");

  const auto fresh = connect();
  ASSERT_EQ(control("POST", "/tokens/revoke", "{\"realm_id\":\"" + realm_ + "\"}").status, 200);
  EXPECT_EQ(api_get("companyinfo/" + realm_, fresh.access_token).status, 401);
  EXPECT_EQ(refresh(fresh.refresh_token).json().at("error"), "invalid_grant");
}

}  // namespace
}  // namespace qbo_sandbox
