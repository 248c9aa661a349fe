#pragma once

#include <filesystem>
#include <iosfwd>
#include <optional>

namespace qbo_sync::host_stub {

struct DemoOptions {
  std::filesystem::path plugin;
  std::filesystem::path examples;  // schemas/examples
  std::optional<std::filesystem::path>
      sandbox;  // the QBO sandbox executable to start and connect to
  std::optional<std::filesystem::path> host_log;
  bool keep_data = false;  // leave the temporary data directory in place
  // A file whose first line is a PostgreSQL URL: the plugin keeps its state in that database.
  // From a file, not the command line, where anyone's `ps` would read its password.
  std::optional<std::filesystem::path> store_url_file;
};

// The end-to-end walk-through that `./dev demo` runs: loads the plugin into a fresh temporary data
// directory, pushes every valid example event of every hook, redelivers one, sends one invalid
// example, and prints the resulting sync records. Throws HostError when a step cannot be done.
int run_demo(const DemoOptions& options, std::ostream& out, std::ostream& err);

}  // namespace qbo_sync::host_stub
