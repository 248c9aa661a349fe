#include "qbo_client/token_manager.h"

#include <exception>
#include <thread>

namespace qbo_sync::qbo {
namespace {

Fault make_fault(FaultClass fault_class, std::string message) {
  Fault fault;
  fault.fault_class = fault_class;
  fault.message = std::move(message);
  return fault;
}

// Gives the refresh lease back however the refresh ends.
class LeaseGuard {
 public:
  LeaseGuard(TokenRepository& repository, const std::string& tenant, const std::string& owner)
      : repository_(repository), tenant_(tenant), owner_(owner) {}
  ~LeaseGuard() {
    try {
      repository_.release_refresh_lease(tenant_, owner_);
    } catch (...) {
      // The lease expires by itself; nothing else to do here.
    }
  }
  LeaseGuard(const LeaseGuard&) = delete;
  LeaseGuard& operator=(const LeaseGuard&) = delete;

 private:
  TokenRepository& repository_;
  const std::string& tenant_;
  const std::string& owner_;
};

}  // namespace

struct TokenManager::TenantState {
  std::mutex mutex;  // held while this process obtains or refreshes the tenant's token
  std::optional<AccessToken> cached;
};

TokenManager::TokenManager(TokenRepository& repository, const OAuthClient& oauth,
                           TokenManagerOptions options, const clock::Clock* clock)
    : repository_(repository),
      oauth_(oauth),
      options_(std::move(options)),
      clock_(clock ? *clock : real_time_) {
  if (options_.instance_id.empty()) {
    options_.instance_id = "instance-" + generate_oauth_state().substr(0, 16);
  }
}

TokenManager::~TokenManager() = default;

TokenManager::TenantState& TokenManager::state_for(const std::string& tenant) {
  std::lock_guard lock(states_mutex_);
  auto it = states_.find(tenant);
  if (it == states_.end()) {
    it = states_.emplace(tenant, std::make_unique<TenantState>()).first;
  }
  return *it->second;
}

Outcome<AccessToken> TokenManager::access_token(const std::string& tenant) {
  TenantState& state = state_for(tenant);
  std::lock_guard lock(state.mutex);
  if (state.cached && state.cached->expires_at - options_.refresh_ahead > wall_now()) {
    return *state.cached;
  }
  return obtain_guarded(tenant, state, std::nullopt);
}

Outcome<AccessToken> TokenManager::obtain_guarded(const std::string& tenant, TenantState& state,
                                                  std::optional<std::string_view> rejected) {
  try {
    return obtain(tenant, state, rejected);
  } catch (const std::exception&) {
    // The store failed; its message is not passed on (it might quote stored values).
    state.cached.reset();
    return make_fault(FaultClass::transient, "the QuickBooks sign-in could not be read or saved");
  }
}

Outcome<AccessToken> TokenManager::refresh_after_rejection(const std::string& tenant,
                                                           std::string_view rejected) {
  TenantState& state = state_for(tenant);
  std::lock_guard lock(state.mutex);
  if (state.cached && state.cached->value != rejected &&
      state.cached->expires_at - options_.refresh_ahead > wall_now()) {
    return *state.cached;  // someone already replaced the rejected token
  }
  state.cached.reset();
  return obtain_guarded(tenant, state, rejected);
}

bool TokenManager::usable(const TokenSet& tokens, WallTime now,
                          std::optional<std::string_view> rejected) const {
  return tokens.access_expires_at - options_.refresh_ahead > now &&
         (!rejected || tokens.access_token != *rejected);
}

std::optional<Outcome<AccessToken>> TokenManager::from_record(
    const TokenRecord& record, TenantState& state, WallTime now,
    std::optional<std::string_view> rejected) {
  if (record.reconnect_needed) {
    state.cached.reset();
    return make_fault(FaultClass::reconnect_needed,
                      record.reconnect_reason.empty() ? "the QuickBooks connection must be renewed"
                                                      : record.reconnect_reason);
  }
  if (!record.tokens) {
    state.cached.reset();
    return make_fault(FaultClass::not_connected, "this account is not connected to QuickBooks");
  }
  if (usable(*record.tokens, now, rejected)) {
    state.cached = AccessToken{record.tokens->access_token, record.tokens->access_expires_at};
    return *state.cached;
  }
  return std::nullopt;
}

std::optional<Outcome<AccessToken>> TokenManager::refresh_under_lease(
    const std::string& tenant, TenantState& state, WallTime now,
    std::optional<std::string_view> rejected, std::optional<std::string>& refresh_token_tried) {
  LeaseGuard lease(repository_, tenant, options_.instance_id);
  // Re-read under the lease: another instance may have finished a refresh just before.
  const TokenRecord record = repository_.load(tenant);
  if (record.reconnect_needed || !record.tokens) {
    return std::nullopt;
  }
  if (usable(*record.tokens, now, rejected)) {
    state.cached = AccessToken{record.tokens->access_token, record.tokens->access_expires_at};
    return *state.cached;
  }
  const TokenSet current = *record.tokens;
  if (refresh_token_tried == current.refresh_token) {
    // This exact refresh token was already refused in this call; do not hammer the endpoint.
    return make_fault(FaultClass::transient, "the QuickBooks sign-in could not be renewed");
  }
  refresh_token_tried = current.refresh_token;
  auto refreshed = oauth_.refresh(current.refresh_token);
  if (refreshed) {
    try {
      // Saved first: a crash after this point cannot lose the rotated refresh token.
      repository_.save_tokens(tenant, refreshed.value());
    } catch (const std::exception&) {
      state.cached.reset();
      return make_fault(FaultClass::transient,
                        "the renewed QuickBooks sign-in could not be saved; it will be retried");
    }
    state.cached = AccessToken{refreshed.value().access_token, refreshed.value().access_expires_at};
    return *state.cached;
  }
  return after_refused_refresh(tenant, state, current, std::move(refreshed).fault(), now, rejected);
}

std::optional<Outcome<AccessToken>> TokenManager::after_refused_refresh(
    const std::string& tenant, TenantState& state, const TokenSet& current, Fault fault,
    WallTime now, std::optional<std::string_view> rejected) {
  if (fault.fault_class == FaultClass::reconnect_needed) {
    // Before giving up, make sure nobody saved a newer refresh token meanwhile.
    TokenRecord latest = repository_.load(tenant);
    if (latest.tokens && latest.tokens->refresh_token != current.refresh_token) {
      return std::nullopt;
    }
    repository_.mark_reconnect_needed(tenant, "QuickBooks no longer accepts this connection (" +
                                                  fault.code +
                                                  "); an admin must reconnect QuickBooks");
    state.cached.reset();
    return fault;
  }
  // A failed ahead-of-time refresh is harmless while the current access token still works.
  if (!rejected && current.access_expires_at > now) {
    state.cached = AccessToken{current.access_token, current.access_expires_at};
    return *state.cached;
  }
  return fault;
}

Outcome<AccessToken> TokenManager::obtain(const std::string& tenant, TenantState& state,
                                          std::optional<std::string_view> rejected) {
  const clock::SteadyTime started = clock_.steady_now();
  std::optional<std::string> refresh_token_tried;
  while (true) {
    const WallTime now = wall_now();
    if (auto settled = from_record(repository_.load(tenant), state, now, rejected)) {
      return std::move(*settled);
    }
    if (!repository_.try_acquire_refresh_lease(tenant, options_.instance_id, now,
                                               now + options_.lease_duration)) {
      // Another instance is refreshing: wait for its result to appear in the repository.
      if (clock_.steady_now() - started >= options_.max_wait_for_other_refresher) {
        return make_fault(FaultClass::transient,
                          "timed out waiting for another instance to renew the QuickBooks sign-in");
      }
      pause_for_other_refresher();
      continue;
    }
    if (auto settled = refresh_under_lease(tenant, state, now, rejected, refresh_token_tried)) {
      return std::move(*settled);
    }
  }
}

void TokenManager::pause_for_other_refresher() const {
  const auto real = clock_.real_time_for(options_.lease_poll_interval);
  std::this_thread::sleep_for(real ? *real : options_.lease_poll_interval);
}

Outcome<std::monostate> TokenManager::connect(const std::string& tenant, std::string_view code) {
  TenantState& state = state_for(tenant);
  std::lock_guard lock(state.mutex);
  auto tokens = oauth_.exchange_code(code);
  if (!tokens) {
    return std::move(tokens).fault();
  }
  try {
    repository_.save_tokens(tenant, tokens.value());
  } catch (const std::exception&) {
    return make_fault(FaultClass::transient, "the QuickBooks sign-in could not be saved");
  }
  state.cached = AccessToken{tokens.value().access_token, tokens.value().access_expires_at};
  return std::monostate{};
}

DisconnectResult TokenManager::disconnect(const std::string& tenant) {
  TenantState& state = state_for(tenant);
  std::lock_guard lock(state.mutex);
  DisconnectResult result;
  TokenRecord record = repository_.load(tenant);
  if (record.tokens) {
    auto revoked = oauth_.revoke(record.tokens->refresh_token);
    result.revoked_at_qbo = revoked.ok();
    if (!revoked) {
      result.revoke_fault = revoked.fault();
    }
  }
  repository_.clear_tokens(tenant);
  state.cached.reset();
  return result;
}

TokenStatus TokenManager::status(const std::string& tenant) {
  const TokenRecord record = repository_.load(tenant);
  TokenStatus status;
  status.reconnect_needed = record.reconnect_needed;
  status.reconnect_reason = record.reconnect_reason;
  status.last_refresh = record.last_refresh;
  if (record.tokens) {
    status.connected = !record.reconnect_needed;
    status.access_expires_at = record.tokens->access_expires_at;
    status.refresh_expires_at = record.tokens->refresh_expires_at;
    status.refresh_hard_expires_at = record.tokens->refresh_hard_expires_at;
    if (record.tokens->refresh_hard_expires_at) {
      status.hard_expiry_warning =
          *record.tokens->refresh_hard_expires_at - wall_now() <= options_.hard_expiry_warning;
    }
  }
  return status;
}

}  // namespace qbo_sync::qbo
