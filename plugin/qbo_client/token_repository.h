// Where a tenant's tokens live. The store implements this over its database (tokens encrypted at
// rest); several plugin instances may share one store, so the refresh lease lives there too.
#pragma once

#include <optional>
#include <string>

#include "qbo_client/token_set.h"

namespace qbo_sync::qbo {

struct TokenRecord {
  std::optional<TokenSet> tokens;  // nullopt: never connected, or disconnected
  bool reconnect_needed = false;
  std::string reconnect_reason;  // plain language, no secrets
  std::optional<WallTime> last_refresh;
};

class TokenRepository {
 public:
  virtual ~TokenRepository() = default;

  // The tenant's current record (an empty record when there is none). Thread-safe.
  virtual TokenRecord load(const std::string& tenant) = 0;

  // Atomically replaces the tenant's tokens (after a code exchange or a refresh), clears
  // reconnect_needed and records the refresh time. Must be durable when it returns: the new
  // refresh token is only used after this. Throws on failure.
  virtual void save_tokens(const std::string& tenant, const TokenSet& tokens) = 0;

  // Marks the tenant as needing a reconnect, keeping its (now useless) tokens for diagnosis.
  virtual void mark_reconnect_needed(const std::string& tenant, const std::string& reason) = 0;

  // Removes the tenant's tokens (disconnect). Settings and links are not the repository's.
  virtual void clear_tokens(const std::string& tenant) = 0;

  // Takes the tenant's refresh lease for `owner` until `expires_at`, if no other owner holds an
  // unexpired lease at `now`. A lease the owner already holds is extended. Returns whether taken.
  virtual bool try_acquire_refresh_lease(const std::string& tenant, const std::string& owner,
                                         WallTime now, WallTime expires_at) = 0;

  // Gives the lease back if `owner` holds it.
  virtual void release_refresh_lease(const std::string& tenant, const std::string& owner) = 0;
};

}  // namespace qbo_sync::qbo
