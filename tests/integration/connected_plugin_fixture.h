// What most integration tests set up: a data folder, the QBO sandbox, a recording host, the real
// plugin loaded through the host library and an instance of it; and what they do with them:
// connect the Canadian demo account, read and wait for its records, read the sandbox's ledger,
// inject faults.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <memory>
#include <string>

#include "plugin_harness.h"
#include "plugin_session.h"
#include "sandbox_harness.h"
#include "store/temp_dir.h"

namespace qbo_sync::testing {

inline constexpr const char* kDemoAccount = "acct-demo-ca";

// `Base` is ::testing::Test, or ::testing::TestWithParam<T> for parameterised tests.
template <typename Base = ::testing::Test>
class ConnectedPluginFixtureOf : public Base {
 protected:
  // `sandbox_time_scale` makes the sandbox's throttle windows pass faster.
  explicit ConnectedPluginFixtureOf(double sandbox_time_scale = 60.0)
      : sandbox_(sandbox_time_scale) {}

  void SetUp() override { start_plugin(); }
  void TearDown() override { plugin_.reset(); }

  // A new instance over the same data folder (the previous one goes first, its threads joined).
  // `engine_time_scale` makes the plugin's waits pass faster; a config given replaces the
  // sandbox's.
  void start_plugin(int engine_time_scale = 600) {
    start_plugin_with(sandbox_.plugin_config(dir_.path().string(), engine_time_scale));
  }
  void start_plugin_with(const std::string& config_json) {
    if (!library_) library_ = std::make_unique<PluginLibrary>(QBO_SYNC_PLUGIN_PATH);
    plugin_.reset();
    plugin_ = std::make_unique<PluginInstance>(*library_, host_, config_json);
  }

  // Connects `account` through the admin's consent (to `realm_id`, or the first company).
  void connect(const std::string& account = kDemoAccount, const std::string& realm_id = "") {
    const auto completed = connect_account(*plugin_, sandbox_, account, realm_id);
    ASSERT_EQ(completed.status, QBO_SYNC_OK) << completed.text;
  }

  boost::json::array records(const std::string& account = kDemoAccount) {
    return list_records(*plugin_, account);
  }

  // Waits until no record of the demo account is todo; returns the records.
  boost::json::array settled(std::chrono::seconds limit = std::chrono::seconds(30)) {
    return wait_until_settled(*plugin_, kDemoAccount, limit);
  }

  // The sandbox company's whole ledger, and its objects of one entity.
  boost::json::object ledger() {
    return sandbox_.control("GET", "/ledger/" + sandbox_.realm_id()).as_object();
  }
  boost::json::array ledger_objects(const std::string& entity) {
    const auto snapshot = ledger();
    const auto* list = snapshot.at("objects").as_object().if_contains(entity);
    return list ? list->as_array() : boost::json::array();
  }

  // Adds a fault rule for the sandbox company.
  void inject(const boost::json::object& rule) {
    boost::json::object body = rule;
    body["realm_id"] = sandbox_.realm_id();
    sandbox_.control("POST", "/faults", boost::json::serialize(body));
  }

  // Injected faults not yet used up.
  std::size_t faults_left() {
    return sandbox_.control("GET", "/faults").as_object().at("faults").as_array().size();
  }

  TempDir dir_;
  SandboxHarness sandbox_;
  RecordingHost host_;
  std::unique_ptr<PluginLibrary> library_;
  std::unique_ptr<PluginInstance> plugin_;
};

using ConnectedPluginFixture = ConnectedPluginFixtureOf<>;

}  // namespace qbo_sync::testing
