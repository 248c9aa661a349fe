// The integration card descriptor: it matches its schema, and a renderer that knows nothing about
// QuickBooks draws every field type from it, with picker options from the connected company.
#include "runtime/integration_card.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <sstream>
#include <string>

#include "events/event_validator.h"
#include "store/temp_dir.h"

namespace qbo_sync::runtime {
namespace {

namespace json = boost::json;

constexpr const char* kCompanyJson = R"({"CompanyInfo":{"Country":"CA","CompanyName":"Maple"},
  "TaxRate":[{"Id":"5","Name":"HST ON","RateValue":13}],
  "TaxCode":[{"Id":"7","Name":"HST ON","Active":true,
              "SalesTaxRateList":{"TaxRateDetail":[{"TaxRateRef":{"value":"5"}}]}}],
  "Item":[{"Id":"21","Name":"Yoga class","Type":"Service","Active":true}],
  "Account":[{"Id":"4","Name":"Sales","AccountType":"Income","Active":true}],
  "PaymentMethod":[{"Id":"3","Name":"Visa","Type":"CREDIT_CARD"}]})";

// The option's label for a picker value, as a renderer shows it.
std::string option_label(const json::object& options, const json::value& value) {
  if (!value.is_string()) return "(none)";
  for (const auto& option : options.at("items").as_array()) {
    if (option.at("value") == value) return std::string(option.at("label").as_string());
  }
  return "?" + std::string(value.as_string());
}

std::string cell(const json::object& column, const json::object& row) {
  const auto* value = row.if_contains(column.at("key").as_string());
  if (column.at("type") == "picker") {
    return option_label(column.at("options").as_object(), value ? *value : json::value());
  }
  return value && value->is_string() ? std::string(value->as_string()) : "";
}

// A tiny generic renderer to text: one line per field, one indented line per table row. It knows
// the four field types and nothing else; an unknown type is a failure.
std::string render(const json::object& card) {
  std::ostringstream out;
  for (const auto& section : card.at("sections").as_array()) {
    out << "## " << std::string_view(section.at("label").as_string()) << '\n';
    for (const auto& field_value : section.at("fields").as_array()) {
      const auto& field = field_value.as_object();
      const auto& type = field.at("type").as_string();
      const std::string_view label = field.at("label").as_string();
      if (type == "toggle") {
        out << (field.at("value").as_bool() ? "[x] " : "[ ] ") << label << '\n';
      } else if (type == "email_list") {
        out << label << ':';
        for (const auto& email : field.at("value").as_array())
          out << ' ' << std::string_view(email.as_string());
        out << '\n';
      } else if (type == "picker") {
        out << label << ": " << option_label(field.at("options").as_object(), field.at("value"))
            << '\n';
      } else if (type == "mapping_table") {
        out << label << ":\n";
        for (const auto& row : field.at("value").as_array()) {
          out << " ";
          for (const auto& column : field.at("columns").as_array()) {
            out << " | " << cell(column.as_object(), row.as_object());
          }
          out << '\n';
        }
      } else {
        ADD_FAILURE() << "unknown field type " << type;
      }
    }
  }
  return out.str();
}

class IntegrationCardTest : public ::testing::Test {
 protected:
  void connect() {
    store::ConnectionRow row;
    row.account_id = "acct-1";
    row.realm_id = "9130";
    row.company_name = "Maple";
    row.country = "CA";
    row.company_json = kCompanyJson;
    row.sealed_tokens = "sealed";
    store_.put_connection(row);
  }

  void save_settings(const std::string& settings) {
    store_.commit_events({{"acct-1", "s-1", "settings.changed", "settings", "acct-1", 3,
                           "2026-11-21T10:00:00Z", R"({"settings":)" + settings + "}"}});
  }

  json::object card(json::object connection = {{"state", "connected"},
                                               {"label", "Connected: Maple"}}) {
    return integration_card(store_, "acct-1", std::move(connection), "2026-11-21");
  }

  testing::TempDir dir_;
  store::Store store_{dir_.path()};
};

TEST_F(IntegrationCardTest, MatchesItsSchemaConnectedOrNot) {
  const events::EventValidator validator;
  auto check = [&](const json::object& descriptor) {
    auto result = validator.validate_host_payload(events::HostPayload::integration_card,
                                                  json::serialize(descriptor));
    if (auto* error = std::get_if<events::InputError>(&result)) {
      ADD_FAILURE() << error->path << ": " << error->message;
    }
  };
  check(card({{"state", "not_connected"}, {"label", "Not connected"}}));
  connect();
  save_settings(R"({"revision":3,"sync_payments":false,"admin_emails":["ana@example.com"]})");
  store_.commit_events({{"acct-1", "e-1", "payment.completed", "payment", "pay-1", 1,
                         "2026-11-21T10:00:00Z", "{}"}});
  check(card());
}

TEST_F(IntegrationCardTest, ARendererDrawsEveryFieldTypeFromTheDescriptor) {
  connect();
  save_settings(R"({"revision":3,"sync_payments":false,"admin_emails":["ana@example.com"],
      "tax_mappings":[{"crm_tax_name":"HST","crm_tax_rate":"13","qbo_tax_code_id":"7"}],
      "item_mappings":[{"crm_product_id":"prod-1","qbo_item_id":"21"}],
      "deposit_account_id":"4"})");
  const auto descriptor = card();
  const std::string text = render(descriptor);
  EXPECT_NE(text.find("[ ] Sync payments\n"), std::string::npos) << text;
  EXPECT_NE(text.find("[x] Sync invoices\n"), std::string::npos) << text;
  EXPECT_NE(text.find("Who receives sync error e-mails: ana@example.com\n"), std::string::npos)
      << text;
  EXPECT_NE(text.find("  | HST | 13 |  | HST ON\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  | prod-1 | Yoga class\n"), std::string::npos) << text;
  EXPECT_NE(text.find("Deposit account: Sales\n"), std::string::npos) << text;
  EXPECT_NE(text.find("Tax code for exempt lines: (none)\n"), std::string::npos) << text;
  EXPECT_EQ(descriptor.at("save").at("next_revision").as_int64(), 4);
  EXPECT_EQ(descriptor.at("settings").at("sync_payments"), false);
  EXPECT_FALSE(descriptor.at("settings").as_object().contains("revision"));
}

TEST_F(IntegrationCardTest, PickerOptionsComeFromTheCompanyWithTheirRates) {
  auto options_of = [](const json::object& descriptor) {
    for (const auto& section : descriptor.at("sections").as_array()) {
      for (const auto& field : section.at("fields").as_array()) {
        if (field.at("key") == "exempt_tax_code_id") return field.at("options").as_object();
      }
    }
    return json::object{};
  };
  EXPECT_TRUE(options_of(card()).at("items").as_array().empty());
  connect();
  const auto options = options_of(card());
  EXPECT_EQ(options.at("op"), "list_tax_codes");
  ASSERT_EQ(options.at("items").as_array().size(), 1u);
  EXPECT_EQ(options.at("items").at(0).at("value"), "7");
  EXPECT_EQ(options.at("items").at(0).at("detail"), "13 %");
}

TEST_F(IntegrationCardTest, ConnectionShowsWarningsAndTheActionsItsStateAllows) {
  auto keys = [](const json::array& list) {
    std::string joined;
    for (const auto& item : list) joined += std::string(item.at("key").as_string()) + ",";
    return joined;
  };
  auto warning_codes = [](const json::array& list) {
    std::string joined;
    for (const auto& item : list) joined += std::string(item.at("code").as_string()) + ",";
    return joined;
  };
  const auto fresh = card({{"state", "not_connected"}, {"label", "Not connected"}});
  EXPECT_EQ(keys(fresh.at("connection").at("actions").as_array()), "connect,");
  EXPECT_TRUE(fresh.at("connection").at("warnings").as_array().empty());

  const auto expiring = card({{"state", "reconnect_needed"},
                              {"label", "Reconnect needed: Maple"},
                              {"reason", "invalid_grant"},
                              {"refresh_token_hard_expiry_warning", true},
                              {"refresh_token_hard_expires_at", "2026-12-01T00:00:00Z"}});
  const auto& connection = expiring.at("connection").as_object();
  EXPECT_EQ(keys(connection.at("actions").as_array()), "connect,test,disconnect,");
  EXPECT_EQ(warning_codes(connection.at("warnings").as_array()),
            "reconnect_needed,authorization_expiring,");
  EXPECT_NE(connection.at("warnings").at(1).at("message").as_string().find("2026-12-01"),
            std::string::npos);
}

TEST_F(IntegrationCardTest, RecordsAreCountedByStatusAndReason) {
  store_.commit_events(
      {{"acct-1", "e-1", "payment.completed", "payment", "pay-1", 1, "2026-11-21T10:00:00Z", "{}"},
       {"acct-1", "e-2", "payment.completed", "payment", "pay-2", 1, "2026-11-21T10:00:00Z",
        "{}"}});
  store::RecordFilter filter;
  filter.account_id = "acct-1";
  const auto records = store_.list_records(filter);
  ASSERT_EQ(records.size(), 2u);
  store_.skip_records("acct-1", {records[0].id}, "skipped_by_admin");
  const auto summary = card().at("records").as_object();
  EXPECT_EQ(summary.at("todo").as_int64(), 1);
  EXPECT_EQ(summary.at("skipped").as_int64(), 1);
  bool found = false;
  for (const auto& entry : summary.at("by_reason").as_array()) {
    if (entry.at("status") == "skipped") {
      EXPECT_EQ(entry.at("reason"), "skipped_by_admin");
      EXPECT_EQ(entry.at("count").as_int64(), 1);
      found = true;
    }
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(summary.at("actions").at(0).at("key"), "retry_errored");
}

}  // namespace
}  // namespace qbo_sync::runtime
