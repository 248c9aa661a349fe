// qbo-sandbox: a local QuickBooks Online for tests and the demo.
//
//   qbo-sandbox [--port N] [--bind ADDR] [--company ca|us]... [--time-scale X] [--io-threads N]
//               [--client-id ID] [--client-secret S] [--redirect-uri URI]...
//               [--webhook-verifier-token T] [--no-throttle]
//
// Prints exactly one JSON line on stdout once it accepts connections (base URLs, client
// credentials, redirect URIs, realm ids, webhook verifier token), then serves until SIGTERM or
// SIGINT and exits 0.

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/serialize.hpp>

#include "server/server.h"

namespace {

constexpr std::string_view kUsage =
    "usage: qbo-sandbox [--port N] [--bind ADDR] [--company ca|us]... [--time-scale X]\n"
    "                   [--io-threads N] [--client-id ID] [--client-secret S]\n"
    "                   [--redirect-uri URI]... [--webhook-verifier-token T] [--no-throttle]\n";

[[noreturn]] void usage_error(const std::string& message) {
  std::cerr << "qbo-sandbox: " << message << "\n" << kUsage;
  std::exit(2);
}

long long parse_integer(std::string_view flag, const std::string& text, long long low,
                        long long high) {
  try {
    std::size_t used = 0;
    const long long value = std::stoll(text, &used);
    if (used == text.size() && value >= low && value <= high) {
      return value;
    }
  } catch (const std::exception&) {
  }
  usage_error(std::string(flag) + " needs an integer from " + std::to_string(low) + " to " +
              std::to_string(high) + ", got \"" + text + "\"");
}

qbo_sandbox::ServerOptions parse_arguments(int argc, char** argv) {
  qbo_sandbox::ServerOptions options;
  bool redirect_uris_given = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view flag = argv[i];
    if (flag == "--help" || flag == "-h") {
      std::cout << kUsage;
      std::exit(0);
    }
    if (flag == "--no-throttle") {
      options.throttle.enabled = false;
      continue;
    }
    if (i + 1 >= argc) {
      usage_error(std::string(flag) + " needs a value");
    }
    const std::string value = argv[++i];
    if (flag == "--port") {
      options.port = static_cast<uint16_t>(parse_integer(flag, value, 0, 65535));
    } else if (flag == "--bind") {
      options.bind_address = value;
    } else if (flag == "--company") {
      if (value == "ca") {
        options.companies.push_back(qbo_sandbox::CompanyPreset::canada);
      } else if (value == "us") {
        options.companies.push_back(qbo_sandbox::CompanyPreset::united_states);
      } else {
        usage_error("--company must be ca or us, got \"" + value + "\"");
      }
    } else if (flag == "--time-scale") {
      try {
        std::size_t used = 0;
        options.time_scale = std::stod(value, &used);
        if (used != value.size() || !(options.time_scale > 0)) {
          throw std::invalid_argument(value);
        }
      } catch (const std::exception&) {
        usage_error("--time-scale needs a positive number, got \"" + value + "\"");
      }
    } else if (flag == "--io-threads") {
      options.io_threads = static_cast<std::size_t>(parse_integer(flag, value, 1, 64));
    } else if (flag == "--client-id") {
      options.oauth.client_id = value;
    } else if (flag == "--client-secret") {
      options.oauth.client_secret = value;
    } else if (flag == "--redirect-uri") {
      if (!redirect_uris_given) {
        options.oauth.redirect_uris.clear();
        redirect_uris_given = true;
      }
      options.oauth.redirect_uris.push_back(value);
    } else if (flag == "--webhook-verifier-token") {
      options.webhook_verifier_token = value;
    } else {
      usage_error("unknown option " + std::string(flag));
    }
  }
  return options;
}

}  // namespace

int main(int argc, char** argv) {
  const qbo_sandbox::ServerOptions options = parse_arguments(argc, argv);

  // Block the stop signals in every thread (the server's threads inherit the mask) so that
  // sigwait below receives them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  std::optional<qbo_sandbox::Server> server;
  try {
    server.emplace(options);
    server->start();
  } catch (const std::exception& error) {
    std::cerr << "qbo-sandbox: cannot start: " << error.what() << "\n";
    return 1;
  }
  const std::string line = boost::json::serialize(server->startup_info()) + "\n";
  std::fwrite(line.data(), 1, line.size(), stdout);
  std::fflush(stdout);

  int received = 0;
  sigwait(&stop_signals, &received);
  server->stop();
  return 0;
}
