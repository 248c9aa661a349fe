#include "mapping/company_data.h"

#include <boost/json/parse.hpp>

namespace qbo_sync::mapping {
namespace json = boost::json;
namespace {

json::object object_member(const json::object& parent, std::string_view key) {
  const json::value* found = parent.if_contains(key);
  if (found == nullptr || !found->is_object()) return {};
  // Discovery may store the entity wrapped as QBO returns it ({"CompanyInfo":{...}}).
  const json::object& object = found->as_object();
  if (const json::value* inner = object.if_contains(key); inner != nullptr && inner->is_object()) {
    return inner->as_object();
  }
  return object;
}

json::array array_member(const json::object& parent, std::string_view key) {
  const json::value* found = parent.if_contains(key);
  if (found == nullptr || !found->is_array()) return {};
  return found->as_array();
}

std::string text(const json::object& object, std::string_view key) {
  const json::value* found = object.if_contains(key);
  if (found == nullptr || !found->is_string()) return {};
  return std::string(found->as_string());
}

// The entity lists the company data holds, by QBO entity name.
constexpr std::pair<std::string_view, json::array CompanyData::*> kEntityLists[] = {
    {"TaxCode", &CompanyData::tax_codes},
    {"TaxRate", &CompanyData::tax_rates},
    {"Account", &CompanyData::accounts},
    {"Item", &CompanyData::items},
    {"PaymentMethod", &CompanyData::payment_methods}};

bool active(const json::object& object) {
  const json::value* found = object.if_contains("Active");
  return found == nullptr || !found->is_bool() || found->as_bool();
}

}  // namespace

std::variant<CompanyData, CompanyDataError> parse_company_data(std::string_view company_json) {
  boost::system::error_code error;
  json::value parsed = json::parse(company_json, error);
  if (error || !parsed.is_object()) {
    return CompanyDataError{"the company data saved at connection is unreadable; reconnect"};
  }
  const json::object& root = parsed.as_object();
  CompanyData data;
  data.company_info = object_member(root, "CompanyInfo");
  data.preferences = object_member(root, "Preferences");
  for (const auto& [key, list] : kEntityLists) data.*list = array_member(root, key);
  return data;
}

std::string CompanyData::home_currency() const {
  if (const json::value* prefs = preferences.if_contains("CurrencyPrefs");
      prefs != nullptr && prefs->is_object()) {
    if (const json::value* home = prefs->as_object().if_contains("HomeCurrency");
        home != nullptr && home->is_object()) {
      std::string value = text(home->as_object(), "value");
      if (!value.empty()) return value;
    }
  }
  const tax::TaxRegime regime = tax::regime_for_country(text(company_info, "Country"));
  if (regime == tax::TaxRegime::canada) return "CAD";
  if (regime == tax::TaxRegime::united_states) return "USD";
  return {};
}

bool CompanyData::multicurrency_enabled() const {
  if (const json::value* prefs = preferences.if_contains("CurrencyPrefs");
      prefs != nullptr && prefs->is_object()) {
    if (const json::value* enabled = prefs->as_object().if_contains("MultiCurrencyEnabled");
        enabled != nullptr && enabled->is_bool()) {
      return enabled->as_bool();
    }
  }
  return false;
}

std::optional<std::string> CompanyData::undeposited_funds_account_id() const {
  std::optional<std::string> by_name;
  for (const json::value& entry : accounts) {
    if (!entry.is_object() || !active(entry.as_object())) continue;
    const json::object& account = entry.as_object();
    if (text(account, "AccountSubType") == "UndepositedFunds") return text(account, "Id");
    if (!by_name && text(account, "Name") == "Undeposited Funds") by_name = text(account, "Id");
  }
  return by_name;
}

std::optional<std::string> CompanyData::income_account_id() const {
  std::optional<std::string> services, sales, first;
  for (const json::value& entry : accounts) {
    if (!entry.is_object() || !active(entry.as_object())) continue;
    const json::object& account = entry.as_object();
    if (text(account, "AccountType") != "Income") continue;
    const std::string id = text(account, "Id");
    const std::string name = text(account, "Name");
    if (!services && name.find("Services") != std::string::npos) services = id;
    if (!sales && name.find("Sales") != std::string::npos) sales = id;
    if (!first) first = id;
  }
  if (services) return services;
  if (sales) return sales;
  return first;
}

std::variant<tax::TenantTaxModel, tax::TaxModelError> CompanyData::tax_model(
    std::string_view txn_date) const {
  return tax::build_tax_model(company_info, preferences, tax_codes, tax_rates, txn_date);
}

}  // namespace qbo_sync::mapping
