// A store connected to a QBO sandbox company through the plugin's own QBO stack, for the engine
// tests: the real OAuth flow, company discovery, HTTP and rate governor.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <memory>
#include <sstream>

#include "runtime/host_config.h"
#include "runtime/host_services.h"
#include "runtime/qbo_stack.h"
#include "sandbox_harness.h"
#include "schema_example.h"
#include "store/store.h"
#include "store/temp_dir.h"

namespace qbo_sync::engine::testing {

inline constexpr const char* kAccount = "acct-demo-ca";

class ConnectedSandbox {
 public:
  ConnectedSandbox() : store_(dir_.path()), host_(nullptr) {
    std::string path;
    auto problem =
        runtime::read_host_config(sandbox_.plugin_config(dir_.path().string()), config_, path);
    EXPECT_FALSE(problem) << *problem;
    qbo_ = std::make_unique<runtime::QboStack>(config_, store_, host_);
  }

  void connect() {
    auto begun = qbo_->connections().begin(kAccount);
    auto* started = std::get_if<boost::json::object>(&begun);
    ASSERT_TRUE(started);
    const auto redirect =
        sandbox_.consent(std::string(started->at("authorization_url").as_string()));
    auto completed = qbo_->connections().complete(redirect.code, redirect.state, redirect.realm_id);
    ASSERT_TRUE(std::holds_alternative<boost::json::object>(completed));
  }

  qbo::Connection connection() { return {kAccount, sandbox_.realm_id()}; }

  boost::json::array ledger_objects(const std::string& entity) {
    const auto snapshot = sandbox_.control("GET", "/ledger/" + sandbox_.realm_id());
    const auto* list = snapshot.at("objects").as_object().if_contains(entity);
    return list ? list->as_array() : boost::json::array();
  }

  // Creates an entity directly in the sandbox company; returns it.
  boost::json::object seed(const std::string& entity, const boost::json::object& body) {
    static int counter = 0;
    auto created = qbo_->api().create(connection(), entity, body,
                                      "seed-" + entity + std::to_string(++counter));
    EXPECT_TRUE(created) << created.fault().summary();
    const auto& value = created.value().entity;
    const auto* inner = value.as_object().if_contains(entity);
    return inner ? inner->as_object() : value.as_object();
  }

  store::Store& store() { return store_; }
  qbo::ApiClient& api() { return qbo_->api(); }
  runtime::QboStack& qbo() { return *qbo_; }
  ::qbo_sync::testing::SandboxHarness& sandbox() { return sandbox_; }
  const std::filesystem::path& dir() const { return dir_.path(); }

 private:
  qbo_sync::testing::TempDir dir_;
  store::Store store_;
  runtime::HostServices host_;
  qbo_sync::testing::SandboxHarness sandbox_;
  runtime::HostConfig config_;
  std::unique_ptr<runtime::QboStack> qbo_;
};

inline std::string read_example(const std::string& file) {
  return qbo_sync::testing::example_text("payment.completed.v1/valid/" + file);
}

}  // namespace qbo_sync::engine::testing
