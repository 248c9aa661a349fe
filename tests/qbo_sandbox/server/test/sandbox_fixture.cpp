#include "sandbox_fixture.h"

#include <boost/url/parse.hpp>

namespace qbo_sandbox::test {

ServerOptions SandboxTest::options() const {
  return ServerOptions{};
}

void SandboxTest::SetUp() {
  server_ = std::make_unique<Server>(options());
  server_->start();
  base_ = server_->base_url();
  realm_ = server_->ledger().realm_ids().front();
  redirect_uri_ = options().oauth.redirect_uris.front();
}

void SandboxTest::TearDown() {
  server_.reset();
}

std::string SandboxTest::authorize(const std::string& realm_id) {
  std::string url = base_ + "/connect/oauth2?" +
                    form_encode({{"client_id", options().oauth.client_id},
                                 {"response_type", "code"},
                                 {"scope", "com.intuit.quickbooks.accounting"},
                                 {"redirect_uri", redirect_uri_},
                                 {"state", "state-123"}});
  if (!realm_id.empty()) {
    url += "&realm_id=" + realm_id;
  }
  const HttpResult answer = http_.get(url);
  EXPECT_EQ(answer.status, 302) << answer.body;
  auto location = boost::urls::parse_uri(answer.header("location"));
  if (!location) {
    ADD_FAILURE() << "no Location in the authorize answer";
    return {};
  }
  auto params = location->params();
  auto code = params.find("code");
  return code == params.end() ? std::string() : std::string((*code).value);
}

HttpResult SandboxTest::token_request(const std::map<std::string, std::string>& form,
                                      const std::vector<std::string>& extra_headers) {
  std::vector<std::string> headers{
      basic_authorization(options().oauth.client_id, options().oauth.client_secret),
      "Content-Type: application/x-www-form-urlencoded", "Accept: application/json"};
  headers.insert(headers.end(), extra_headers.begin(), extra_headers.end());
  return http_.request("POST", base_ + "/oauth2/v1/tokens/bearer", form_encode(form), headers);
}

SandboxTest::Tokens SandboxTest::connect(const std::string& realm_id) {
  const std::string code = authorize(realm_id);
  const HttpResult answer = token_request(
      {{"grant_type", "authorization_code"}, {"code", code}, {"redirect_uri", redirect_uri_}});
  EXPECT_EQ(answer.status, 200) << answer.body;
  Tokens tokens;
  tokens.response = answer.json().as_object();
  tokens.access_token = std::string(tokens.response.at("access_token").as_string());
  tokens.refresh_token = std::string(tokens.response.at("refresh_token").as_string());
  return tokens;
}

HttpResult SandboxTest::refresh(const std::string& refresh_token) {
  return token_request({{"grant_type", "refresh_token"}, {"refresh_token", refresh_token}});
}

std::string SandboxTest::api_url(const std::string& path, const std::string& realm_id) const {
  return base_ + "/v3/company/" + (realm_id.empty() ? realm_ : realm_id) + "/" + path;
}

HttpResult SandboxTest::api_get(const std::string& path, const std::string& access_token) {
  return http_.get(api_url(path),
                   {"Authorization: Bearer " + access_token, "Accept: application/json"});
}

HttpResult SandboxTest::control(const std::string& method, const std::string& path,
                                const std::string& body) {
  return http_.request(method, base_ + "/control" + path, body, {"Content-Type: application/json"});
}

}  // namespace qbo_sandbox::test
