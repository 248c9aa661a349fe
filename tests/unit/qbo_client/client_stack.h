// The whole QBO client over a fake transport: the fake token server answers OAuth, the test's
// route_api answers the QBO API. Tests derive from it to choose the options and the answers.
#pragma once

#include <chrono>
#include <string>
#include <utility>

#include "clock/scaled_clock.h"
#include "fake_token_server.h"
#include "fake_transport.h"
#include "in_memory_token_repository.h"
#include "qbo_client/api_client.h"

namespace qbo_sync::qbo::testing {

class ClientStack {
 public:
  // The rate governor reads a clock `clock_speed` times faster than real time.
  ClientStack(FakeTokenServer::Options server_options, TokenManagerOptions token_options,
              RateGovernorOptions governor_options, std::string api_base, double clock_speed = 1)
      : server(server_options),
        transport([this](const HttpRequest& request) { return route(request); }),
        oauth(transport, test_oauth_config()),
        tokens(repository, oauth, std::move(token_options)),
        governor_clock(clock_speed),
        governor(std::move(governor_options), &governor_clock),
        client(transport, tokens, governor,
               ApiClientConfig{std::move(api_base), 75, std::chrono::seconds(5), 30}) {}
  virtual ~ClientStack() = default;
  ClientStack(const ClientStack&) = delete;
  ClientStack& operator=(const ClientStack&) = delete;

  FakeTokenServer server;
  FakeTransport transport;
  OAuthClient oauth;
  InMemoryTokenRepository repository;
  TokenManager tokens;
  clock::ScaledClock governor_clock;
  RateGovernor governor;
  ApiClient client;

 protected:
  virtual HttpResult route_oauth(const HttpRequest& request) { return server.handle(request); }
  virtual HttpResult route_api(const HttpRequest& request) = 0;

 private:
  HttpResult route(const HttpRequest& request) {
    return request.url.starts_with("https://oauth.test/") ? route_oauth(request)
                                                          : route_api(request);
  }
};

}  // namespace qbo_sync::qbo::testing
