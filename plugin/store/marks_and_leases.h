// What holds across every process over the store: marks of things that must happen at most once,
// and named leases that one process holds at a time.
#pragma once

#include <cstdint>
#include <string>

#include "store/database_access.h"

namespace qbo_sync::store {

class MarksAndLeases {
 public:
  explicit MarksAndLeases(DatabaseAccess& access) : access_(access) {}

  // Something that must happen at most once, ever, per (account, kind, key): a review request
  // per contact, an alert per failure. True only for the one call, across processes and
  // restarts, that set the mark.
  bool mark_once(const std::string& account_id, const std::string& kind, const std::string& key,
                 const std::string& detail = {});
  bool is_marked(const std::string& account_id, const std::string& kind, const std::string& key);

  // A named lease shared by every process over this store (e.g. one token refresh at a time):
  // true when `owner` now holds it, because it was free, expired at `now_ms`, or already its own.
  bool try_acquire_lease(const std::string& name, const std::string& owner, int64_t now_ms,
                         int64_t expires_at_ms);
  void release_lease(const std::string& name, const std::string& owner);

 private:
  DatabaseAccess& access_;
};

}  // namespace qbo_sync::store
