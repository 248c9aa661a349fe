// Load on the QBO sandbox: many keep-alive connections on loopback, a fixed number of API calls
// (GET companyinfo and a TaxCode query, alternately), and the figures: requests/s, p50/p99
// latency, errors. The sandbox must never be what limits the plugin's benchmarks: the goal is
// >= 2,000 requests/s with no errors at 200 connections.
//
//   sandbox_load_bench [--connections N] [--requests N] [--client-threads N] [--server-threads N]

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/json/parse.hpp>

#include "server/net_names.h"
#include "server/server.h"

namespace {

using namespace qbo_sandbox::net_names;
using Clock = std::chrono::steady_clock;

struct Settings {
  std::size_t connections = 200;
  std::size_t requests = 40000;
  std::size_t client_threads = 1;
  std::size_t server_threads = 2;
};

struct Results {
  std::mutex mutex;
  std::vector<double> latencies_ms;
  std::atomic<std::size_t> errors{0};
  std::atomic<std::size_t> completed{0};
};

Settings parse_arguments(int argc, char** argv) {
  Settings settings;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string_view flag = argv[i];
    const auto value = static_cast<std::size_t>(std::strtoull(argv[i + 1], nullptr, 10));
    if (value == 0) {
      std::fprintf(stderr, "%s needs a positive number\n", argv[i]);
      std::exit(2);
    }
    if (flag == "--connections") {
      settings.connections = value;
    } else if (flag == "--requests") {
      settings.requests = value;
    } else if (flag == "--client-threads") {
      settings.client_threads = value;
    } else if (flag == "--server-threads") {
      settings.server_threads = value;
    } else {
      std::fprintf(stderr, "unknown option %s\n", argv[i]);
      std::exit(2);
    }
  }
  return settings;
}

// One keep-alive connection making `count` calls one after another.
awaitable<void> run_connection(tcp::endpoint server, std::string realm_id, std::string bearer,
                               std::size_t count, Results& results) {
  auto executor = co_await asio::this_coro::executor;
  beast::tcp_stream stream(executor);
  beast::error_code error;
  co_await stream.async_connect(server, asio::redirect_error(use_awaitable, error));
  if (error) {
    results.errors += count;
    co_return;
  }
  const std::string company_info = "/v3/company/" + realm_id + "/companyinfo/" + realm_id;
  const std::string query =
      "/v3/company/" + realm_id + "/query?query=select%20*%20from%20TaxCode&minorversion=75";
  std::vector<double> latencies;
  latencies.reserve(count);
  beast::flat_buffer buffer;
  for (std::size_t i = 0; i < count; ++i) {
    http::request<http::empty_body> request{http::verb::get, i % 2 == 0 ? company_info : query, 11};
    request.set(http::field::host, "127.0.0.1");
    request.set(http::field::authorization, bearer);
    request.set(http::field::accept, "application/json");
    request.keep_alive(true);
    const auto started = Clock::now();
    co_await http::async_write(stream, request, asio::redirect_error(use_awaitable, error));
    http::response<http::string_body> response;
    if (!error) {
      co_await http::async_read(stream, buffer, response,
                                asio::redirect_error(use_awaitable, error));
    }
    if (error) {
      results.errors += count - i;
      break;
    }
    latencies.push_back(std::chrono::duration<double, std::milli>(Clock::now() - started).count());
    if (response.result() != http::status::ok) {
      ++results.errors;
    }
    ++results.completed;
  }
  stream.socket().shutdown(tcp::socket::shutdown_both, error);
  std::lock_guard lock(results.mutex);
  results.latencies_ms.insert(results.latencies_ms.end(), latencies.begin(), latencies.end());
}

// POST /control/tokens/issue: an access token without the browser round trip.
std::string issue_access_token(const tcp::endpoint& server, const std::string& realm_id) {
  asio::io_context io;
  beast::tcp_stream stream(io);
  stream.connect(server);
  http::request<http::string_body> request{http::verb::post, "/control/tokens/issue", 11};
  request.set(http::field::host, "127.0.0.1");
  request.set(http::field::content_type, "application/json");
  request.body() = R"({"realm_id":")" + realm_id + R"("})";
  request.prepare_payload();
  http::write(stream, request);
  beast::flat_buffer buffer;
  http::response<http::string_body> response;
  http::read(stream, buffer, response);
  return std::string(boost::json::parse(response.body()).at("access_token").as_string());
}

double percentile(std::vector<double>& sorted, double fraction) {
  if (sorted.empty()) {
    return 0;
  }
  const auto index = static_cast<std::size_t>(fraction * static_cast<double>(sorted.size() - 1));
  return sorted[index];
}

}  // namespace

int main(int argc, char** argv) {
  const Settings settings = parse_arguments(argc, argv);

  qbo_sandbox::ServerOptions options;
  options.throttle.enabled = false;  // QBO's limits would cap this at 500/min; capacity is measured
  options.io_threads = settings.server_threads;
  qbo_sandbox::Server server(options);
  server.start();
  const tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), server.port());
  const std::string realm_id = server.ledger().realm_ids().front();
  const std::string bearer = "Bearer " + issue_access_token(endpoint, realm_id);

  Results results;
  results.latencies_ms.reserve(settings.requests);
  asio::io_context io;
  const std::size_t per_connection = settings.requests / settings.connections;
  const std::size_t remainder = settings.requests % settings.connections;
  for (std::size_t c = 0; c < settings.connections; ++c) {
    asio::co_spawn(
        io, run_connection(endpoint, realm_id, bearer, per_connection + (c < remainder), results),
        asio::detached);
  }
  const auto started = Clock::now();
  std::vector<std::thread> threads;
  for (std::size_t t = 1; t < settings.client_threads; ++t) {
    threads.emplace_back([&io] { io.run(); });
  }
  io.run();
  for (auto& thread : threads) {
    thread.join();
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  server.stop();

  std::sort(results.latencies_ms.begin(), results.latencies_ms.end());
  const double rate = static_cast<double>(results.completed.load()) / seconds;
  const std::size_t errors = results.errors.load();
  std::printf(
      "sandbox_load_bench: %zu keep-alive connections on loopback, %zu requests "
      "(GET companyinfo / query TaxCode), server io threads %zu, client threads %zu\n",
      settings.connections, settings.requests, settings.server_threads, settings.client_threads);
  std::printf("  completed     %zu in %.2f s\n", results.completed.load(), seconds);
  std::printf("  requests/s    %.0f\n", rate);
  std::printf("  latency p50   %.2f ms\n", percentile(results.latencies_ms, 0.50));
  std::printf("  latency p99   %.2f ms\n", percentile(results.latencies_ms, 0.99));
  std::printf("  errors        %zu\n", errors);
  std::printf("  goal (>= 2000 requests/s, 0 errors): %s\n",
              rate >= 2000 && errors == 0 ? "met" : "NOT met");
  return errors == 0 ? 0 : 1;
}
