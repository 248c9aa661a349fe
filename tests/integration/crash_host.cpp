// A host process for the crash test: loads the real libqbo_sync.so through its C ABI over a given
// data directory, delivers every payment of a file (one JSON payload per line), says so, and lets
// the sync engine run until no record is left to do. The test kills it with SIGKILL at random
// moments and starts it again.
//
//   crash_host <plugin.so> <host config JSON file> <payloads file>
//
// Prints one line per step on stdout: "delivered accepted=<n> duplicate=<n>", then "settled"
// when nothing is left to do; exits 0 then, 2 on bad arguments, 1 on any other failure.
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>

#include "plugin_harness.h"

namespace {

namespace json = boost::json;
using qbo_sync::testing::PluginInstance;
using qbo_sync::testing::PluginLibrary;
using qbo_sync::testing::RecordingHost;

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

bool any_todo(PluginInstance& plugin, const std::string& account_id) {
  const auto answer = plugin.admin(json::object{
      {"op", "list_records"}, {"account_id", account_id}, {"status", "todo"}, {"limit", 1}});
  if (answer.status != QBO_SYNC_OK) throw std::runtime_error("list_records: " + answer.text);
  return !answer.body.at("records").as_array().empty();
}

int run(const std::string& plugin_path, const std::string& config_file,
        const std::string& payloads_file) {
  const std::string config = read_text(config_file);
  std::vector<std::string> payloads;
  std::string account_id;
  {
    std::istringstream lines(read_text(payloads_file));
    for (std::string line; std::getline(lines, line);) {
      if (line.empty()) continue;
      if (account_id.empty()) {
        account_id = std::string(json::parse(line).at("account_id").as_string());
      }
      payloads.push_back(std::move(line));
    }
  }
  RecordingHost host;
  PluginLibrary library(plugin_path);
  PluginInstance plugin(library, host, config);
  int accepted = 0;
  int duplicate = 0;
  for (const auto& payload : payloads) {
    const auto answer = plugin.payment_completed(payload);
    if (answer.status == QBO_SYNC_OK) {
      ++accepted;
    } else if (answer.status == QBO_SYNC_DUPLICATE) {
      ++duplicate;
    } else {
      std::cerr << "crash_host: a payment was refused: " << answer.text << "\n";
      return 1;
    }
  }
  std::cout << "delivered accepted=" << accepted << " duplicate=" << duplicate << std::endl;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (any_todo(plugin, account_id)) {
    if (std::chrono::steady_clock::now() > deadline) {
      std::cerr << "crash_host: records still to do after 60 s\n";
      return 1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  std::cout << "settled" << std::endl;
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: crash_host <plugin.so> <host config JSON file> <payloads file>\n";
    return 2;
  }
  try {
    return run(argv[1], argv[2], argv[3]);
  } catch (const std::exception& error) {
    std::cerr << "crash_host: " << error.what() << "\n";
    return 1;
  }
}
