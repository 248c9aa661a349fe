// soak_host [--minutes N] [--time-scale S] [--sample-seconds N] [--verbose] [--keep-data]
#include <exception>
#include <iostream>
#include <string>
#include <string_view>

#include "soak_run.h"

namespace {

constexpr const char* kUsage =
    "usage: soak_host [--minutes N (60)] [--time-scale S (20)] [--sample-seconds N (5)]\n"
    "                 [--verbose] [--keep-data]\n";

bool read_count(std::string_view text, int low, int high, int& out) {
  try {
    std::size_t used = 0;
    const int value = std::stoi(std::string(text), &used);
    if (used != text.size() || value < low || value > high) return false;
    out = value;
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

bool parse(int argc, char** argv, qbo_sync::soak::SoakOptions& options) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--verbose") {
      options.verbose = true;
    } else if (arg == "--keep-data") {
      options.keep_data = true;
    } else if (arg == "--minutes" && has_value) {
      if (!read_count(argv[++i], 1, 24 * 60, options.minutes)) return false;
    } else if (arg == "--time-scale" && has_value) {
      if (!read_count(argv[++i], 1, 3600, options.time_scale)) return false;
    } else if (arg == "--sample-seconds" && has_value) {
      if (!read_count(argv[++i], 1, 60, options.sample_seconds)) return false;
    } else {
      return false;
    }
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  qbo_sync::soak::SoakOptions options;
  options.plugin = QBO_SYNC_PLUGIN_PATH;
  options.sandbox = QBO_SYNC_SANDBOX_PATH;
  options.examples = QBO_SYNC_EXAMPLES_DIR;
  if (!parse(argc, argv, options)) {
    std::cerr << kUsage;
    return 2;
  }
  try {
    return qbo_sync::soak::run_soak(options, std::cout, std::cerr);
  } catch (const std::exception& error) {
    std::cerr << "soak: error: " << error.what() << '\n';
    return 1;
  }
}
