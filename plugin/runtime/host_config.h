// The host's configuration of the plugin (schemas/host_config.v1.schema.json), as the plugin uses
// it. The secrets it holds are never logged or returned.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include "store/postgres/postgres_url.h"

namespace qbo_sync::runtime {

struct QboEndpoints {
  std::string environment = "production";  // production | sandbox | custom
  std::string api_base_url;
  std::string authorize_url;
  std::string token_url;
  std::string revoke_url;
  std::string client_id;
  std::string client_secret;
  std::string redirect_uri;
  std::string webhook_verifier_token;
  int minor_version = 75;
};
BOOST_DESCRIBE_STRUCT(QboEndpoints, (),
                      (environment, api_base_url, authorize_url, token_url, revoke_url, client_id,
                       client_secret, redirect_uri, webhook_verifier_token, minor_version))

struct EngineOptions {
  int worker_threads = 4;
  int poll_interval_ms = 1000;
  int cdc_poll_interval_ms = 60'000;
};
BOOST_DESCRIBE_STRUCT(EngineOptions, (), (worker_threads, poll_interval_ms, cdc_poll_interval_ms))

enum class ClockKind { system, manual };
BOOST_DESCRIBE_ENUM(ClockKind, system, manual)

// For tests and demos only (the "testing" object); production leaves it out.
struct TestingOptions {
  // The plugin's clock runs this many times faster than real time, so every interval it waits
  // passes this many times sooner. The older engine.time_scale means the same.
  int clock_speed = 1;
  // When set, the sped-up clock stood at the real time at this moment (ms since the Unix epoch),
  // so that successive processes over one store keep one timeline; else at the plugin's start.
  std::optional<int64_t> clock_origin_ms;
  // manual: the clock stands still until the admin operation advance_clock moves it.
  ClockKind clock = ClockKind::system;
};
BOOST_DESCRIBE_STRUCT(TestingOptions, (), (clock_speed, clock_origin_ms, clock))

enum class StoreKind { sqlite, postgresql };
BOOST_DESCRIBE_ENUM(StoreKind, sqlite, postgresql)

enum class StoreDurability { process_crash, power_loss };
BOOST_DESCRIBE_ENUM(StoreDurability, process_crash, power_loss)

struct StoreOptions {
  StoreKind kind = StoreKind::sqlite;
  std::optional<store::PostgresUrl> postgres_url;  // with kind postgresql
  // SQLite's: an accepted event survives an operating-system crash too, at one disk sync a commit.
  StoreDurability durability = StoreDurability::process_crash;
};

struct HostConfig {
  std::filesystem::path data_dir;
  std::array<uint8_t, 32> encryption_key{};  // AES-256 key for secrets at rest
  QboEndpoints qbo;
  EngineOptions engine;
  TestingOptions testing;
  StoreOptions store;
};

// Reads a configuration that already passed schema validation. Returns an error message naming the
// field when a value is unusable (e.g. a relative data_dir or a malformed key).
std::optional<std::string> read_host_config(std::string_view validated_json, HostConfig& out,
                                            std::string& error_path);

}  // namespace qbo_sync::runtime
