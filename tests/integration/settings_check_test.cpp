// Issue: settings saved for a connected account name only QuickBooks objects its company has; a
// missing one is refused with the field's JSON Pointer and nothing is stored.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "connected_plugin_fixture.h"
#include "store/store.h"
#include "store_backend.h"

namespace qbo_sync::testing {
namespace {

namespace json = boost::json;
constexpr const char* kAccount = "acct-demo-ca";

// The Canadian example settings, with the sandbox company's ids (items 1-2, accounts 1 Services,
// 3 Undeposited Funds, 4 Chequing; its tax codes and payment methods 1 Cash to 7 Diners Club).
json::object valid_settings(int64_t revision) {
  std::ifstream in(std::string(QBO_SYNC_SCHEMAS_DIR) +
                   "/examples/settings.changed.v1/valid/01-acct-demo-ca.json");
  std::stringstream text;
  text << in.rdbuf();
  json::object event = json::parse(text.str()).as_object();
  event["event_id"] = "evt-settings-" + std::to_string(revision);
  auto& settings = event["settings"].as_object();
  settings["revision"] = revision;
  settings["item_mappings"] =
      json::array{json::object{{"crm_product_id", "prod-yoga-10"}, {"qbo_item_id", "1"}},
                  json::object{{"crm_product_id", "prod-mat"}, {"qbo_item_id", "2"}}};
  settings["default_item_id"] = "1";
  settings["income_account_id"] = "1";
  settings["deposit_account_id"] = "3";
  settings["payment_method_mappings"] =
      json::array{json::object{{"crm_method", "card"}, {"qbo_payment_method_id", "3"}},
                  json::object{{"crm_method", "cash"}, {"qbo_payment_method_id", "1"}}};
  settings["default_payment_method_id"] = "1";
  return event;
}

class SettingsCheckTest : public ConnectedPluginFixture {
 protected:
  std::optional<int64_t> stored_revision() {
    auto store = open_plugin_store(dir_.path());
    const auto text = store->account_settings(kAccount);
    if (!text) return std::nullopt;
    const auto parsed = json::parse(*text);
    const auto& root = parsed.as_object();
    const auto& settings = root.contains("settings") ? root.at("settings") : parsed;
    return settings.at("revision").as_int64();
  }

  void expect_refused(const json::object& event, const std::string& path, const std::string& id,
                      const std::string& kind) {
    const auto answer = plugin_->settings_changed(json::serialize(event));
    ASSERT_EQ(answer.status, QBO_SYNC_INVALID_INPUT) << answer.text;
    EXPECT_EQ(answer.body.at("code"), "unknown_qbo_reference");
    EXPECT_EQ(std::string(answer.body.at("path").as_string()), path);
    const std::string message(answer.body.at("message").as_string());
    EXPECT_NE(message.find(id), std::string::npos) << message;
    EXPECT_NE(message.find(kind), std::string::npos) << message;
  }
};

TEST_F(SettingsCheckTest, UnknownIdsAreRefusedWithTheFieldAndNothingIsStored) {
  connect();
  const auto accepted = plugin_->settings_changed(json::serialize(valid_settings(1)));
  ASSERT_EQ(accepted.status, QBO_SYNC_OK) << accepted.text;
  ASSERT_EQ(stored_revision(), 1);

  auto event = valid_settings(2);
  event["settings"].as_object()["tax_mappings"].as_array()[2].as_object()["qbo_tax_code_id"] =
      "999";
  expect_refused(event, "/settings/tax_mappings/2/qbo_tax_code_id", "999", "TaxCode");

  event = valid_settings(3);
  event["settings"].as_object()["exempt_tax_code_id"] = "77";
  expect_refused(event, "/settings/exempt_tax_code_id", "77", "TaxCode");

  event = valid_settings(4);
  event["settings"].as_object()["item_mappings"].as_array()[1].as_object()["qbo_item_id"] = "22";
  expect_refused(event, "/settings/item_mappings/1/qbo_item_id", "22", "Item");

  event = valid_settings(5);
  event["settings"].as_object()["income_account_id"] = "79";
  expect_refused(event, "/settings/income_account_id", "79", "Account");

  // An account that exists but cannot take deposits (an income account).
  event = valid_settings(6);
  event["settings"].as_object()["deposit_account_id"] = "1";
  expect_refused(event, "/settings/deposit_account_id", "1", "bank");

  event = valid_settings(7);
  event["settings"]
      .as_object()["payment_method_mappings"]
      .as_array()[1]
      .as_object()["qbo_payment_method_id"] = "42";
  expect_refused(event, "/settings/payment_method_mappings/1/qbo_payment_method_id", "42",
                 "PaymentMethod");

  // None of the refused saves replaced the stored settings.
  EXPECT_EQ(stored_revision(), 1);
  const auto later = plugin_->settings_changed(json::serialize(valid_settings(8)));
  ASSERT_EQ(later.status, QBO_SYNC_OK) << later.text;
  EXPECT_EQ(stored_revision(), 8);
}

TEST_F(SettingsCheckTest, AnAccountThatIsNotConnectedHasItsSettingsAcceptedAsSent) {
  auto event = valid_settings(1);
  event["settings"].as_object()["income_account_id"] = "79";
  event["settings"].as_object()["default_payment_method_id"] = "42";
  const auto answer = plugin_->settings_changed(json::serialize(event));
  ASSERT_EQ(answer.status, QBO_SYNC_OK) << answer.text;
  EXPECT_EQ(stored_revision(), 1);
}

TEST_F(SettingsCheckTest, ACodeThatDoesNotChargeTheMappedRateIsRefused) {
  connect();
  // HST ON at 13 % mapped to Prince Edward Island's 15 % code.
  auto event = valid_settings(1);
  event["settings"].as_object()["tax_mappings"].as_array()[0].as_object()["qbo_tax_code_id"] = "10";
  auto answer = plugin_->settings_changed(json::serialize(event));
  ASSERT_EQ(answer.status, QBO_SYNC_INVALID_INPUT) << answer.text;
  EXPECT_EQ(answer.body.at("code"), "tax_rate_mismatch");
  EXPECT_EQ(answer.body.at("path"), "/settings/tax_mappings/0/qbo_tax_code_id");
  std::string message(answer.body.at("message").as_string());
  EXPECT_NE(message.find("charges 15 %"), std::string::npos) << message;

  // Nova Scotia's old code charged 15 % until 2025-03-31; the CRM's 14 % needs the new one.
  event = valid_settings(2);
  event["settings"].as_object()["tax_mappings"].as_array()[5].as_object()["qbo_tax_code_id"] = "11";
  answer = plugin_->settings_changed(json::serialize(event));
  ASSERT_EQ(answer.status, QBO_SYNC_INVALID_INPUT) << answer.text;
  EXPECT_EQ(answer.body.at("code"), "tax_rate_mismatch");
  EXPECT_EQ(answer.body.at("path"), "/settings/tax_mappings/5/qbo_tax_code_id");

  // An "exempt" code that charges HST.
  event = valid_settings(3);
  event["settings"].as_object()["exempt_tax_code_id"] = "5";
  answer = plugin_->settings_changed(json::serialize(event));
  ASSERT_EQ(answer.status, QBO_SYNC_INVALID_INPUT) << answer.text;
  EXPECT_EQ(answer.body.at("code"), "tax_rate_mismatch");
  EXPECT_EQ(answer.body.at("path"), "/settings/exempt_tax_code_id");
  EXPECT_FALSE(stored_revision());
}

// A new Canadian company without British Columbia's PST, connected with every setting valid.
class FreshCompanySettingsTest : public SettingsCheckTest {
 protected:
  void connect_fresh_company() {
    realm_ = std::string(
        sandbox_.control("POST", "/companies", R"({"preset":"ca-fresh","name":"New Maple"})")
            .at("realm_id")
            .as_string());
    const auto completed = connect_account(*plugin_, sandbox_, kAccount, realm_);
    ASSERT_EQ(completed.status, QBO_SYNC_OK) << completed.text;
  }

  // Settings whose only tax mapping is BC's GST + PST to `code_id`.
  json::object bc_settings(int64_t revision, const std::string& code_id) {
    auto event = valid_settings(revision);
    auto& settings = event["settings"].as_object();
    settings["tax_mappings"] = json::array{json::object{{"crm_tax_name", "GST"},
                                                        {"crm_tax_rate", "5"},
                                                        {"region", "BC"},
                                                        {"qbo_tax_code_id", code_id}},
                                           json::object{{"crm_tax_name", "PST BC"},
                                                        {"crm_tax_rate", "7"},
                                                        {"region", "BC"},
                                                        {"qbo_tax_code_id", code_id}}};
    return event;
  }

  std::string realm_;
};

TEST_F(FreshCompanySettingsTest, ACodeCreatedInQuickBooksAfterConnectingIsFoundOnSave) {
  connect_fresh_company();
  auto refused = plugin_->settings_changed(json::serialize(bc_settings(1, "13")));
  ASSERT_EQ(refused.status, QBO_SYNC_INVALID_INPUT) << refused.text;
  EXPECT_EQ(refused.body.at("code"), "unknown_qbo_reference");

  // The admin sets up BC's PST in QuickBooks, which adds the GST/PST BC code.
  const auto added =
      sandbox_.control("POST", "/companies/" + realm_ + "/tax-agencies", R"({"agency":"PST BC"})");
  const std::string code_id(added.at("tax_code_ids").as_array().at(0).as_string());
  const auto accepted = plugin_->settings_changed(json::serialize(bc_settings(2, code_id)));
  ASSERT_EQ(accepted.status, QBO_SYNC_OK) << accepted.text;
  EXPECT_EQ(stored_revision(), 2);
}

TEST_F(FreshCompanySettingsTest, TaxCodesAreListedWithTheirDatedRates) {
  connect_fresh_company();
  sandbox_.control("POST", "/companies/" + realm_ + "/tax-agencies", R"({"agency":"QST"})");
  const auto listed = plugin_->admin(
      json::object{{"op", "list_tax_codes"}, {"account_id", kAccount}, {"refresh", true}});
  ASSERT_EQ(listed.status, QBO_SYNC_OK) << listed.text;
  bool has_qst = false;
  bool has_nova_scotia_history = false;
  for (const auto& code : listed.body.at("tax_codes").as_array()) {
    const std::string name(code.at("name").as_string());
    has_qst |= name == "GST/QST QC - 9.975";
    if (name != "HST NS") continue;
    const auto& rate = code.at("sales_rates").as_array().at(0);
    const auto& periods = rate.at("effective").as_array();
    has_nova_scotia_history = periods.size() == 2 && periods[0].at("percent") == "15" &&
                              periods[0].at("end_date") == "2025-03-31" &&
                              periods[1].at("percent") == "14";
  }
  EXPECT_TRUE(has_qst);
  EXPECT_TRUE(has_nova_scotia_history);
  const auto items = plugin_->admin(json::object{{"op", "list_items"}, {"account_id", kAccount}});
  ASSERT_EQ(items.status, QBO_SYNC_OK) << items.text;
  EXPECT_FALSE(items.body.at("items").as_array().empty());
}

}  // namespace
}  // namespace qbo_sync::testing
