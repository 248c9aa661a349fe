// The inbound integration tests' common ground: the real plugin through its C ABI, a QBO sandbox
// in the test process, the account connected through the OAuth consent, and helpers that change
// the QBO company directly (as a bookkeeper would in QuickBooks) and wait for the plugin.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <sstream>
#include <string>
#include <thread>

#include "connected_plugin_fixture.h"
#include "qbo_client/webhook_signature.h"
#include "schema_example.h"

namespace qbo_sync::testing {

namespace json = boost::json;
inline constexpr const char* kInboundAccount = "acct-demo-ca";

// The poll interval of the host configuration, on the plugin's clock running 600 times faster:
// 6 s → a poll every 10 ms of real time; a day → none but the first after a start (webhook-driven
// tests).
inline constexpr int kFrequentPolls = 6'000;
inline constexpr int kNoTimedPolls = 86'400'000;

class InboundFixture : public ConnectedPluginFixture {
 protected:
  // Each test starts the plugin itself, with the poll interval it needs.
  void SetUp() override {}

  void start_plugin(int cdc_poll_interval_ms = kFrequentPolls) {
    auto config = json::parse(sandbox_.plugin_config(dir_.path().string())).as_object();
    config["engine"].as_object()["cdc_poll_interval_ms"] = cdc_poll_interval_ms;
    start_plugin_with(json::serialize(config));
  }
  // The same, with the plugin's clock standing still until the test moves it (advance_clock).
  void start_plugin_on_manual_clock(int cdc_poll_interval_ms) {
    auto config =
        json::parse(sandbox_.plugin_config_on_manual_clock(dir_.path().string())).as_object();
    config["engine"].as_object()["cdc_poll_interval_ms"] = cdc_poll_interval_ms;
    start_plugin_with(json::serialize(config));
  }
  // A restart: the instance goes (its threads joined), a new one opens the same store.
  void restart_plugin(int cdc_poll_interval_ms = kFrequentPolls) {
    start_plugin(cdc_poll_interval_ms);
  }

  // The Canadian example settings with the two inbound toggles set.
  void send_settings(bool import_old_invoices, bool review_requests) {
    auto event = valid_example("settings.changed.v1", "01-acct-demo-ca.json");
    ++settings_revision_;
    event["event_id"] = "evt-inbound-settings-" + std::to_string(settings_revision_);
    auto& settings = event["settings"].as_object();
    settings["revision"] = settings_revision_;
    settings["import_old_invoices"] = import_old_invoices;
    settings["review_request_on_first_paid_invoice"] = review_requests;
    const auto answer = plugin_->settings_changed(json::serialize(event));
    ASSERT_EQ(answer.status, QBO_SYNC_OK) << answer.text;
  }

  json::object inbound_status() {
    const auto answer =
        plugin_->admin(json::object{{"op", "inbound_status"}, {"account_id", kInboundAccount}});
    EXPECT_EQ(answer.status, QBO_SYNC_OK) << answer.text;
    return answer.body;
  }

  // Waits (up to a generous limit: a failure, not a speed measure) until `done` holds.
  static bool eventually(const std::function<bool()>& done,
                         std::chrono::seconds limit = std::chrono::seconds(30)) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!done()) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return true;
  }

  void wait_for_import() {
    ASSERT_TRUE(eventually([&] { return inbound_status().at("import").at("state") == "complete"; }))
        << json::serialize(inbound_status());
  }
  int64_t polls() { return inbound_status().at("polls").as_int64(); }
  // Waits until two more polls ran, so that at least one began after the caller's change.
  void wait_for_polls(int64_t count = 2) {
    const auto start = polls();
    ASSERT_TRUE(eventually([&] { return polls() >= start + count; }));
  }

  // A write to the QBO company, as QuickBooks' own UI would make it (no plugin involved).
  json::object qbo_write(const std::string& path, const json::object& body,
                         std::map<std::string, std::string> params = {}) {
    qbo_sandbox::ApiRequest request;
    request.method = "POST";
    request.realm_id = sandbox_.realm_id();
    request.path = path;
    params["minorversion"] = "75";
    request.params = std::move(params);
    request.body = json::serialize(body);
    request.content_type = "application/json";
    const auto response = sandbox_.server().ledger().handle(request);
    EXPECT_EQ(response.status, 200) << response.body;
    return json::parse(response.body).as_object();
  }
  std::string add_customer(const std::string& name, const std::string& email) {
    json::object body{{"DisplayName", name}};
    if (!email.empty()) body["PrimaryEmailAddr"] = {{"Address", email}};
    return std::string(qbo_write("customer", body).at("Customer").at("Id").as_string());
  }
  // An invoice of one line (HST ON) of `amount` before tax.
  std::string add_invoice(const std::string& customer_id, double amount,
                          const std::string& txn_date) {
    json::object line{
        {"Amount", amount},
        {"DetailType", "SalesItemLineDetail"},
        {"SalesItemLineDetail", {{"ItemRef", {{"value", "1"}}}, {"TaxCodeRef", {{"value", "5"}}}}}};
    json::object body{{"CustomerRef", {{"value", customer_id}}},
                      {"TxnDate", txn_date},
                      {"Line", json::array{line}}};
    return std::string(qbo_write("invoice", body).at("Invoice").at("Id").as_string());
  }
  json::object read_invoice(const std::string& id) {
    for (const auto& invoice : ledger_objects("Invoice")) {
      if (invoice.at("Id") == id.c_str()) return invoice.as_object();
    }
    ADD_FAILURE() << "no invoice " << id;
    return {};
  }
  // A QBO Payment of `amount` applied to the invoice.
  void pay(const std::string& customer_id, const std::string& invoice_id, double amount) {
    qbo_write("payment",
              {{"CustomerRef", {{"value", customer_id}}},
               {"TotalAmt", amount},
               {"Line", json::array{{{"Amount", amount},
                                     {"LinkedTxn", json::array{{{"TxnId", invoice_id},
                                                                {"TxnType", "Invoice"}}}}}}}});
  }
  double balance_of(const std::string& invoice_id) {
    return read_invoice(invoice_id).at("Balance").to_number<double>();
  }
  // Through the sandbox's control endpoint, as the demo does it.
  void void_invoice(const std::string& id) {
    const auto invoice = read_invoice(id);
    sandbox_.control(
        "POST", "/ledger/" + sandbox_.realm_id() + "/invoice/void",
        json::serialize(json::object{{"Id", id}, {"SyncToken", invoice.at("SyncToken")}}));
  }

  // A webhook delivery naming the realm, as QBO sends it, forwarded by the host to the admin op.
  Answer forward_webhook(const std::string& signature_token,
                         const std::string& last_updated = "2026-03-14T10:00:00.000Z") {
    const std::string body =
        R"({"eventNotifications":[{"realmId":")" + sandbox_.realm_id() +
        R"(","dataChangeEvent":{"entities":[{"name":"Customer","id":"1","operation":"Create",)"
        R"("lastUpdated":")" +
        last_updated + R"("}]}}]})";
    json::object request{
        {"op", "qbo_webhook"},
        {"headers",
         {{"intuit-signature", qbo::compute_webhook_signature(body, signature_token)},
          {"content-type", "application/json; charset=utf-8"}}},
        {"body", body}};
    return plugin_->admin(request);
  }
  std::string verifier_token() const {
    return std::string(sandbox_.info().at("webhook_verifier_token").as_string());
  }

  int64_t settings_revision_ = 100;
};

}  // namespace qbo_sync::testing
