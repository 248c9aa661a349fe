// A TokenRepository in memory, shared by several TokenManagers the way plugin instances share one
// store. It can be told to fail saves, and counts what happened.
#pragma once

#include <atomic>
#include <map>
#include <mutex>
#include <string>

#include "qbo_client/token_repository.h"

namespace qbo_sync::qbo::testing {

class InMemoryTokenRepository final : public TokenRepository {
 public:
  TokenRecord load(const std::string& tenant) override;
  void save_tokens(const std::string& tenant, const TokenSet& tokens) override;
  void mark_reconnect_needed(const std::string& tenant, const std::string& reason) override;
  void clear_tokens(const std::string& tenant) override;
  bool try_acquire_refresh_lease(const std::string& tenant, const std::string& owner, WallTime now,
                                 WallTime expires_at) override;
  void release_refresh_lease(const std::string& tenant, const std::string& owner) override;

  void put(const std::string& tenant, const TokenSet& tokens);
  void fail_next_saves(int count) { failing_saves_ = count; }
  void fail_next_loads(int count) { failing_loads_ = count; }
  int saves() const { return saves_; }
  int reconnect_marks() const { return reconnect_marks_; }
  // How often a lease was asked for while another owner held it.
  int refused_leases() const { return refused_leases_; }

 private:
  struct Lease {
    std::string owner;
    WallTime expires_at{};
  };
  mutable std::mutex mutex_;
  std::map<std::string, TokenRecord> records_;
  std::map<std::string, Lease> leases_;
  std::atomic<int> failing_saves_{0};
  std::atomic<int> failing_loads_{0};
  std::atomic<int> saves_{0};
  std::atomic<int> reconnect_marks_{0};
  std::atomic<int> refused_leases_{0};
};

}  // namespace qbo_sync::qbo::testing
