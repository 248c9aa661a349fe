#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "http_types.h"
#include "ledger/clock.h"
#include "server.h"

namespace qbo_sandbox {

// The OAuth 2.0 side of QBO: authorization codes, access and refresh tokens with rotation,
// revocation, and the bearer check of API calls. Pure logic over the sandbox clock; the HTTP layer
// hands it requests. Thread-safe.
class OAuthService {
 public:
  OAuthService(Clock& clock, OAuthSettings settings);

  // GET /connect/oauth2?client_id&response_type&scope&redirect_uri&state: auto-consent. A 302 to
  // the redirect URI with code, state and realmId; or with error= (access_denied,
  // invalid_scope, unsupported_response_type, invalid_request); or a 400 page when the client or
  // the redirect URI is unknown (QBO cannot redirect then). Sandbox extensions: `realm_id` picks
  // the company (default: the first), `consent=deny` simulates the user declining.
  HttpReply authorize(const std::map<std::string, std::string>& params,
                      const std::vector<std::string>& realm_ids);

  // POST /oauth2/v1/tokens/bearer.
  HttpReply token(const IncomingRequest& request);

  // POST /v2/oauth2/tokens/revoke.
  HttpReply revoke(const IncomingRequest& request);

  // The realm of a valid bearer token, or the 401/403 answer QBO gives.
  struct BearerCheck {
    bool ok = false;
    HttpReply rejection;
  };
  BearerCheck check_bearer(std::string_view authorization_header, std::string_view realm_id);

  // Control: make a realm's tokens expire now, or revoke them as a disconnect would.
  void expire_access_tokens(std::string_view realm_id);
  void expire_refresh_tokens(std::string_view realm_id);
  void revoke_realm(std::string_view realm_id);
  // Control: a fresh token set for a realm without the browser round trip (demo and benchmarks).
  boost::json::object issue_tokens(const std::string& realm_id);
  // Control: every token grant, refresh and revocation so far (tokens named by SHA-256 only).
  boost::json::object activity() const;

  OAuthSettings settings() const;
  void set_rotation(std::chrono::seconds rotation_age, std::chrono::seconds rotated_token_grace);

 private:
  struct AuthorizationCode {
    std::string realm_id;
    std::string redirect_uri;
    std::string scope;
    std::chrono::system_clock::time_point expires_at;
    bool used = false;
  };
  struct Grant {
    std::string realm_id;
    std::string scope;
    std::chrono::system_clock::time_point hard_expires_at;
    std::string current_refresh_token;
    bool revoked = false;
  };
  struct AccessToken {
    std::size_t grant = 0;
    std::string shown_as;  // what an error detail may name instead of the token itself
    std::chrono::system_clock::time_point expires_at;
  };
  struct RefreshToken {
    std::size_t grant = 0;
    std::chrono::system_clock::time_point issued_at;
    std::chrono::system_clock::time_point expires_at;
    std::optional<std::chrono::system_clock::time_point> superseded_at;
  };

  // Validates HTTP Basic (or client_secret_post) client authentication.
  bool client_authenticated(const IncomingRequest& request,
                            const std::map<std::string, std::string>& form) const;
  // Mints an access token (and, when `new_refresh`, a refresh token) for a grant; builds the body.
  boost::json::object token_response(std::size_t grant, bool include_hard_expiry,
                                     std::chrono::system_clock::time_point now);
  std::string mint_access_token(std::size_t grant, std::chrono::system_clock::time_point now);
  std::string mint_refresh_token(std::size_t grant, std::chrono::system_clock::time_point now);
  HttpReply exchange_code(const std::map<std::string, std::string>& form, bool hard_expiry,
                          std::chrono::system_clock::time_point now);
  HttpReply refresh(const std::map<std::string, std::string>& form, bool hard_expiry,
                    std::chrono::system_clock::time_point now);
  void revoke_grant(std::size_t grant);
  void log_refresh(const std::string& realm_id, std::string_view presented,
                   std::string_view returned, std::string outcome, bool rotated,
                   std::chrono::system_clock::time_point now);

  Clock& clock_;
  mutable std::mutex mutex_;
  OAuthSettings settings_;
  std::map<std::string, AuthorizationCode, std::less<>> codes_;
  std::vector<Grant> grants_;
  std::map<std::string, AccessToken, std::less<>> access_tokens_;
  std::map<std::string, RefreshToken, std::less<>> refresh_tokens_;
  boost::json::array grant_log_;
  boost::json::array refresh_log_;
  boost::json::array revocation_log_;
};

// Parses an application/x-www-form-urlencoded body or a query string ('+' is a space); nullopt
// when it is malformed.
std::optional<std::map<std::string, std::string>> parse_form(std::string_view text);

}  // namespace qbo_sandbox
