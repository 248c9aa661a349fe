// Each CRM account's QuickBooks connection (company, sealed tokens, reconnect state) and the
// single-use OAuth `state` values of connects in progress.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/database_access.h"

namespace qbo_sync::store {

// A CRM account's QuickBooks connection. `sealed_tokens` is ciphertext (see SecretBox).
struct ConnectionRow {
  std::string account_id;
  std::string realm_id;
  std::string company_name;
  std::string country;
  std::string company_json;   // what discovery learned: CompanyInfo, tax codes, accounts, items
  std::string sealed_tokens;  // empty when disconnected
  int64_t connected_at_ms = 0;
  int64_t last_refresh_at_ms = 0;
  bool reconnect_needed = false;
  std::string reconnect_reason;
  int64_t disconnected_at_ms = 0;  // 0 while connected
};

class ConnectionRepository {
 public:
  explicit ConnectionRepository(DatabaseAccess& access) : access_(access) {}

  std::optional<ConnectionRow> get(const std::string& account_id);
  // Every account that holds tokens (connected, possibly waiting for a reconnect).
  std::vector<ConnectionRow> connected_accounts();
  // Creates or replaces the account's connection row (a connect or reconnect).
  void put(const ConnectionRow& row);
  // Forgets the account's connection row entirely (a first connect that did not go through).
  void remove(const std::string& account_id);
  void save_sealed_tokens(const std::string& account_id, const std::string& sealed,
                          int64_t refreshed_at_ms);
  // True when this call moved the account into reconnect-needed (false if it already was), so
  // that exactly one caller, across processes, alerts the admins.
  bool mark_reconnect_needed(const std::string& account_id, const std::string& reason);
  // Disconnect: forgets the tokens, keeps the row (realm, company) so a reconnect resumes.
  void clear_tokens(const std::string& account_id);

  // OAuth `state`: single-use, bound to the account, valid for `max_age_ms`.
  void put_oauth_state(const std::string& state, const std::string& account_id);
  // The account the state was issued for, if it exists and is fresh; it is consumed either way.
  std::optional<std::string> consume_oauth_state(const std::string& state, int64_t max_age_ms);

 private:
  // The rows `where` selects; its one `?`, if any, is the account.
  std::vector<ConnectionRow> select(std::string_view where,
                                    const std::optional<std::string>& account_id);

  DatabaseAccess& access_;
};

}  // namespace qbo_sync::store
