#pragma once

#include <filesystem>
#include <string>

namespace qbo_sync::host_stub {

// What the host hands to create() (schemas/host_config.v1.schema.json).
struct HostConfig {
  std::filesystem::path data_dir;  // absolute; the plugin's store lives here
  std::string encryption_key;      // 64 hex characters; never printed
  std::string qbo_json = "{}";     // QuickBooks endpoints and app credentials, a JSON object
  // How many times faster the plugin's delays pass (engine.time_scale); 0 leaves it out. The demo
  // and the console run with the sandbox's speed-up so that an alert e-mail is seen in seconds.
  int time_scale = 0;
  // A PostgreSQL URL: the plugin keeps its state in that database (store.kind postgresql);
  // empty: in SQLite under data_dir. Never printed: it may hold a password.
  std::string store_url;
};

// The JSON document for create().
std::string host_config_json(const HostConfig& config);

// The data directory's encryption key: read from `<data_dir>/host_stub.key`, or drawn from the
// system's random source and written there (mode 0600) on first use, so that a data directory
// stays readable across runs. Creates the directory if needed.
std::string load_or_create_encryption_key(const std::filesystem::path& data_dir);

// A HostConfig for `data_dir` (made absolute) with its encryption key.
HostConfig host_config_for(const std::filesystem::path& data_dir);

}  // namespace qbo_sync::host_stub
