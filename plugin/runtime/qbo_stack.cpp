#include "runtime/qbo_stack.h"

#include <boost/json.hpp>

#include "clock/system_clock.h"

namespace qbo_sync::runtime {
namespace {

// The one e-mail an account's admins get when QuickBooks stops accepting its connection.
void email_reconnect_needed(const HostServices& host, const std::string& account_id,
                            const std::string& reason) {
  boost::json::object request;
  request["account_id"] = account_id;
  request["subject"] = "QuickBooks needs to be reconnected";
  request["text"] =
      "QuickBooks stopped accepting the CRM's connection (" + reason +
      ").\n\nSyncing to QuickBooks is paused; nothing is lost: payments and invoices wait and "
      "will sync once you reconnect.\n\nWhat to do: open the QuickBooks card in the CRM's "
      "integrations and click Connect.";
  request["severity"] = "error";
  request["problem_key"] = "reconnect_needed";
  host.email_admins(boost::json::serialize(request));
  host.warning("account " + account_id + " needs a QuickBooks reconnect: " + reason);
}

}  // namespace

QboStack::QboStack(const HostConfig& config, store::Store& store, const HostServices& host,
                   const clock::Clock* clock)
    : box_(config.encryption_key) {
  transport_ = std::make_unique<qbo::CurlTransport>();
  qbo::OAuthConfig oauth;
  oauth.authorization_endpoint = config.qbo.authorize_url;
  oauth.token_endpoint = config.qbo.token_url;
  oauth.revoke_endpoint = config.qbo.revoke_url;
  oauth.client_id = config.qbo.client_id;
  oauth.client_secret = config.qbo.client_secret;
  oauth.redirect_uri = config.qbo.redirect_uri;
  oauth_ = std::make_unique<qbo::OAuthClient>(*transport_, oauth, &real_clock_);
  governor_ = std::make_unique<qbo::RateGovernor>(qbo::RateGovernorOptions{}, clock);
  repository_ = std::make_unique<connection::StoredTokenRepository>(
      store, box_, [&host](const std::string& account_id, const std::string& reason) {
        email_reconnect_needed(host, account_id, reason);
      });
  tokens_ = std::make_unique<qbo::TokenManager>(*repository_, *oauth_, qbo::TokenManagerOptions{},
                                                &real_clock_);
  qbo::ApiClientConfig api;
  api.base_url = config.qbo.api_base_url;
  api.minor_version = config.qbo.minor_version;
  api_ = std::make_unique<qbo::ApiClient>(*transport_, *tokens_, *governor_, api);
  // The moment of connection is compared with the CRM's own times (an invoice dated before it is
  // not synced; a first invoice paid after it asks for a review), which are real times: it is
  // read on the real clock even when a test runs the plugin's faster or stops it.
  connections_ = std::make_unique<connection::ConnectionService>(
      store, *oauth_, *tokens_, *api_, *governor_, [this] { return real_clock_.now_ms(); });
}

}  // namespace qbo_sync::runtime
