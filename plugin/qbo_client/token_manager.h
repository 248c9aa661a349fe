// Hands out a valid access token per tenant. Refreshes ahead of expiry, one refresh at a time per
// tenant: inside the process (concurrent callers wait for the one refresh) and across processes
// (through the repository's refresh lease). The rotated refresh token is saved before the new
// access token is handed out; invalid_grant marks the tenant reconnect-needed.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "clock/clock.h"
#include "clock/system_clock.h"
#include "qbo_client/oauth_client.h"
#include "qbo_client/outcome.h"
#include "qbo_client/token_repository.h"

namespace qbo_sync::qbo {

struct TokenManagerOptions {
  std::chrono::seconds refresh_ahead{std::chrono::minutes(5)};
  // Longer than a token request can take, so a live refresher never loses its lease.
  std::chrono::milliseconds lease_duration{std::chrono::seconds(60)};
  std::chrono::milliseconds lease_poll_interval{std::chrono::milliseconds(50)};
  // How long to wait for another instance's refresh before giving up (transient fault).
  std::chrono::milliseconds max_wait_for_other_refresher{std::chrono::seconds(90)};
  std::chrono::hours hard_expiry_warning{std::chrono::hours(24 * 30)};
  std::string instance_id;  // lease owner name; empty: a random one
};

// Holds a secret: never log it.
struct AccessToken {
  std::string value;
  WallTime expires_at{};
};

// What the admin status may show about a tenant's tokens: times and states, never a token.
struct TokenStatus {
  bool connected = false;
  bool reconnect_needed = false;
  std::string reconnect_reason;
  std::optional<WallTime> last_refresh;
  std::optional<WallTime> access_expires_at;
  std::optional<WallTime> refresh_expires_at;
  std::optional<WallTime> refresh_hard_expires_at;
  // The refresh token reaches its hard (5-year) expiry within the warning period.
  bool hard_expiry_warning = false;
};

struct DisconnectResult {
  bool revoked_at_qbo = false;
  std::optional<Fault> revoke_fault;  // why QBO did not confirm the revoke, if it did not
};

class TokenManager {
 public:
  // Expiries, leases and waits are measured on `clock` (the plugin's; real time when null), which
  // must outlive the manager.
  TokenManager(TokenRepository& repository, const OAuthClient& oauth,
               TokenManagerOptions options = {}, const clock::Clock* clock = nullptr);
  ~TokenManager();
  TokenManager(const TokenManager&) = delete;
  TokenManager& operator=(const TokenManager&) = delete;

  // A token valid for at least `refresh_ahead`, refreshing first if needed. Blocks while a refresh
  // for the tenant runs (here or in another instance). Faults: reconnect_needed, not_connected,
  // bad_client, transient.
  Outcome<AccessToken> access_token(const std::string& tenant);

  // QBO answered 401 to `rejected`: refresh (once, however many callers report the same token)
  // and return the new token.
  Outcome<AccessToken> refresh_after_rejection(const std::string& tenant,
                                               std::string_view rejected);

  // Completes a connect: exchanges the authorization code and saves the tokens (clearing any
  // reconnect-needed state).
  Outcome<std::monostate> connect(const std::string& tenant, std::string_view code);

  // Revokes the refresh token at QBO and removes the tokens locally, whether or not QBO could be
  // reached (the result says which). Throws what the repository throws.
  DisconnectResult disconnect(const std::string& tenant);

  // Throws what the repository throws.
  TokenStatus status(const std::string& tenant);

 private:
  struct TenantState;
  TenantState& state_for(const std::string& tenant);
  Outcome<AccessToken> obtain(const std::string& tenant, TenantState& state,
                              std::optional<std::string_view> rejected);
  bool usable(const TokenSet& tokens, WallTime now, std::optional<std::string_view> rejected) const;
  // The stored token when it can be used, or why there is none; nothing when it must be renewed.
  std::optional<Outcome<AccessToken>> from_record(const TokenRecord& record, TenantState& state,
                                                  WallTime now,
                                                  std::optional<std::string_view> rejected);
  // Renews the token under the tenant's refresh lease; nothing when the caller must look again.
  std::optional<Outcome<AccessToken>> refresh_under_lease(
      const std::string& tenant, TenantState& state, WallTime now,
      std::optional<std::string_view> rejected, std::optional<std::string>& refresh_token_tried);
  // QuickBooks refused to renew the token; nothing when a newer one was saved meanwhile.
  std::optional<Outcome<AccessToken>> after_refused_refresh(
      const std::string& tenant, TenantState& state, const TokenSet& current, Fault fault,
      WallTime now, std::optional<std::string_view> rejected);
  // Pauses one lease poll interval of the clock (on a clock that only moves when told, one
  // interval of real time, for the clock to be moved meanwhile).
  void pause_for_other_refresher() const;
  WallTime wall_now() const { return wall_time_on(clock_); }
  Outcome<AccessToken> obtain_guarded(const std::string& tenant, TenantState& state,
                                      std::optional<std::string_view> rejected);

  TokenRepository& repository_;
  const OAuthClient& oauth_;
  TokenManagerOptions options_;
  clock::SystemClock real_time_;
  const clock::Clock& clock_;
  std::mutex states_mutex_;
  std::map<std::string, std::unique_ptr<TenantState>, std::less<>> states_;
};

}  // namespace qbo_sync::qbo
