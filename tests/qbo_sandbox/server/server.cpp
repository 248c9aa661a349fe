#include "server.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/json/array.hpp>

#include "control_api.h"
#include "crypto/base64.h"
#include "crypto/digest.h"
#include "fault_injector.h"
#include "net_names.h"
#include "oauth_service.h"
#include "request_router.h"
#include "text/ascii.h"
#include "throttle.h"
#include "webhook_dispatcher.h"

namespace qbo_sandbox {
namespace {

using namespace net_names;
namespace json = boost::json;

constexpr std::size_t kBodyLimit = 16 * 1024 * 1024;
constexpr auto kIdleTimeout = std::chrono::seconds(300);

std::string_view preset_name(CompanyPreset preset) {
  // In the order CompanyPreset declares them.
  constexpr std::array<std::string_view, 3> kNames{"ca", "ca-fresh", "us"};
  return kNames.at(static_cast<std::size_t>(preset));
}

// One keep-alive connection: read a request, let the router decide, act, repeat.
awaitable<void> serve_connection(tcp::socket socket, RequestRouter& router) {
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  beast::error_code error;
  for (;;) {
    http::request_parser<http::string_body> parser;
    parser.body_limit(kBodyLimit);
    stream.expires_after(kIdleTimeout);
    co_await http::async_read(stream, buffer, parser, asio::redirect_error(use_awaitable, error));
    if (error) {
      break;  // the client closed, went idle too long, or sent something unparsable
    }
    stream.expires_never();
    const auto& request = parser.get();
    IncomingRequest incoming;
    incoming.method = std::string(request.method_string());
    incoming.target = std::string(request.target());
    for (const auto& field : request) {
      incoming.headers[qbo_sync::text::ascii_lower(field.name_string())] =
          std::string(field.value());
    }
    incoming.body = request.body();
    const bool keep_alive = request.keep_alive();
    const unsigned version = request.version();

    Outcome outcome = router.route(incoming);
    if (outcome.delay.count() > 0) {
      // In short steps, so that a test can release the answer early.
      constexpr auto kStep = std::chrono::milliseconds(5);
      const auto until = std::chrono::steady_clock::now() + outcome.delay;
      asio::steady_timer timer(co_await asio::this_coro::executor);
      while (std::chrono::steady_clock::now() < until &&
             !(outcome.released && outcome.released())) {
        timer.expires_after(std::min<std::chrono::steady_clock::duration>(
            kStep, until - std::chrono::steady_clock::now()));
        co_await timer.async_wait(asio::redirect_error(use_awaitable, error));
      }
    }
    if (outcome.action == Outcome::Action::drop) {
      stream.socket().shutdown(tcp::socket::shutdown_both, error);
      stream.socket().close(error);
      co_return;
    }
    http::response<http::string_body> response{static_cast<http::status>(outcome.reply.status),
                                               version};
    response.set(http::field::server, "qbo-sandbox");
    if (!outcome.reply.content_type.empty()) {
      response.set(http::field::content_type, outcome.reply.content_type);
    }
    for (const auto& [name, value] : outcome.reply.headers) {
      response.insert(name, value);
    }
    response.body() = std::move(outcome.reply.body);
    response.keep_alive(keep_alive);
    response.prepare_payload();
    stream.expires_after(kIdleTimeout);
    co_await http::async_write(stream, response, asio::redirect_error(use_awaitable, error));
    outcome.hold.reset();
    if (error) {
      break;
    }
    if (!keep_alive) {
      stream.socket().shutdown(tcp::socket::shutdown_send, error);
      break;
    }
  }
}

awaitable<void> accept_connections(tcp::acceptor& acceptor, RequestRouter& router) {
  for (;;) {
    beast::error_code error;
    tcp::socket socket(asio::make_strand(acceptor.get_executor()));
    co_await acceptor.async_accept(socket, asio::redirect_error(use_awaitable, error));
    if (error == asio::error::operation_aborted || !acceptor.is_open()) {
      co_return;
    }
    if (error) {
      continue;  // e.g. too many open files: keep serving the connections we have
    }
    socket.set_option(tcp::no_delay(true), error);
    auto executor = socket.get_executor();
    asio::co_spawn(executor, serve_connection(std::move(socket), router), asio::detached);
  }
}

}  // namespace

struct Server::Impl {
  ServerOptions options;
  // The io_context outlives everything that has handlers on it and is torn down first in stop.
  std::unique_ptr<asio::io_context> io = std::make_unique<asio::io_context>();
  Clock clock;
  Ledger ledger{clock};
  OAuthService oauth{clock, options.oauth};
  Throttle throttle{options.throttle, options.time_scale};
  FaultInjector faults;
  WebhookDispatcher webhooks;
  ControlApi control;
  RequestRouter router{clock, ledger, oauth, throttle, faults, control};
  std::optional<tcp::acceptor> acceptor;
  std::vector<std::thread> threads;
  std::atomic<uint16_t> port{0};
  bool started = false;
  bool stopped = false;
  std::mutex lifecycle;

  mutable std::mutex companies_mutex;
  json::array companies;  // {"realm_id","preset","name"}

  explicit Impl(ServerOptions server_options)
      : options(std::move(server_options)),
        webhooks(
            *io, options.webhook_verifier_token,
            "intuit." + qbo_sync::crypto::base64_encode(
                            qbo_sync::crypto::hex(qbo_sync::crypto::sha256(options.oauth.client_id))
                                .substr(0, 32))),
        control(clock, ledger, oauth, throttle, faults, webhooks,
                ControlApi::Hooks{[this](CompanyPreset preset, std::string name) {
                                    return add_company(preset, std::move(name));
                                  },
                                  [this] { return startup_info(); }}) {
    if (options.io_threads == 0) {
      throw std::invalid_argument("io_threads must be at least 1");
    }
    webhooks.set_time_scale(options.time_scale);
    ledger.on_change([this](const ChangeEvent& event) { webhooks.notify(event); });
    control.set_call_log(&router.calls());
    if (options.companies.empty()) {
      options.companies.push_back(CompanyPreset::canada);
    }
    for (CompanyPreset preset : options.companies) {
      add_company(preset, "");
    }
  }

  std::string add_company(CompanyPreset preset, std::string name) {
    std::lock_guard lock(companies_mutex);
    if (name.empty()) {
      name = std::string("Sandbox Company ") +
             (preset == CompanyPreset::united_states ? "US " : "Canada ") +
             std::to_string(companies.size() + 1);
    }
    std::string realm_id = ledger.add_company(preset, name);
    json::object company;
    company["realm_id"] = realm_id;
    company["preset"] = preset_name(preset);
    company["name"] = name;
    companies.push_back(std::move(company));
    return realm_id;
  }

  std::string host_for_urls() const {
    const std::string& host = options.bind_address;
    if (host == "0.0.0.0" || host.empty()) {
      return "127.0.0.1";
    }
    if (host == "::") {
      return "[::1]";
    }
    return host.find(':') != std::string::npos ? "[" + host + "]" : host;
  }

  std::string base_url() const {
    return "http://" + host_for_urls() + ":" + std::to_string(port.load());
  }

  json::object startup_info() const {
    const std::string base = base_url();
    const OAuthSettings oauth_settings = oauth.settings();
    json::object info;
    info["api"] = base;
    info["authorize"] = base + "/connect/oauth2";
    info["token"] = base + "/oauth2/v1/tokens/bearer";
    info["revoke"] = base + "/v2/oauth2/tokens/revoke";
    info["control"] = base + "/control";
    info["port"] = port.load();
    info["client_id"] = oauth_settings.client_id;
    info["client_secret"] = oauth_settings.client_secret;
    json::array redirect_uris;
    for (const auto& uri : oauth_settings.redirect_uris) {
      redirect_uris.emplace_back(uri);
    }
    info["redirect_uris"] = std::move(redirect_uris);
    json::array realm_ids;
    for (const auto& realm_id : ledger.realm_ids()) {
      realm_ids.emplace_back(realm_id);
    }
    info["realm_ids"] = std::move(realm_ids);
    {
      std::lock_guard lock(companies_mutex);
      info["companies"] = companies;
    }
    info["webhook_verifier_token"] = options.webhook_verifier_token;
    info["time_scale"] = throttle.time_scale();
    return info;
  }

  void start() {
    std::lock_guard lock(lifecycle);
    if (started) {
      return;
    }
    if (stopped) {
      throw std::logic_error("a stopped sandbox server cannot be started again");
    }
    const tcp::endpoint endpoint(asio::ip::make_address(options.bind_address), options.port);
    acceptor.emplace(*io);
    acceptor->open(endpoint.protocol());
    acceptor->set_option(asio::socket_base::reuse_address(true));
    acceptor->bind(endpoint);
    acceptor->listen(asio::socket_base::max_listen_connections);
    port = acceptor->local_endpoint().port();
    asio::co_spawn(*io, accept_connections(*acceptor, router), asio::detached);
    for (std::size_t i = 0; i < options.io_threads; ++i) {
      threads.emplace_back([this] { io->run(); });
    }
    started = true;
  }

  void stop() {
    std::lock_guard lock(lifecycle);
    if (stopped) {
      return;
    }
    stopped = true;
    webhooks.stop();
    io->stop();
    for (auto& thread : threads) {
      thread.join();
    }
    threads.clear();
    acceptor.reset();
    // Destroys every pending handler (connections, timers, webhook deliveries) while everything
    // they point at still exists.
    io.reset();
  }
};

Server::Server(ServerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

Server::~Server() {
  stop();
}

void Server::start() {
  impl_->start();
}

void Server::stop() {
  impl_->stop();
}

uint16_t Server::port() const {
  return impl_->port.load();
}

boost::json::object Server::startup_info() const {
  return impl_->startup_info();
}

Ledger& Server::ledger() {
  return impl_->ledger;
}

Clock& Server::clock() {
  return impl_->clock;
}

std::string Server::base_url() const {
  return impl_->base_url();
}

}  // namespace qbo_sandbox
