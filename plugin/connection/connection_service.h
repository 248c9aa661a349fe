// Connecting a CRM account to its QuickBooks company: the OAuth flow (begin, complete), company
// discovery, status, test and disconnect. One connection per CRM account; a reconnect to the same
// company keeps settings and links, a different company is refused until the admin disconnects.
#pragma once

#include <boost/json/object.hpp>
#include <functional>
#include <optional>
#include <string>
#include <variant>

#include "qbo_client/api_client.h"
#include "qbo_client/oauth_client.h"
#include "qbo_client/rate_governor.h"
#include "qbo_client/token_manager.h"
#include "store/store.h"

namespace qbo_sync::connection {

// Why a connection request was refused; never carries a token or secret.
struct Refusal {
  std::string code;     // e.g. invalid_state, other_company_connected, qbo_refused
  std::string message;  // plain language, with what to do
  std::string path;     // JSON Pointer of the offending request field, if any
};

template <class T>
using Result = std::variant<T, Refusal>;

// The company could not be read yet for a reason that passes: the account is connected, its
// records wait (todo, reason discovering_company) and the reading is tried again.
inline constexpr const char* kDiscoveryPending = "discovery_pending";

class ConnectionService {
 public:
  using Clock = std::function<int64_t()>;  // ms since the Unix epoch

  // Times are read on `clock` (the plugin's; the store's when empty).
  ConnectionService(store::Store& store, qbo::OAuthClient& oauth, qbo::TokenManager& tokens,
                    qbo::ApiClient& api, qbo::RateGovernor& governor, Clock clock = {});

  // Starts a connect: a single-use state bound to the account, and where to send the browser.
  Result<boost::json::object> begin(const std::string& account_id);

  // Finishes it with what QuickBooks put on the redirect: exchanges the code, stores the tokens,
  // discovers the company. Returns the connection status.
  Result<boost::json::object> complete(const std::string& code, const std::string& state,
                                       const std::string& realm_id);

  // {state: connected | not_connected | reconnect_needed, company, realm_id, connected_since, ...}
  boost::json::object status(const std::string& account_id);

  // A read-only call to QuickBooks: ok, reconnect_needed or qbo_unavailable, with why.
  boost::json::object test(const std::string& account_id);

  // Revokes the token at QuickBooks and stops syncing; records and links are kept.
  Result<boost::json::object> disconnect(const std::string& account_id);

  // Reads the company's data (tax codes and rates, items, accounts, payment methods) again, so
  // that objects created in QuickBooks after connecting are known. False when not connected or
  // QuickBooks refused.
  bool refresh_company(const std::string& account_id);

  // The account's realm while it has usable tokens; what the sync engine syncs with.
  std::optional<qbo::Connection> active(const std::string& account_id);

 private:
  Result<boost::json::object> discover(const std::string& account_id, const std::string& realm_id);
  std::optional<Refusal> verify_realm(const std::string& account_id, const std::string& realm_id);
  void restore_connection(const std::string& account_id,
                          const std::optional<store::ConnectionRow>& previous);
  int64_t now() const;

  store::Store& store_;
  qbo::OAuthClient& oauth_;
  qbo::TokenManager& tokens_;
  qbo::ApiClient& api_;
  qbo::RateGovernor& governor_;
  Clock clock_;
};

}  // namespace qbo_sync::connection
