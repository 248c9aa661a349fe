// Everything the plugin talks to QuickBooks with, assembled from the host configuration: one HTTP
// transport, the OAuth client, the per-realm rate governor, the token manager over the store and
// the API client, plus the connection service on top.
#pragma once

#include <memory>

#include "clock/clock.h"
#include "clock/system_clock.h"
#include "connection/connection_service.h"
#include "connection/stored_token_repository.h"
#include "qbo_client/api_client.h"
#include "qbo_client/curl_transport.h"
#include "qbo_client/oauth_client.h"
#include "qbo_client/rate_governor.h"
#include "qbo_client/token_manager.h"
#include "runtime/host_config.h"
#include "runtime/host_services.h"
#include "store/secret_box.h"
#include "store/store.h"

namespace qbo_sync::runtime {

class QboStack {
 public:
  // QBO's rate windows are measured on `clock` (the plugin's; real time when null), which must
  // outlive the stack. Tokens and the moment of connection keep real time (see the .cpp).
  QboStack(const HostConfig& config, store::Store& store, const HostServices& host,
           const clock::Clock* clock = nullptr);

  connection::ConnectionService& connections() { return *connections_; }
  qbo::ApiClient& api() { return *api_; }
  qbo::RateGovernor& governor() { return *governor_; }
  qbo::TokenManager& tokens() { return *tokens_; }

 private:
  // Intuit's tokens expire on Intuit's real clock, and the lease that makes a refresh single-flight
  // across instances bounds a network exchange: on a test's sped-up clock it would lapse while the
  // exchange is still under way, and a second instance would spend the rotated refresh token.
  clock::SystemClock real_clock_;
  store::SecretBox box_;
  std::unique_ptr<qbo::CurlTransport> transport_;
  std::unique_ptr<qbo::OAuthClient> oauth_;
  std::unique_ptr<qbo::RateGovernor> governor_;
  std::unique_ptr<connection::StoredTokenRepository> repository_;
  std::unique_ptr<qbo::TokenManager> tokens_;
  std::unique_ptr<qbo::ApiClient> api_;
  std::unique_ptr<connection::ConnectionService> connections_;
};

}  // namespace qbo_sync::runtime
