#include "connection/connection_service.h"

#include <boost/json.hpp>
#include <chrono>
#include <ctime>

#include "qbo_client/fault_advice.h"

namespace qbo_sync::connection {
namespace {

constexpr int64_t kStateLifetimeMs = 10 * 60 * 1000;
constexpr std::uint32_t kDiscoveryPageSize = 1000;

// RFC 3339 in UTC, for the admin surface.
std::string iso_time(int64_t ms) {
  if (ms <= 0) return {};
  const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

std::string iso_time(std::chrono::system_clock::time_point time) {
  return iso_time(
      std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count());
}

bool is_realm_id(const std::string& realm) {
  if (realm.empty() || realm.size() > 32) return false;
  for (char c : realm) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::string string_field(const boost::json::value& value, std::string_view key) {
  if (!value.is_object()) return {};
  const auto* field = value.as_object().if_contains(key);
  return field && field->is_string() ? std::string(field->as_string()) : std::string();
}

Refusal refusal_from(const qbo::Fault& fault, std::string code) {
  return {std::move(code), qbo::admin_advice(fault), ""};
}

// Reading the company failed for a reason that passes (QuickBooks busy, unreachable, throttled):
// the connection stands and the reading is resumed (see CompanyRefresh).
Refusal discovery_refusal(const qbo::Fault& fault) {
  const bool passes = fault.fault_class == qbo::FaultClass::transient ||
                      fault.fault_class == qbo::FaultClass::throttled ||
                      fault.fault_class == qbo::FaultClass::unknown;
  return refusal_from(fault, passes ? std::string(kDiscoveryPending) : "discovery_failed");
}

}  // namespace

ConnectionService::ConnectionService(store::Store& store, qbo::OAuthClient& oauth,
                                     qbo::TokenManager& tokens, qbo::ApiClient& api,
                                     qbo::RateGovernor& governor, Clock clock)
    : store_(store),
      oauth_(oauth),
      tokens_(tokens),
      api_(api),
      governor_(governor),
      clock_(std::move(clock)) {}

int64_t ConnectionService::now() const {
  return clock_ ? clock_() : store_.now_ms();
}

Result<boost::json::object> ConnectionService::begin(const std::string& account_id) {
  const std::string state = qbo::generate_oauth_state();
  store_.put_oauth_state(state, account_id);
  boost::json::object body;
  body["account_id"] = account_id;
  body["authorization_url"] = oauth_.authorization_url(state);
  body["state"] = state;
  body["expires_in_seconds"] = kStateLifetimeMs / 1000;
  return body;
}

Result<boost::json::object> ConnectionService::complete(const std::string& code,
                                                        const std::string& state,
                                                        const std::string& realm_id) {
  if (code.empty()) return Refusal{"invalid_value", "code is required", "/code"};
  if (!is_realm_id(realm_id)) {
    return Refusal{"invalid_value", "realm_id must be the realmId QuickBooks put on the redirect",
                   "/realm_id"};
  }
  auto account = store_.consume_oauth_state(state, kStateLifetimeMs);
  if (!account) {
    return Refusal{"invalid_state",
                   "This connection link has expired or was already used. Start the connection "
                   "again from the integration card.",
                   "/state"};
  }
  const auto existing = store_.connection(*account);
  if (existing && existing->realm_id != realm_id && !existing->sealed_tokens.empty()) {
    return Refusal{"other_company_connected",
                   "This CRM account is connected to the QuickBooks company \"" +
                       existing->company_name +
                       "\". Disconnect it first if you want to connect a different company.",
                   "/realm_id"};
  }
  store::ConnectionRow row;
  row.account_id = *account;
  row.realm_id = realm_id;
  const bool same_company = existing && existing->realm_id == realm_id;
  if (same_company) {
    row = *existing;
    row.disconnected_at_ms = 0;
  } else {
    row.connected_at_ms = now();
  }
  store_.put_connection(row);

  auto connected = tokens_.connect(*account, code);
  if (!connected) {
    restore_connection(*account, existing);
    return refusal_from(connected.fault(), "qbo_refused");
  }
  if (auto refused = verify_realm(*account, realm_id)) {
    tokens_.disconnect(*account);  // revokes the grant of the other company and drops its tokens
    restore_connection(*account, existing);
    return *refused;
  }
  // A different company: what was linked belonged to the old one.
  if (existing && !same_company) store_.forget_links(*account);

  auto discovered = discover(*account, realm_id);
  if (auto* refused = std::get_if<Refusal>(&discovered);
      refused && refused->code != kDiscoveryPending)
    return *refused;
  // What waited for this connection goes now, not at the end of its pause.
  for (const char* reason : {"not_connected", "reconnect_needed"}) {
    store_.wake_waiting_records(*account, reason);
  }
  return status(*account);
}

// The authorisation is for one company; a realm_id that names another (a tampered redirect) is
// refused by QBO's gateway on the first read.
std::optional<Refusal> ConnectionService::verify_realm(const std::string& account_id,
                                                       const std::string& realm_id) {
  auto info = api_.read(qbo::Connection{account_id, realm_id}, "CompanyInfo", realm_id);
  if (info || info.fault().http_status != 403) return std::nullopt;
  return Refusal{"realm_mismatch",
                 "QuickBooks authorised a different company than the realm_id on this request. "
                 "Start the connection again from the integration card and complete it with the "
                 "realmId QuickBooks put on the redirect.",
                 "/realm_id"};
}

// Puts back the account's connection as it was before a connect that did not go through.
void ConnectionService::restore_connection(const std::string& account_id,
                                           const std::optional<store::ConnectionRow>& previous) {
  if (previous) {
    store_.put_connection(*previous);
  } else {
    store_.delete_connection(account_id);
  }
}

Result<boost::json::object> ConnectionService::discover(const std::string& account_id,
                                                        const std::string& realm_id) {
  const qbo::Connection connection{account_id, realm_id};
  boost::json::object company;
  auto info = api_.read(connection, "CompanyInfo", realm_id);
  if (!info) return discovery_refusal(info.fault());
  company["CompanyInfo"] = info.value().entity;
  auto preferences = api_.preferences(connection);
  if (!preferences) return discovery_refusal(preferences.fault());
  company["Preferences"] = preferences.value().entity;
  for (const char* entity : {"TaxCode", "TaxRate", "Account", "Item", "PaymentMethod"}) {
    auto found = api_.query(connection,
                            qbo::QueryBuilder::select_all(entity).max_results(kDiscoveryPageSize));
    if (!found) return discovery_refusal(found.fault());
    const auto& response = found.value().entity;
    const auto* list = response.is_object() ? response.as_object().if_contains(entity) : nullptr;
    company[entity] = list ? *list : boost::json::value(boost::json::array());
  }
  auto row = store_.connection(account_id);
  if (!row) return Refusal{"not_connected", "the connection disappeared during discovery", ""};
  row->company_name = string_field(company["CompanyInfo"], "CompanyName");
  row->country = string_field(company["CompanyInfo"], "Country");
  row->company_json = boost::json::serialize(company);
  // put_connection rewrites the sealed tokens: read them back fresh so a refresh in between is
  // not undone.
  if (auto latest = store_.connection(account_id)) row->sealed_tokens = latest->sealed_tokens;
  store_.put_connection(*row);
  return company;
}

bool ConnectionService::refresh_company(const std::string& account_id) {
  const auto connection = active(account_id);
  if (!connection) return false;
  return std::holds_alternative<boost::json::object>(discover(account_id, connection->realm));
}

boost::json::object ConnectionService::status(const std::string& account_id) {
  boost::json::object body;
  body["account_id"] = account_id;
  const auto row = store_.connection(account_id);
  if (!row || row->sealed_tokens.empty()) {
    body["state"] = "not_connected";
    body["label"] = "Not connected";
    if (row) {
      body["company"] = row->company_name;
      body["realm_id"] = row->realm_id;
      body["disconnected_at"] = iso_time(row->disconnected_at_ms);
    }
    return body;
  }
  const auto tokens = tokens_.status(account_id);
  body["company"] = row->company_name;
  body["country"] = row->country;
  body["realm_id"] = row->realm_id;
  body["connected_since"] = iso_time(row->connected_at_ms);
  // "pending" until the company's settings and lists are read: records wait for them.
  body["company_discovery"] = row->company_json.empty() ? "pending" : "complete";
  body["last_refresh"] = tokens.last_refresh ? iso_time(*tokens.last_refresh) : std::string();
  if (tokens.reconnect_needed || row->reconnect_needed) {
    body["state"] = "reconnect_needed";
    body["label"] = "Reconnect needed: " + row->company_name;
    body["reason"] =
        tokens.reconnect_reason.empty() ? row->reconnect_reason : tokens.reconnect_reason;
  } else {
    body["state"] = "connected";
    body["label"] = "Connected: " + row->company_name;
  }
  if (auto until = governor_.throttled_until_wall_clock(row->realm_id)) {
    body["throttled_until"] = iso_time(*until);
  } else {
    body["throttled_until"] = nullptr;
  }
  body["refresh_token_hard_expiry_warning"] = tokens.hard_expiry_warning;
  if (tokens.refresh_hard_expires_at) {
    body["refresh_token_hard_expires_at"] = iso_time(*tokens.refresh_hard_expires_at);
  }
  return body;
}

boost::json::object ConnectionService::test(const std::string& account_id) {
  boost::json::object body;
  body["account_id"] = account_id;
  const auto connection = active(account_id);
  if (!connection) {
    const auto current = status(account_id);
    body["result"] = current.at("state");
    body["message"] = current.at("state") == "reconnect_needed"
                          ? "QuickBooks no longer accepts this connection: reconnect it."
                          : "This account is not connected to QuickBooks.";
    return body;
  }
  auto info = api_.read(*connection, "CompanyInfo", connection->realm);
  if (info) {
    body["result"] = "ok";
    body["company"] = string_field(info.value().entity, "CompanyName");
    body["message"] = "QuickBooks answered.";
    if (store_.connection(account_id)->company_json.empty()) {
      auto discovered = discover(account_id, connection->realm);
      if (auto* refused = std::get_if<Refusal>(&discovered)) body["message"] = refused->message;
    }
    return body;
  }
  const auto& fault = info.fault();
  const bool reconnect = fault.fault_class == qbo::FaultClass::reconnect_needed;
  body["result"] = reconnect ? "reconnect_needed" : "qbo_unavailable";
  body["message"] = qbo::admin_advice(fault);
  body["intuit_tid"] = fault.intuit_tid;
  return body;
}

Result<boost::json::object> ConnectionService::disconnect(const std::string& account_id) {
  const auto row = store_.connection(account_id);
  if (!row || row->sealed_tokens.empty()) {
    return Refusal{"not_connected", "This account is not connected to QuickBooks.", ""};
  }
  const auto result = tokens_.disconnect(account_id);
  auto body = status(account_id);
  body["revoked_at_qbo"] = result.revoked_at_qbo;
  if (result.revoke_fault) {
    body["message"] = "Disconnected here. QuickBooks could not confirm the revocation: " +
                      qbo::admin_advice(*result.revoke_fault);
  } else {
    body["message"] = "Disconnected. Records and links are kept; reconnecting resumes syncing.";
  }
  return body;
}

std::optional<qbo::Connection> ConnectionService::active(const std::string& account_id) {
  const auto row = store_.connection(account_id);
  if (!row || row->sealed_tokens.empty() || row->reconnect_needed) return std::nullopt;
  return qbo::Connection{account_id, row->realm_id};
}

}  // namespace qbo_sync::connection
