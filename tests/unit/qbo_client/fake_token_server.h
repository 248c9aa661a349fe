// Intuit's token and revoke endpoints, simulated: codes are single-use, refresh tokens rotate and
// the previous one then fails with invalid_grant (as QBO does once its grace period ends), and
// the app's client credentials are checked.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <string>

#include "qbo_client/http_transport.h"
#include "qbo_client/oauth_client.h"

namespace qbo_sync::qbo::testing {

inline constexpr std::string_view kClientId = "client-id-ABQ";
inline constexpr std::string_view kClientSecret = "client-secret-Zq9xW2";
inline constexpr std::string_view kTokenUrl = "https://oauth.test/oauth2/v1/tokens/bearer";
inline constexpr std::string_view kRevokeUrl = "https://oauth.test/v2/oauth2/tokens/revoke";

OAuthConfig test_oauth_config();

class FakeTokenServer {
 public:
  struct Options {
    bool rotate_on_refresh = true;
    bool old_refresh_token_keeps_working = false;
    bool report_hard_expiry = true;
    bool echo_tokens_in_errors = false;          // error bodies quote the token (to test redaction)
    std::chrono::milliseconds refresh_delay{0};  // widens race windows
    long long expires_in = 3600;
  };

  FakeTokenServer() : FakeTokenServer(Options{}) {}
  explicit FakeTokenServer(Options options) : options_(options) {}

  // Answers requests to kTokenUrl and kRevokeUrl.
  HttpResult handle(const HttpRequest& request);

  std::string issue_code();                   // an authorization code for the next exchange
  std::string current_refresh_token() const;  // the newest valid refresh token
  bool is_access_token_valid(const std::string& token) const;
  void expire_access_tokens();  // every access token now gets a 401
  void revoke_everything();     // as if the user disconnected the app in QBO
  int refreshes() const;
  int revokes() const;
  int invalid_grants() const;

 private:
  HttpResult issue_tokens(std::unique_lock<std::mutex>& lock);
  HttpResult error(int status, const std::string& code, const std::string& description) const;

  Options options_;
  mutable std::mutex mutex_;
  int counter_ = 0;
  int refreshes_ = 0;
  int revokes_ = 0;
  int invalid_grants_ = 0;
  std::set<std::string> codes_;
  std::set<std::string> refresh_tokens_;
  std::set<std::string> access_tokens_;
  std::string newest_refresh_token_;
};

}  // namespace qbo_sync::qbo::testing
