// Per-account values kept across restarts: the account's newest settings (as the CRM sent them)
// and the small named values the plugin's concerns keep: watermarks, progress, cursors, alerts
// waiting for their digest.
#pragma once

#include <optional>
#include <string>

#include "store/database_access.h"

namespace qbo_sync::store {

class AccountState {
 public:
  explicit AccountState(DatabaseAccess& access) : access_(access) {}

  // The account's newest settings JSON, if any were received.
  std::optional<std::string> settings(const std::string& account_id);

  // `value` is the concern's own text (usually JSON).
  std::optional<std::string> get(const std::string& account_id, const std::string& name);
  void put(const std::string& account_id, const std::string& name, const std::string& value);
  // Writes `value` only if the current value is `expected` (nullopt: no value yet). True when it
  // was written: a compare-and-set that holds across processes.
  bool replace(const std::string& account_id, const std::string& name,
               const std::optional<std::string>& expected, const std::string& value);

 private:
  DatabaseAccess& access_;
};

}  // namespace qbo_sync::store
