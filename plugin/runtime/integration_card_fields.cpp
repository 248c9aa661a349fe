#include "runtime/integration_card_fields.h"

#include <boost/json.hpp>
#include <string>
#include <string_view>

#include "inbound/qbo_json.h"
#include "runtime/company_lists.h"

namespace qbo_sync::runtime {
namespace json = boost::json;
using inbound::text_at;
namespace {

// The same patterns the settings.changed schema checks, for a renderer to check before saving.
constexpr std::string_view kEmailPattern =
    R"(^[^@\s,;]{1,64}@[^@\s,;.]{1,63}(\.[^@\s,;.]{1,63}){1,8}$)";
constexpr std::string_view kPercentPattern = R"(^(0|[1-9][0-9]{0,2})(\.[0-9]{1,12})?$)";
constexpr std::string_view kCrmPaymentMethods[] = {
    "card", "bank_transfer", "ach", "cash", "check", "paypal", "wallet", "gift_card", "other"};

struct ToggleSpec {
  std::string_view key;
  std::string_view label;
  std::string_view help;
  bool default_value;
};

constexpr ToggleSpec kToggles[] = {
    {"sync_payments", "Sync payments",
     "Send every completed payment to QuickBooks as a sales receipt.", true},
    {"sync_invoices", "Sync invoices",
     "Send invoices to QuickBooks when they are marked sent, and keep them up to date.", true},
    {"import_old_invoices", "Import existing QuickBooks invoices",
     "Bring the invoices that already exist in QuickBooks into the CRM. Imported invoices are "
     "never sent back to QuickBooks.",
     false},
    {"review_request_on_first_paid_invoice", "Ask for a review after the first paid invoice",
     "When a contact's first invoice is paid in full, the CRM sends them a review request, once.",
     false},
    {"skip_zero_total_orders", "Skip free orders",
     "Do not create sales receipts for complimentary orders whose total is zero.", true},
};

constexpr std::string_view kMappingTables[] = {"admin_emails", "tax_mappings", "item_mappings",
                                               "payment_method_mappings"};

std::string_view list_member(std::string_view op) {
  if (op == "list_tax_codes") return "tax_codes";
  if (op == "list_items") return "items";
  if (op == "list_accounts") return "accounts";
  return "payment_methods";
}

// What a picker shows beside a name: a tax code's rate, an item's or account's type.
std::string option_detail(std::string_view op, const json::object& entry) {
  if (op != "list_tax_codes") {
    return text_at(entry, op == "list_accounts" ? "account_type" : "type");
  }
  std::string detail = text_at(entry, "total_percent") + " %";
  if (const auto reason = text_at(entry, "unusable_reason"); !reason.empty()) {
    detail += " (" + reason + ")";
  }
  return detail;
}

bool option_disabled(std::string_view op, const json::object& entry) {
  const auto* active = entry.if_contains("active");
  if (active && active->is_bool() && !active->as_bool()) return true;
  const auto* usable = entry.if_contains("usable_on_sales");
  return op == "list_tax_codes" && usable && usable->is_bool() && !usable->as_bool();
}

json::object options_from(std::string_view op, const mapping::CompanyData* company,
                          std::string_view today) {
  json::array items;
  if (company) {
    if (auto list = company_list(op, *company, today)) {
      for (const auto& value : list->at(list_member(op)).as_array()) {
        const auto& entry = value.as_object();
        json::object option{{"value", text_at(entry, "id")}, {"label", text_at(entry, "name")}};
        if (option.at("label").as_string().empty()) option["label"] = option.at("value");
        if (auto detail = option_detail(op, entry); !detail.empty()) option["detail"] = detail;
        if (option_disabled(op, entry)) option["disabled"] = true;
        if (!option.at("value").as_string().empty()) items.push_back(std::move(option));
      }
    }
  }
  return {{"op", op}, {"list", list_member(op)}, {"items", std::move(items)}};
}

json::object payment_method_options() {
  json::array items;
  for (const auto method : kCrmPaymentMethods) {
    items.push_back(json::object{{"value", method}, {"label", method}});
  }
  return {{"op", "static"}, {"list", "payment_method"}, {"items", std::move(items)}};
}

json::object field(std::string_view key, std::string_view type, std::string_view label,
                   std::string_view help, const json::object& settings, json::value default_value,
                   json::object validation) {
  json::object out{{"key", key},
                   {"pointer", "/settings/" + std::string(key)},
                   {"type", type},
                   {"label", label},
                   {"help", help}};
  const auto* current = settings.if_contains(key);
  out["value"] = current ? *current : default_value;
  out["default"] = std::move(default_value);
  out["validation"] = std::move(validation);
  return out;
}

json::object picker(std::string_view key, std::string_view label, std::string_view help,
                    const json::object& settings, json::object options) {
  auto out = field(key, "picker", label, help, settings, nullptr, {{"required", false}});
  out["options"] = std::move(options);
  return out;
}

json::object column(std::string_view key, std::string_view label, std::string_view type,
                    json::object validation) {
  return {{"key", key}, {"label", label}, {"type", type}, {"validation", std::move(validation)}};
}

json::object picker_column(std::string_view key, std::string_view label, json::object options) {
  auto out = column(key, label, "picker", {{"required", true}});
  out["options"] = std::move(options);
  return out;
}

json::object mapping_table(std::string_view key, std::string_view label, std::string_view help,
                           const json::object& settings, int max_rows, json::array columns,
                           json::array unique_columns) {
  auto out = field(key, "mapping_table", label, help, settings, json::array{},
                   {{"max_items", max_rows}, {"unique_columns", std::move(unique_columns)}});
  out["columns"] = std::move(columns);
  return out;
}

json::object section(std::string_view key, std::string_view label, std::string_view help,
                     json::array fields) {
  return {{"key", key}, {"label", label}, {"help", help}, {"fields", std::move(fields)}};
}

json::object sync_section(const json::object& settings) {
  json::array fields;
  for (const auto& toggle : kToggles) {
    fields.push_back(field(toggle.key, "toggle", toggle.label, toggle.help, settings,
                           toggle.default_value, {{"required", true}}));
  }
  return section("sync", "What to sync", "Choose what goes to QuickBooks and what comes back.",
                 std::move(fields));
}

json::object alerts_section(const json::object& settings) {
  json::array fields{field(
      "admin_emails", "email_list", "Who receives sync error e-mails",
      "One e-mail per problem, with what to do. Empty: the account's admins.", settings,
      json::array{},
      {{"max_items", 20}, {"unique", true}, {"format", "email"}, {"pattern", kEmailPattern}})};
  return section("alerts", "Error e-mails", "Who is told when a record cannot be synced.",
                 std::move(fields));
}

json::object taxes_section(const json::object& settings, const mapping::CompanyData* company,
                           std::string_view today) {
  const auto tax_codes = options_from("list_tax_codes", company, today);
  json::array columns{
      column("crm_tax_name", "CRM tax name", "text",
             {{"required", true}, {"min_length", 1}, {"max_length", 100}}),
      column("crm_tax_rate", "Rate (%)", "percent",
             {{"required", true}, {"format", "percent"}, {"pattern", kPercentPattern}}),
      column("region", "Province or state (optional)", "text",
             {{"required", false}, {"min_length", 1}, {"max_length", 64}}),
      picker_column("qbo_tax_code_id", "QuickBooks tax code", tax_codes)};
  json::array fields{
      mapping_table("tax_mappings", "Tax mappings",
                    "Which QuickBooks tax code each CRM tax (name and rate) becomes. A code must "
                    "charge exactly the rates mapped to it.",
                    settings, 200, std::move(columns), {}),
      picker("exempt_tax_code_id", "Tax code for exempt lines",
             "Must charge nothing. Empty: the company's code named Exempt.", settings, tax_codes),
      picker("zero_rated_tax_code_id", "Tax code for zero-rated lines",
             "Must charge nothing. Empty: the company's code named Zero-rated.", settings,
             tax_codes)};
  return section("taxes", "Taxes", "How CRM taxes become QuickBooks tax codes.", std::move(fields));
}

json::object items_section(const json::object& settings, const mapping::CompanyData* company,
                           std::string_view today) {
  const auto items = options_from("list_items", company, today);
  json::array columns{column("crm_product_id", "CRM product", "text",
                             {{"required", true}, {"min_length", 1}, {"max_length", 128}}),
                      picker_column("qbo_item_id", "QuickBooks item", items)};
  json::array fields{mapping_table("item_mappings", "Product mappings",
                                   "Which QuickBooks item each CRM product becomes.", settings,
                                   5000, std::move(columns), json::array{"crm_product_id"}),
                     picker("default_item_id", "Item for unmapped products",
                            "Empty: the plugin creates an item per product.", settings, items),
                     picker("income_account_id", "Income account for new items",
                            "The account the items the plugin creates post their income to.",
                            settings, options_from("list_accounts", company, today))};
  return section("items", "Products", "How CRM products become QuickBooks items.",
                 std::move(fields));
}

json::object payments_section(const json::object& settings, const mapping::CompanyData* company,
                              std::string_view today) {
  const auto methods = options_from("list_payment_methods", company, today);
  json::array columns{picker_column("crm_method", "CRM payment method", payment_method_options()),
                      picker_column("qbo_payment_method_id", "QuickBooks payment method", methods)};
  json::array fields{
      picker("deposit_account_id", "Deposit account",
             "Where sales receipts are deposited. Empty: Undeposited Funds.", settings,
             options_from("list_accounts", company, today)),
      mapping_table("payment_method_mappings", "Payment method mappings",
                    "Which QuickBooks payment method each CRM payment method becomes.", settings,
                    20, std::move(columns), json::array{"crm_method"}),
      picker("default_payment_method_id", "Payment method for unmapped methods",
             "Empty: none is set on the sales receipt.", settings, methods)};
  return section("payments", "Payments", "Where payments land in QuickBooks.", std::move(fields));
}

}  // namespace

json::object card_settings(const json::object* stored) {
  json::object settings = stored ? *stored : json::object{};
  settings.erase("revision");
  for (const auto& toggle : kToggles) {
    if (!settings.contains(toggle.key)) settings[toggle.key] = toggle.default_value;
  }
  for (const auto table : kMappingTables) {
    if (!settings.contains(table)) settings[table] = json::array{};
  }
  return settings;
}

json::array card_sections(const json::object& settings, const mapping::CompanyData* company,
                          std::string_view today) {
  return {sync_section(settings), alerts_section(settings), taxes_section(settings, company, today),
          items_section(settings, company, today), payments_section(settings, company, today)};
}

json::array card_toggles(const json::array& sections) {
  json::array toggles;
  for (const auto& section : sections) {
    for (const auto& value : section.at("fields").as_array()) {
      const auto& field = value.as_object();
      if (field.at("type") != "toggle") continue;
      toggles.push_back(json::object{{"key", field.at("key")},
                                     {"label", field.at("label")},
                                     {"help", field.at("help")},
                                     {"value", field.at("value")},
                                     {"default", field.at("default")}});
    }
  }
  return toggles;
}

}  // namespace qbo_sync::runtime
