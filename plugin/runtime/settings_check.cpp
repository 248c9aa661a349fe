#include "runtime/settings_check.h"

#include <initializer_list>
#include <string_view>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "inbound/qbo_json.h"
#include "runtime/tax_settings_check.h"

namespace qbo_sync::runtime {
namespace json = boost::json;
using inbound::text_at;
namespace {

// What a settings field must name, and how the company's list is searched for it.
struct Expectation {
  const json::array* list;
  std::string_view entity;       // QBO entity name, for the message
  std::string_view description;  // e.g. "an income account"
  // Account types that may be used; empty: any.
  std::initializer_list<std::string_view> account_types = {};
};

const json::object* find_by_id(const json::array& list, std::string_view id) {
  for (const json::value& entry : list) {
    if (entry.is_object() && text_at(entry.as_object(), "Id") == id) return &entry.as_object();
  }
  return nullptr;
}

bool is_active(const json::object& object) {
  const json::value* found = object.if_contains("Active");
  return !found || !found->is_bool() || found->as_bool();
}

std::optional<UnknownQboReference> check(const std::string& path, std::string_view id,
                                         const Expectation& expected) {
  if (id.empty()) return std::nullopt;
  UnknownQboReference unknown{
      "unknown_qbo_reference", path, std::string(id), std::string(expected.entity), {}};
  const json::object* found = find_by_id(*expected.list, id);
  const std::string what =
      std::string(expected.description) + " (QuickBooks " + std::string(expected.entity) + ")";
  if (!found) {
    unknown.message = "QuickBooks has no " + std::string(expected.entity) + " with Id " +
                      std::string(id) + " (field " + path + " must name " + what +
                      "); choose one that exists in the connected QuickBooks company";
    return unknown;
  }
  if (!is_active(*found)) {
    unknown.message = "the QuickBooks " + std::string(expected.entity) + " with Id " +
                      std::string(id) + " is inactive (field " + path + " must name " + what +
                      "); make it active in QuickBooks or choose another";
    return unknown;
  }
  if (expected.account_types.size() > 0) {
    const std::string type = text_at(*found, "AccountType");
    bool allowed = type.empty();  // a type discovery did not store is not held against it
    for (std::string_view candidate : expected.account_types) allowed |= type == candidate;
    if (!allowed) {
      unknown.message = "the QuickBooks Account with Id " + std::string(id) + " is of type " +
                        type + ", but field " + path + " must name " + what +
                        "; choose an account of the right type";
      return unknown;
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<UnknownQboReference> check_settings_references(const json::value& payload,
                                                             const mapping::CompanyData& company,
                                                             std::string_view today) {
  if (!payload.is_object()) return std::nullopt;
  const json::value* settings_value = payload.as_object().if_contains("settings");
  if (!settings_value || !settings_value->is_object()) return std::nullopt;
  const json::object& settings = settings_value->as_object();

  const Expectation tax_code{&company.tax_codes, "TaxCode", "a sales tax code"};
  const Expectation item{&company.items, "Item", "a product or service"};
  const Expectation income{
      &company.accounts, "Account", "an income account", {"Income", "Other Income"}};
  const Expectation deposit{&company.accounts,
                            "Account",
                            "an account payments are deposited to (bank or other current asset)",
                            {"Bank", "Other Current Asset"}};
  const Expectation method{&company.payment_methods, "PaymentMethod", "a payment method"};

  // Each array of mappings: its member naming a QBO object.
  auto check_array = [&](std::string_view array_name, std::string_view member,
                         const Expectation& expected) -> std::optional<UnknownQboReference> {
    const json::value* list = settings.if_contains(array_name);
    if (!list || !list->is_array()) return std::nullopt;
    std::size_t index = 0;
    for (const json::value& entry : list->as_array()) {
      if (entry.is_object()) {
        const std::string path = "/settings/" + std::string(array_name) + "/" +
                                 std::to_string(index) + "/" + std::string(member);
        if (auto unknown = check(path, text_at(entry.as_object(), member), expected))
          return unknown;
      }
      ++index;
    }
    return std::nullopt;
  };
  auto check_field = [&](std::string_view name,
                         const Expectation& expected) -> std::optional<UnknownQboReference> {
    return check("/settings/" + std::string(name), text_at(settings, name), expected);
  };

  // Document order of the settings schema, so the first problem reported is the first on screen.
  if (auto unknown = check_array("tax_mappings", "qbo_tax_code_id", tax_code)) return unknown;
  if (auto unknown = check_field("exempt_tax_code_id", tax_code)) return unknown;
  if (auto unknown = check_field("zero_rated_tax_code_id", tax_code)) return unknown;
  if (auto unknown = check_array("item_mappings", "qbo_item_id", item)) return unknown;
  if (auto unknown = check_field("default_item_id", item)) return unknown;
  if (auto unknown = check_field("income_account_id", income)) return unknown;
  if (auto unknown = check_field("deposit_account_id", deposit)) return unknown;
  if (auto unknown = check_array("payment_method_mappings", "qbo_payment_method_id", method))
    return unknown;
  if (auto unknown = check_field("default_payment_method_id", method)) return unknown;
  if (auto mismatch = check_tax_rates(settings, company, today))
    return UnknownQboReference{"tax_rate_mismatch", mismatch->path, mismatch->id, "TaxCode",
                               mismatch->message};
  return std::nullopt;
}

}  // namespace qbo_sync::runtime
