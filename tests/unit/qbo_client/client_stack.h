// The whole QBO client over a fake transport: the fake token server answers OAuth, the test's
// route_api answers the QBO API. Tests derive from it to choose the options and the answers.
#pragma once

#include <chrono>
#include <string>
#include <utility>

#include "fake_token_server.h"
#include "fake_transport.h"
#include "in_memory_token_repository.h"
#include "qbo_client/api_client.h"

namespace qbo_sync::qbo::testing {

class ClientStack {
 public:
  ClientStack(FakeTokenServer::Options server_options, TokenManagerOptions token_options,
              RateGovernorOptions governor_options, std::string api_base)
      : server(server_options),
        transport([this](const HttpRequest& request) { return route(request); }),
        oauth(transport, test_oauth_config()),
        tokens(repository, oauth, std::move(token_options)),
        governor(std::move(governor_options)),
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
