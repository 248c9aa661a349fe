// The soak: mixed traffic through the real plugin against the QBO sandbox for a bounded number of
// minutes, watching this process and the store for growth.
#pragma once

#include <filesystem>
#include <iosfwd>

namespace qbo_sync::soak {

struct SoakOptions {
  int minutes = 60;                // wall clock the traffic runs
  int time_scale = 20;             // business seconds per wall second (sandbox and plugin too)
  int sample_seconds = 5;          // how often the figures are read (printed once a minute)
  bool verbose = false;            // echo the plugin's warnings
  bool keep_data = false;          // keep the data directory afterwards
  std::filesystem::path plugin;    // libqbo_sync.so
  std::filesystem::path sandbox;   // the qbo-sandbox executable
  std::filesystem::path examples;  // schemas/examples
};

// Exit code: 0 when every bounded figure stayed stable and the traffic went as expected; 1 when a
// figure grows, the sync fell behind, or the traffic misbehaved.
int run_soak(const SoakOptions& options, std::ostream& out, std::ostream& err);

}  // namespace qbo_sync::soak
