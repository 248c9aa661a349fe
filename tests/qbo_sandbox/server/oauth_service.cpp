#include "oauth_service.h"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/url/params_view.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/parse_query.hpp>
#include <boost/url/url.hpp>

#include <cctype>

#include "crypto/base64.h"
#include "crypto/digest.h"
#include "gateway_faults.h"
#include "qbo_time.h"
#include "random_text.h"
#include "text/ascii.h"

namespace qbo_sandbox {
namespace {

namespace json = boost::json;
using std::chrono::duration_cast;
using std::chrono::seconds;
using std::chrono::system_clock;

constexpr std::string_view kAccountingScope = "com.intuit.quickbooks.accounting";
constexpr std::string_view kPaymentScope = "com.intuit.quickbooks.payment";
constexpr std::string_view kKnownScopes[] = {kAccountingScope, kPaymentScope, "openid", "profile",
                                             "email",          "phone",       "address"};

// The header of every token endpoint answer, as Intuit's token service sends it.
HttpReply token_endpoint_reply(int status, const json::object& body) {
  HttpReply reply;
  reply.status = status;
  reply.content_type = "application/json;charset=UTF-8";
  reply.body = json::serialize(body);
  reply.add_header("Cache-Control", "no-cache, no-store");
  reply.add_header("Pragma", "no-cache");
  return reply;
}

HttpReply oauth_error(int status, std::string_view error, std::string_view description = {}) {
  json::object body;
  if (!description.empty()) {
    body["error_description"] = description;
  }
  body["error"] = error;
  return token_endpoint_reply(status, body);
}

// The page Intuit shows when it cannot redirect back (unknown client or redirect URI).
HttpReply error_page(std::string_view problem) {
  HttpReply reply;
  reply.status = 400;
  reply.content_type = "text/html;charset=UTF-8";
  reply.body =
      "<html><head><title>Intuit - Error</title></head><body><h1>Something went "
      "wrong</h1><p>" +
      std::string(problem) + "</p></body></html>";
  return reply;
}

HttpReply redirect_to(std::string_view redirect_uri,
                      const std::vector<std::pair<std::string, std::string>>& params) {
  boost::urls::url location(redirect_uri);
  for (const auto& [name, value] : params) {
    location.params().append({name, value});
  }
  HttpReply reply;
  reply.status = 302;
  reply.content_type = "text/html;charset=UTF-8";
  reply.add_header("Location", std::string(location.buffer()));
  return reply;
}

std::vector<std::string> split_scopes(std::string_view scope) {
  std::vector<std::string> scopes;
  std::size_t start = 0;
  while (start < scope.size()) {
    const std::size_t end = std::min(scope.find(' ', start), scope.size());
    if (end > start) {
      scopes.emplace_back(scope.substr(start, end - start));
    }
    start = end + 1;
  }
  return scopes;
}

// Ends now (or keeps an earlier end) every token of `tokens` granted for `realm_id`.
template <typename Tokens, typename Grants>
void expire_tokens_of_realm(Tokens& tokens, const Grants& grants, std::string_view realm_id,
                            system_clock::time_point now) {
  for (auto& [text, token] : tokens) {
    if (grants[token.grant].realm_id == realm_id) {
      token.expires_at = std::min(token.expires_at, now);
    }
  }
}

// How the control endpoint names a token without showing it: its lower-case hex SHA-256.
std::string token_fingerprint(std::string_view token) {
  return qbo_sync::crypto::hex(qbo_sync::crypto::sha256(token));
}

std::string value_of(const std::map<std::string, std::string>& map, const std::string& key) {
  auto found = map.find(key);
  return found == map.end() ? std::string() : found->second;
}

std::int64_t seconds_between(system_clock::time_point from, system_clock::time_point to) {
  return std::max<std::int64_t>(0, duration_cast<seconds>(to - from).count());
}

bool header_is_true(std::string_view value) {
  return qbo_sync::text::equal_ascii_nocase(value, "true");
}

}  // namespace

std::optional<std::map<std::string, std::string>> parse_form(std::string_view text) {
  auto parsed = boost::urls::parse_query(text);
  if (!parsed) {
    return std::nullopt;
  }
  std::map<std::string, std::string> form;
  // The string constructor decodes '+' as a space.
  for (const auto& param : boost::urls::params_view(text)) {
    if (!param.key.empty()) {
      form.emplace(param.key, param.has_value ? param.value : std::string());
    }
  }
  return form;
}

OAuthService::OAuthService(Clock& clock, OAuthSettings settings)
    : clock_(clock), settings_(std::move(settings)) {}

OAuthSettings OAuthService::settings() const {
  std::lock_guard lock(mutex_);
  return settings_;
}

void OAuthService::set_rotation(seconds rotation_age, seconds rotated_token_grace) {
  std::lock_guard lock(mutex_);
  settings_.rotation_age = rotation_age;
  settings_.rotated_token_grace = rotated_token_grace;
}

HttpReply OAuthService::authorize(const std::map<std::string, std::string>& params,
                                  const std::vector<std::string>& realm_ids) {
  std::lock_guard lock(mutex_);
  const auto now = clock_.now();
  if (value_of(params, "client_id") != settings_.client_id) {
    return error_page("invalid_client: the client_id is not that of a registered app.");
  }
  const std::string redirect_uri = value_of(params, "redirect_uri");
  if (std::find(settings_.redirect_uris.begin(), settings_.redirect_uris.end(), redirect_uri) ==
      settings_.redirect_uris.end()) {
    return error_page(
        "The redirect_uri query parameter value is invalid. Make sure it is listed in the "
        "Redirect URIs section on your app's keys tab and matches it exactly.");
  }
  const std::string state = value_of(params, "state");
  auto refuse = [&](std::string_view error) {
    std::vector<std::pair<std::string, std::string>> answer{{"error", std::string(error)}};
    if (!state.empty()) {
      answer.emplace_back("state", state);
    }
    return redirect_to(redirect_uri, answer);
  };
  if (value_of(params, "response_type") != "code") {
    return refuse("unsupported_response_type");
  }
  const std::string scope = value_of(params, "scope");
  const auto scopes = split_scopes(scope);
  if (scopes.empty()) {
    return refuse("invalid_scope");
  }
  for (const auto& requested : scopes) {
    if (std::find(std::begin(kKnownScopes), std::end(kKnownScopes), requested) ==
        std::end(kKnownScopes)) {
      return refuse("invalid_scope");
    }
  }
  if (state.empty()) {
    return refuse("invalid_request");
  }
  if (value_of(params, "consent") == "deny") {
    return refuse("access_denied");
  }
  std::string realm_id = value_of(params, "realm_id");
  if (realm_id.empty()) {
    realm_id = value_of(params, "realmId");
  }
  if (realm_id.empty()) {
    if (realm_ids.empty()) {
      return error_page("The sandbox has no company to connect.");
    }
    realm_id = realm_ids.front();
  } else if (std::find(realm_ids.begin(), realm_ids.end(), realm_id) == realm_ids.end()) {
    return error_page("No company with realm id " + realm_id + " in this sandbox.");
  }
  const bool company_scope = std::any_of(scopes.begin(), scopes.end(), [](const std::string& s) {
    return s == kAccountingScope || s == kPaymentScope;
  });
  const std::string code = "AB11" +
                           std::to_string(duration_cast<seconds>(now.time_since_epoch()).count()) +
                           random_alphanumeric(34);
  codes_[code] = AuthorizationCode{company_scope ? realm_id : std::string(), redirect_uri, scope,
                                   now + settings_.authorization_code_lifetime, false};
  std::vector<std::pair<std::string, std::string>> answer{{"code", code}, {"state", state}};
  if (company_scope) {
    answer.emplace_back("realmId", realm_id);
  }
  return redirect_to(redirect_uri, answer);
}

bool OAuthService::client_authenticated(const IncomingRequest& request,
                                        const std::map<std::string, std::string>& form) const {
  const std::string& authorization = request.header("authorization");
  constexpr std::string_view kBasic = "Basic ";
  if (authorization.size() > kBasic.size() &&
      qbo_sync::text::equal_ascii_nocase(authorization.substr(0, kBasic.size()), kBasic)) {
    auto decoded =
        qbo_sync::crypto::base64_decode(std::string_view(authorization).substr(kBasic.size()));
    return decoded && *decoded == settings_.client_id + ":" + settings_.client_secret;
  }
  // client_secret_post, which Intuit's discovery document also lists.
  return value_of(form, "client_id") == settings_.client_id &&
         value_of(form, "client_secret") == settings_.client_secret;
}

std::string OAuthService::mint_access_token(std::size_t grant, system_clock::time_point now) {
  // Shaped like Intuit's JWE access tokens: a fixed protected header, an empty key, then iv,
  // ciphertext and tag.
  std::string token = "eyJlbmMiOiJBMTI4Q0JDLUhTMjU2IiwiYWxnIjoiZGlyIn0.." + random_base64url(22) +
                      "." + random_base64url(342) + "." + random_base64url(22);
  const auto expires_at = now + settings_.access_token_lifetime;
  const std::string shown_as =
      "AB0" + std::to_string(duration_cast<seconds>(expires_at.time_since_epoch()).count()) +
      random_alphanumeric(37);
  access_tokens_[token] = AccessToken{grant, shown_as, expires_at};
  return token;
}

std::string OAuthService::mint_refresh_token(std::size_t grant, system_clock::time_point now) {
  const auto expires_at =
      std::min(now + settings_.refresh_token_lifetime, grants_[grant].hard_expires_at);
  std::string token =
      "RT1-" + std::to_string(100 + grant % 900) + "-H0-" +
      std::to_string(duration_cast<seconds>(expires_at.time_since_epoch()).count()) +
      random_alphanumeric(24);
  refresh_tokens_[token] = RefreshToken{grant, now, expires_at, std::nullopt};
  grants_[grant].current_refresh_token = token;
  return token;
}

json::object OAuthService::token_response(std::size_t grant, bool include_hard_expiry,
                                          system_clock::time_point now) {
  const std::string access_token = mint_access_token(grant, now);
  const std::string& refresh_token = grants_[grant].current_refresh_token;
  const RefreshToken& refresh = refresh_tokens_.at(refresh_token);
  json::object body;
  body["token_type"] = "bearer";
  body["expires_in"] = duration_cast<seconds>(settings_.access_token_lifetime).count();
  body["refresh_token"] = refresh_token;
  body["x_refresh_token_expires_in"] = seconds_between(now, refresh.expires_at);
  if (include_hard_expiry) {
    body["x_refresh_token_hard_expires_in"] = seconds_between(now, grants_[grant].hard_expires_at);
  }
  body["access_token"] = access_token;
  return body;
}

HttpReply OAuthService::token(const IncomingRequest& request) {
  std::lock_guard lock(mutex_);
  const auto now = clock_.now();
  if (request.method != "POST") {
    return oauth_error(405, "invalid_request", "The token endpoint accepts POST only");
  }
  auto form = parse_form(request.body);
  if (!form) {
    return oauth_error(400, "invalid_request", "The body is not form-encoded");
  }
  if (!client_authenticated(request, *form)) {
    return oauth_error(401, "invalid_client");
  }
  const bool hard_expiry =
      header_is_true(request.header("x-include-refresh-token-hard-expires-in"));
  const std::string grant_type = value_of(*form, "grant_type");
  if (grant_type.empty()) {
    return oauth_error(400, "invalid_request", "grant_type is missing");
  }
  if (grant_type == "authorization_code") {
    return exchange_code(*form, hard_expiry, now);
  }
  if (grant_type == "refresh_token") {
    return refresh(*form, hard_expiry, now);
  }
  return oauth_error(400, "unsupported_grant_type");
}

HttpReply OAuthService::exchange_code(const std::map<std::string, std::string>& form,
                                      bool hard_expiry, system_clock::time_point now) {
  auto found = codes_.find(value_of(form, "code"));
  if (found == codes_.end() || found->second.used || now >= found->second.expires_at) {
    return oauth_error(400, "invalid_grant");
  }
  if (value_of(form, "redirect_uri") != found->second.redirect_uri) {
    return oauth_error(400, "invalid_grant", "redirect_uri does not match");
  }
  found->second.used = true;  // single use
  const std::size_t grant = grants_.size();
  grants_.push_back(Grant{found->second.realm_id,
                          found->second.scope,
                          now + settings_.refresh_token_hard_lifetime,
                          {},
                          false});
  mint_refresh_token(grant, now);
  json::object entry;
  entry["realm_id"] = found->second.realm_id;
  entry["at"] = utc_timestamp_millis(now);
  entry["grant_type"] = "authorization_code";
  grant_log_.push_back(std::move(entry));
  return token_endpoint_reply(200, token_response(grant, hard_expiry, now));
}

HttpReply OAuthService::refresh(const std::map<std::string, std::string>& form, bool hard_expiry,
                                system_clock::time_point now) {
  const std::string presented = value_of(form, "refresh_token");
  auto found = refresh_tokens_.find(presented);
  if (found == refresh_tokens_.end()) {
    log_refresh("", presented, "", "invalid_grant: unknown token", false, now);
    return oauth_error(400, "invalid_grant", "Incorrect or invalid refresh token");
  }
  const std::size_t grant_index = found->second.grant;
  Grant& grant = grants_[grant_index];
  auto deny = [&](std::string reason) {
    log_refresh(grant.realm_id, presented, "", "invalid_grant: " + reason, false, now);
    return oauth_error(400, "invalid_grant", "Incorrect or invalid refresh token");
  };
  if (grant.revoked) {
    return deny("revoked");
  }
  if (now >= found->second.expires_at || now >= grant.hard_expires_at) {
    return deny("expired");
  }
  if (found->second.superseded_at &&
      now >= *found->second.superseded_at + settings_.rotated_token_grace) {
    return deny("rotated");
  }
  // Within the grace period an old token acts for the grant's latest one.
  RefreshToken& current = refresh_tokens_.at(grant.current_refresh_token);
  bool rotated = false;
  if (now - current.issued_at >= settings_.rotation_age) {
    current.superseded_at = now;
    mint_refresh_token(grant_index, now);
    rotated = true;
  } else {
    current.expires_at = std::min(now + settings_.refresh_token_lifetime, grant.hard_expires_at);
  }
  json::object body = token_response(grant_index, hard_expiry, now);
  log_refresh(grant.realm_id, presented, grant.current_refresh_token, "ok", rotated, now);
  return token_endpoint_reply(200, body);
}

void OAuthService::log_refresh(const std::string& realm_id, std::string_view presented,
                               std::string_view returned, std::string outcome, bool rotated,
                               system_clock::time_point now) {
  json::object entry;
  entry["realm_id"] = realm_id;
  entry["at"] = utc_timestamp_millis(now);
  entry["outcome"] = std::move(outcome);
  entry["rotated"] = rotated;
  entry["presented_sha256"] = token_fingerprint(presented);
  if (!returned.empty()) {
    entry["returned_sha256"] = token_fingerprint(returned);
  }
  refresh_log_.push_back(std::move(entry));
}

HttpReply OAuthService::revoke(const IncomingRequest& request) {
  std::lock_guard lock(mutex_);
  const auto now = clock_.now();
  if (request.method != "POST") {
    return oauth_error(405, "invalid_request", "The revoke endpoint accepts POST only");
  }
  // Intuit's clients send {"token":...} as JSON; RFC 7009 clients send a form.
  std::string token;
  std::map<std::string, std::string> form;
  if (request.header("content-type").find("json") != std::string::npos) {
    boost::system::error_code error;
    json::value body = json::parse(request.body, error);
    if (error || !body.is_object() || !body.as_object().contains("token") ||
        !body.as_object().at("token").is_string()) {
      return oauth_error(400, "invalid_request", "The body must be {\"token\":\"...\"}");
    }
    token = std::string(body.as_object().at("token").as_string());
  } else {
    auto parsed = parse_form(request.body);
    if (!parsed) {
      return oauth_error(400, "invalid_request", "The body is not form-encoded");
    }
    form = std::move(*parsed);
    token = value_of(form, "token");
  }
  if (!client_authenticated(request, form)) {
    return oauth_error(401, "invalid_client");
  }
  if (token.empty()) {
    return oauth_error(400, "invalid_request", "token is missing");
  }
  json::object entry;
  entry["at"] = utc_timestamp_millis(now);
  entry["token_sha256"] = token_fingerprint(token);
  entry["via"] = "revoke_endpoint";
  std::optional<std::size_t> grant;
  if (auto refresh = refresh_tokens_.find(token); refresh != refresh_tokens_.end()) {
    grant = refresh->second.grant;
    entry["kind"] = "refresh_token";
  } else if (auto access = access_tokens_.find(token); access != access_tokens_.end()) {
    grant = access->second.grant;
    entry["kind"] = "access_token";
  } else {
    entry["kind"] = "unknown";  // RFC 7009: an unknown token is not an error
  }
  entry["realm_id"] = grant ? grants_[*grant].realm_id : std::string();
  revocation_log_.push_back(std::move(entry));
  if (grant) {
    revoke_grant(*grant);  // revoking either token disconnects the app
  }
  HttpReply reply = token_endpoint_reply(200, json::object{});
  reply.body.clear();
  return reply;
}

void OAuthService::revoke_grant(std::size_t grant) {
  grants_[grant].revoked = true;
}

OAuthService::BearerCheck OAuthService::check_bearer(std::string_view authorization_header,
                                                     std::string_view realm_id) {
  std::lock_guard lock(mutex_);
  const auto now = clock_.now();
  constexpr std::string_view kBearer = "bearer ";
  std::string_view token;
  if (authorization_header.size() > kBearer.size() &&
      qbo_sync::text::equal_ascii_nocase(authorization_header.substr(0, kBearer.size()), kBearer)) {
    token = authorization_header.substr(kBearer.size());
  }
  if (token.empty()) {
    return {false,
            authentication_failed("Authorization header missing or not a bearer token", now)};
  }
  auto found = access_tokens_.find(token);
  if (found == access_tokens_.end()) {
    return {false, authentication_failed("Token invalid", now)};
  }
  const Grant& grant = grants_[found->second.grant];
  if (grant.revoked) {
    return {false, authentication_failed("Token revoked: " + found->second.shown_as, now)};
  }
  if (now >= found->second.expires_at) {
    return {false, authentication_failed("Token expired: " + found->second.shown_as, now)};
  }
  if (grant.realm_id != realm_id) {
    return {false, application_authorization_failed(now)};
  }
  return {true, {}};
}

void OAuthService::expire_access_tokens(std::string_view realm_id) {
  std::lock_guard lock(mutex_);
  expire_tokens_of_realm(access_tokens_, grants_, realm_id, clock_.now());
}

void OAuthService::expire_refresh_tokens(std::string_view realm_id) {
  std::lock_guard lock(mutex_);
  expire_tokens_of_realm(refresh_tokens_, grants_, realm_id, clock_.now());
}

void OAuthService::revoke_realm(std::string_view realm_id) {
  std::lock_guard lock(mutex_);
  const auto now = clock_.now();
  for (std::size_t grant = 0; grant < grants_.size(); ++grant) {
    if (grants_[grant].realm_id == realm_id && !grants_[grant].revoked) {
      revoke_grant(grant);
      json::object entry;
      entry["at"] = utc_timestamp_millis(now);
      entry["realm_id"] = grants_[grant].realm_id;
      entry["kind"] = "grant";
      entry["token_sha256"] = token_fingerprint(grants_[grant].current_refresh_token);
      entry["via"] = "control";
      revocation_log_.push_back(std::move(entry));
    }
  }
}

json::object OAuthService::issue_tokens(const std::string& realm_id) {
  std::lock_guard lock(mutex_);
  const auto now = clock_.now();
  const std::size_t grant = grants_.size();
  grants_.push_back(Grant{realm_id,
                          std::string(kAccountingScope),
                          now + settings_.refresh_token_hard_lifetime,
                          {},
                          false});
  mint_refresh_token(grant, now);
  json::object entry;
  entry["realm_id"] = realm_id;
  entry["at"] = utc_timestamp_millis(now);
  entry["grant_type"] = "control";
  grant_log_.push_back(std::move(entry));
  json::object body = token_response(grant, true, now);
  body["realm_id"] = realm_id;
  return body;
}

json::object OAuthService::activity() const {
  std::lock_guard lock(mutex_);
  json::object body;
  body["grants"] = grant_log_;
  body["refreshes"] = refresh_log_;
  body["revocations"] = revocation_log_;
  return body;
}

}  // namespace qbo_sandbox
