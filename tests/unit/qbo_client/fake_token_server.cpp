#include "fake_token_server.h"

#include <thread>

#include <boost/json.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>

#include "crypto/base64.h"

namespace qbo_sync::qbo::testing {
namespace {

namespace json = boost::json;

std::map<std::string, std::string> parse_form(const std::string& body) {
  std::map<std::string, std::string> fields;
  const std::string query = "?" + body;  // the parsed view refers to this text
  auto parsed = boost::urls::parse_relative_ref(query);
  if (!parsed) {
    return fields;
  }
  for (auto param : parsed->params()) {
    fields[param.key] = param.value;
  }
  return fields;
}

}  // namespace

OAuthConfig test_oauth_config() {
  OAuthConfig config;
  config.authorization_endpoint = "https://oauth.test/connect/oauth2";
  config.token_endpoint = std::string(kTokenUrl);
  config.revoke_endpoint = std::string(kRevokeUrl);
  config.client_id = std::string(kClientId);
  config.client_secret = std::string(kClientSecret);
  config.redirect_uri = "https://crm.test/qbo/callback?x=1";
  return config;
}

HttpResult FakeTokenServer::error(int status, const std::string& code,
                                  const std::string& description) const {
  json::object body{{"error", code}};
  if (!description.empty()) {
    body["error_description"] = description;
  }
  return HttpResponse{status,
                      {{"Content-Type", "application/json"}, {"intuit_tid", "1-oauth-tid"}},
                      json::serialize(body)};
}

HttpResult FakeTokenServer::issue_tokens(std::unique_lock<std::mutex>& /*lock*/) {
  ++counter_;
  const std::string access = "at-" + std::to_string(counter_) + "-eyJlbmMiOiJBMTI4Q0JD";
  access_tokens_.insert(access);
  if (newest_refresh_token_.empty() || options_.rotate_on_refresh) {
    newest_refresh_token_ = "rt-" + std::to_string(counter_) + "-AB11570127472xkApQ";
    refresh_tokens_.insert(newest_refresh_token_);
  }
  json::object body{{"token_type", "bearer"},
                    {"access_token", access},
                    {"refresh_token", newest_refresh_token_},
                    {"expires_in", options_.expires_in},
                    {"x_refresh_token_expires_in", 8726400}};
  if (options_.report_hard_expiry) {
    body["x_refresh_token_hard_expires_in"] = 157680000;
  }
  return HttpResponse{200,
                      {{"Content-Type", "application/json"}, {"intuit_tid", "1-oauth-tid"}},
                      json::serialize(body)};
}

HttpResult FakeTokenServer::handle(const HttpRequest& request) {
  const auto authorization = find_header(request.headers, "Authorization");
  if (authorization !=
      "Basic " + crypto::base64_encode(std::string(kClientId) + ":" + std::string(kClientSecret))) {
    return error(401, "invalid_client", "");
  }
  if (request.url == kRevokeUrl) {
    boost::system::error_code ec;
    auto body = json::parse(request.body, ec);
    if (ec || !body.is_object() || !body.get_object().contains("token")) {
      return error(400, "invalid_request", "");
    }
    std::lock_guard lock(mutex_);
    ++revokes_;
    refresh_tokens_.clear();
    access_tokens_.clear();
    newest_refresh_token_.clear();
    return HttpResponse{200, {}, ""};
  }
  if (request.url != kTokenUrl || request.method != "POST") {
    return HttpResponse{404, {}, "<html>not found</html>"};
  }
  if (find_header(request.headers, "x-include-refresh-token-hard-expires-in") != "true" ||
      find_header(request.headers, "Accept") != "application/json") {
    return error(400, "invalid_request", "missing headers");
  }
  auto form = parse_form(request.body);
  if (form["grant_type"] == "authorization_code") {
    std::unique_lock lock(mutex_);
    if (codes_.erase(form["code"]) == 0 ||
        form["redirect_uri"] != test_oauth_config().redirect_uri) {
      ++invalid_grants_;
      return error(400, "invalid_grant",
                   options_.echo_tokens_in_errors ? "bad code " + form["code"] : "");
    }
    return issue_tokens(lock);
  }
  if (form["grant_type"] == "refresh_token") {
    if (options_.refresh_delay.count() > 0) {
      std::this_thread::sleep_for(options_.refresh_delay);
    }
    std::unique_lock lock(mutex_);
    const std::string token = form["refresh_token"];
    if (!refresh_tokens_.contains(token)) {
      ++invalid_grants_;
      return error(400, "invalid_grant",
                   options_.echo_tokens_in_errors ? "Incorrect or invalid refresh token " + token
                                                  : "Incorrect or invalid refresh token");
    }
    ++refreshes_;
    if (options_.rotate_on_refresh && !options_.old_refresh_token_keeps_working) {
      refresh_tokens_.erase(token);
    }
    return issue_tokens(lock);
  }
  return error(400, "unsupported_grant_type", "");
}

std::string FakeTokenServer::issue_code() {
  std::lock_guard lock(mutex_);
  std::string code = "code-" + std::to_string(++counter_) + "-Ab";
  codes_.insert(code);
  return code;
}

std::string FakeTokenServer::current_refresh_token() const {
  std::lock_guard lock(mutex_);
  return newest_refresh_token_;
}

bool FakeTokenServer::is_access_token_valid(const std::string& token) const {
  std::lock_guard lock(mutex_);
  return access_tokens_.contains(token);
}

void FakeTokenServer::expire_access_tokens() {
  std::lock_guard lock(mutex_);
  access_tokens_.clear();
}

void FakeTokenServer::revoke_everything() {
  std::lock_guard lock(mutex_);
  refresh_tokens_.clear();
  access_tokens_.clear();
}

int FakeTokenServer::refreshes() const {
  std::lock_guard lock(mutex_);
  return refreshes_;
}

int FakeTokenServer::revokes() const {
  std::lock_guard lock(mutex_);
  return revokes_;
}

int FakeTokenServer::invalid_grants() const {
  std::lock_guard lock(mutex_);
  return invalid_grants_;
}

}  // namespace qbo_sync::qbo::testing
