// Tax codes on posted receipts, through the real plugin against the sandbox: zero-rated lines get
// the zero-rated code, rates count only on their effective dates, and the admin's mapping (names
// compared with case folding) wins over the automatic choice.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <fstream>
#include <sstream>

#include "connected_plugin_fixture.h"

namespace qbo_sync::testing {
namespace {

namespace json = boost::json;
constexpr const char* kAccount = "acct-demo-ca";

json::object example(const std::string& file) {
  std::ifstream in(std::string(QBO_SYNC_SCHEMAS_DIR) + "/examples/" + file);
  std::stringstream text;
  text << in.rdbuf();
  return json::parse(text.str()).as_object();
}

// The Ontario order form with its first line (150.00, HST 19.50) taxed at 0 % instead.
json::object zero_rated_payment() {
  auto event = example("payment.completed.v1/valid/01-ca-on-order-form.json");
  auto& payment = event["payment"].as_object();
  payment["lines"].as_array()[0].as_object()["tax_lines"] =
      json::array{json::object{{"name", "GST"}, {"rate", "0"}, {"amount", "0.00"}}};
  payment["tax_total"] = "9.10";
  payment["total"] = "229.08";
  return event;
}

// The Nova Scotia event payment, charged at the 15 % HST that ended on 2025-03-31.
json::object nova_scotia_at_fifteen_percent() {
  auto event = example("payment.completed.v1/valid/04-ca-ns-event.json");
  auto& payment = event["payment"].as_object();
  auto& lines = payment["lines"].as_array();
  lines[0].as_object()["tax_lines"] =
      json::array{json::object{{"name", "HST NS"}, {"rate", "15"}, {"amount", "17.21"}}};
  lines[1].as_object()["tax_lines"] =
      json::array{json::object{{"name", "HST NS"}, {"rate", "15"}, {"amount", "3.30"}}};
  payment["tax_total"] = "20.51";
  payment["total"] = "157.26";
  return event;
}

json::object settings_with(json::array tax_mappings) {
  auto event = example("settings.changed.v1/valid/01-acct-demo-ca.json");
  auto& settings = event["settings"].as_object();
  settings["tax_mappings"] = std::move(tax_mappings);
  settings.erase("zero_rated_tax_code_id");
  settings["item_mappings"] = json::array{};
  settings["default_item_id"] = "1";
  settings["income_account_id"] = "1";
  settings["deposit_account_id"] = "3";
  settings["payment_method_mappings"] = json::array{};
  settings["default_payment_method_id"] = "1";
  return event;
}

class TaxMappingTest : public ConnectedPluginFixture {
 protected:
  void SetUp() override {
    ConnectedPluginFixture::SetUp();
    if (!fresh_company()) connect("");
  }

  virtual bool fresh_company() const { return false; }

  void connect(const std::string& realm_id) {
    ConnectedPluginFixture::connect(kAccount, realm_id);
    realm_ = realm_id.empty() ? sandbox_.realm_id() : realm_id;
  }

  // Sends the payment and waits for its record to settle.
  json::object synced(const json::object& event) {
    const auto sent = plugin_->payment_completed(json::serialize(event));
    EXPECT_EQ(sent.status, QBO_SYNC_OK) << sent.text;
    const auto done = wait_until_settled(*plugin_, kAccount);
    EXPECT_EQ(done.size(), 1u);
    return done.empty() ? json::object{} : done[0].as_object();
  }

  // The TaxCodeRef of each line of the only receipt in the sandbox.
  std::vector<std::string> receipt_tax_codes() {
    const auto snapshot = sandbox_.control("GET", "/ledger/" + realm_);
    const auto& receipts = snapshot.at("objects").at("SalesReceipt").as_array();
    EXPECT_EQ(receipts.size(), 1u);
    std::vector<std::string> codes;
    for (const auto& line : receipts.at(0).at("Line").as_array()) {
      if (line.at("DetailType") != "SalesItemLineDetail") continue;
      codes.emplace_back(line.at("SalesItemLineDetail").at("TaxCodeRef").at("value").as_string());
    }
    return codes;
  }

  std::string realm_;
};

TEST_F(TaxMappingTest, AZeroRatedLineIsPostedWithTheZeroRatedCode) {
  const auto record = synced(zero_rated_payment());
  ASSERT_EQ(record.at("status"), "completed") << json::serialize(record);
  // The company's "Zero-rated" code is Id 3, its "Exempt" Id 2; the taxed line keeps HST ON (5).
  EXPECT_EQ(receipt_tax_codes(), (std::vector<std::string>{"3", "5"}));
}

TEST_F(TaxMappingTest, ARateThatEndedIsNotChargedAndTheRecordNamesTheCandidates) {
  const auto record = synced(nova_scotia_at_fifteen_percent());
  ASSERT_EQ(record.at("status"), "errored") << json::serialize(record);
  EXPECT_EQ(record.at("reason"), "missing_tax_mapping");
  const std::string message(record.at("last_error").at("message").as_string());
  EXPECT_NE(message.find("\"HST NS\" (Id 11) charged 15 %"), std::string::npos) << message;
  EXPECT_NE(message.find("2025-03-31"), std::string::npos) << message;
}

TEST_F(TaxMappingTest, TheAdminsMappingWinsWhateverTheCaseOfTheName) {
  // The admin decides the 15 % charged in Nova Scotia goes to the 15 % code of Prince Edward
  // Island (Id 10); the CRM spells the tax "HST NS", the mapping "Hst Ns".
  const auto saved =
      plugin_->settings_changed(json::serialize(settings_with(json::array{json::object{
          {"crm_tax_name", "Hst Ns"}, {"crm_tax_rate", "15"}, {"qbo_tax_code_id", "10"}}})));
  ASSERT_EQ(saved.status, QBO_SYNC_OK) << saved.text;
  const auto record = synced(nova_scotia_at_fifteen_percent());
  ASSERT_EQ(record.at("status"), "completed") << json::serialize(record);
  EXPECT_EQ(receipt_tax_codes(), (std::vector<std::string>{"10", "10"}));
}

// A new Canadian company, without British Columbia's PST when the account connects.
class FreshCompanyTaxTest : public TaxMappingTest {
 protected:
  bool fresh_company() const override { return true; }
};

TEST_F(FreshCompanyTaxTest, ACodeCreatedInQuickBooksAfterConnectingIsUsedWithoutReconnecting) {
  const std::string realm(
      sandbox_.control("POST", "/companies", R"({"preset":"ca-fresh","name":"New Maple"})")
          .at("realm_id")
          .as_string());
  connect(realm);
  // The admin then sets up BC's PST in QuickBooks; the plugin read the company before that.
  const auto added =
      sandbox_.control("POST", "/companies/" + realm + "/tax-agencies", R"({"agency":"PST BC"})");
  const std::string code_id(added.at("tax_code_ids").as_array().at(0).as_string());

  const auto sent = plugin_->payment_completed(
      json::serialize(example("payment.completed.v1/valid/03-ca-bc-membership.json")));
  ASSERT_EQ(sent.status, QBO_SYNC_OK) << sent.text;
  // The first attempt finds no code for GST + PST BC, reads the company again and is retried.
  json::value status;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    const auto done = wait_until_settled(*plugin_, kAccount);
    status = done.empty() ? json::value() : done[0].at("status");
    if (status == "completed") break;
  }
  ASSERT_EQ(status, "completed");
  for (const auto& code : receipt_tax_codes()) EXPECT_EQ(code, code_id);
}
}  // namespace
}  // namespace qbo_sync::testing
