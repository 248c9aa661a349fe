// `host_stub serve`: the developer console, a small CRM in the browser over the real plugin and
// the local QBO sandbox.
#pragma once

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <optional>

namespace qbo_sync::host_stub {

struct ServeOptions {
  std::filesystem::path plugin;
  std::filesystem::path data_dir;
  std::filesystem::path examples;                // schemas/examples
  std::optional<std::filesystem::path> sandbox;  // the qbo-sandbox program to start
  std::uint16_t port = 0;                        // 0: any free port
  std::optional<std::filesystem::path> host_log;
};

// Starts the sandbox (whose only redirect URI is the console's /oauth/callback), writes its
// start-up line to <data_dir>/sandbox-info.json for `send|admin|records --sandbox-info`, prints
// "console: <url>" and serves until SIGINT or SIGTERM. Throws HostError when it cannot start.
int run_serve(const ServeOptions& options, std::ostream& out, std::ostream& err);

}  // namespace qbo_sync::host_stub
