// Intuit's OAuth 2.0 endpoints: the authorization URL, the code exchange, the refresh (with the
// hard-expiry opt-in) and the revoke. Errors come back as Faults: invalid_grant is
// reconnect_needed, invalid_client is bad_client, network and 5xx are transient. No token, code or
// client secret ever appears in a Fault.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <variant>

#include "clock/system_clock.h"
#include "qbo_client/http_transport.h"
#include "qbo_client/outcome.h"
#include "qbo_client/token_set.h"

namespace qbo_sync::qbo {

struct OAuthConfig {
  std::string authorization_endpoint = "https://appcenter.intuit.com/connect/oauth2";
  std::string token_endpoint = "https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer";
  std::string revoke_endpoint = "https://developer.api.intuit.com/v2/oauth2/tokens/revoke";
  std::string client_id;
  std::string client_secret;  // secret
  std::string redirect_uri;
  std::string scope = "com.intuit.quickbooks.accounting";
  std::chrono::milliseconds timeout{std::chrono::seconds(30)};
};

// A fresh single-use `state` value: 32 random bytes, base64url without padding.
std::string generate_oauth_state();

// Reads a token endpoint success body. `now` anchors the relative expiries. A missing or mistyped
// field gives a Fault naming the field (never its value).
Outcome<TokenSet> parse_token_response(std::string_view body, WallTime now);

class OAuthClient {
 public:
  // Expiries are anchored on `clock` (the plugin's; real time when null), which must outlive the
  // client.
  OAuthClient(HttpTransport& transport, OAuthConfig config, const clock::Clock* clock = nullptr);

  // Where to send the admin's browser: client_id, response_type=code, scope, redirect_uri, state.
  std::string authorization_url(std::string_view state) const;

  // Exchanges the authorization code from the redirect for tokens.
  Outcome<TokenSet> exchange_code(std::string_view code) const;

  // Uses a refresh token; the answer may carry a new (rotated) refresh token.
  Outcome<TokenSet> refresh(std::string_view refresh_token) const;

  // Revokes a refresh or access token (revoking the refresh token disconnects the app).
  Outcome<std::monostate> revoke(std::string_view token) const;

 private:
  Outcome<TokenSet> token_request(std::string body, std::string_view secret_in_body) const;
  std::string basic_authorization() const;

  HttpTransport& transport_;
  OAuthConfig config_;
  clock::SystemClock real_time_;
  const clock::Clock& clock_;
};

}  // namespace qbo_sync::qbo
