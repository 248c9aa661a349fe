#include "in_memory_token_repository.h"

#include <stdexcept>

namespace qbo_sync::qbo::testing {

TokenRecord InMemoryTokenRepository::load(const std::string& tenant) {
  if (failing_loads_.load() > 0) {
    --failing_loads_;
    throw std::runtime_error("database is locked");
  }
  std::lock_guard lock(mutex_);
  auto it = records_.find(tenant);
  return it == records_.end() ? TokenRecord{} : it->second;
}

void InMemoryTokenRepository::save_tokens(const std::string& tenant, const TokenSet& tokens) {
  if (failing_saves_.load() > 0) {
    --failing_saves_;
    throw std::runtime_error("disk full");
  }
  std::lock_guard lock(mutex_);
  auto& record = records_[tenant];
  record.tokens = tokens;
  record.reconnect_needed = false;
  record.reconnect_reason.clear();
  record.last_refresh = tokens.issued_at;
  ++saves_;
}

void InMemoryTokenRepository::mark_reconnect_needed(const std::string& tenant,
                                                    const std::string& reason) {
  std::lock_guard lock(mutex_);
  auto& record = records_[tenant];
  record.reconnect_needed = true;
  record.reconnect_reason = reason;
  ++reconnect_marks_;
}

void InMemoryTokenRepository::clear_tokens(const std::string& tenant) {
  std::lock_guard lock(mutex_);
  records_[tenant].tokens.reset();
}

bool InMemoryTokenRepository::try_acquire_refresh_lease(const std::string& tenant,
                                                        const std::string& owner, WallTime now,
                                                        WallTime expires_at) {
  std::lock_guard lock(mutex_);
  auto it = leases_.find(tenant);
  if (it != leases_.end() && it->second.owner != owner && it->second.expires_at > now) {
    ++refused_leases_;
    return false;
  }
  leases_[tenant] = Lease{owner, expires_at};
  return true;
}

void InMemoryTokenRepository::release_refresh_lease(const std::string& tenant,
                                                    const std::string& owner) {
  std::lock_guard lock(mutex_);
  auto it = leases_.find(tenant);
  if (it != leases_.end() && it->second.owner == owner) {
    leases_.erase(it);
  }
}

void InMemoryTokenRepository::put(const std::string& tenant, const TokenSet& tokens) {
  std::lock_guard lock(mutex_);
  auto& record = records_[tenant];
  record.tokens = tokens;
  record.reconnect_needed = false;
}

}  // namespace qbo_sync::qbo::testing
