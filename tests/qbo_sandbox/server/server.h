#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "ledger/api_types.h"
#include "ledger/clock.h"
#include "ledger/ledger.h"

namespace qbo_sandbox {

// QBO's published limits; the sandbox applies them per realm.
struct ThrottleLimits {
  bool enabled = true;
  std::size_t requests_per_minute = 500;  // every API call, batch included
  std::size_t concurrent_requests = 10;
  std::size_t batch_requests_per_minute = 40;
};

// How the token endpoint behaves; QBO leaves the rotation details undocumented (see the docs).
struct OAuthSettings {
  std::string client_id = "qbo-sandbox-client";
  std::string client_secret = "qbo-sandbox-secret";
  std::vector<std::string> redirect_uris = {"http://localhost/qbo/callback",
                                            "http://127.0.0.1/qbo/callback"};
  std::chrono::seconds access_token_lifetime{3600};
  std::chrono::seconds refresh_token_lifetime{8726400};         // rolling, 101 days
  std::chrono::seconds refresh_token_hard_lifetime{157680000};  // 5 years
  std::chrono::seconds rotation_age{24 * 3600};                 // a refresh at/after this rotates
  std::chrono::seconds rotated_token_grace{0};                  // old token dies after this
  std::chrono::seconds authorization_code_lifetime{600};
};

struct ServerOptions {
  std::string bind_address = "127.0.0.1";
  uint16_t port = 0;                     // 0 = pick a free port
  std::vector<CompanyPreset> companies;  // default: one Canadian company
  double time_scale = 1.0;  // >1 makes throttle windows and webhook retries pass faster
  std::size_t io_threads = 2;
  OAuthSettings oauth;
  ThrottleLimits throttle;
  std::string webhook_verifier_token = "qbo-sandbox-webhook-verifier";
};

// The sandbox's HTTP front: OAuth endpoints, bearer checks, throttling, fault injection,
// intuit_tid, webhook delivery and the /control endpoint; routes /v3/company/{realm}/... to the
// Ledger. Everything Beast/Asio lives behind the pimpl.
class Server {
 public:
  explicit Server(ServerOptions options);
  ~Server();  // stops and joins
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  void start();  // returns once it accepts connections
  void stop();
  uint16_t port() const;
  // The JSON line the executable prints: base URLs, client credentials, redirect URIs, realm ids,
  // webhook verifier token.
  boost::json::object startup_info() const;
  Ledger& ledger();
  Clock& clock();

  // Base URL of the server, e.g. "http://127.0.0.1:40123".
  std::string base_url() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace qbo_sandbox
