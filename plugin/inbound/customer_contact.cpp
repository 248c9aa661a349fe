#include "inbound/customer_contact.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

#include "inbound/qbo_json.h"

namespace qbo_sync::inbound {
namespace {

namespace json = boost::json;

constexpr std::size_t kTextLength = 100;  // common.v1 "text"
constexpr std::size_t kPhoneLength = 30;
constexpr std::size_t kDisplayNameLength = 500;
constexpr std::string_view kDeletedSuffix = " (deleted)";

std::string upper(std::string_view text) {
  std::string result(text);
  std::transform(result.begin(), result.end(), result.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return result;
}

std::optional<json::object> billing_address(const json::object& customer,
                                            std::string_view company_country) {
  const auto* value = customer.if_contains("BillAddr");
  if (!value || !value->is_object()) return std::nullopt;
  const auto& address = value->as_object();
  const std::string country = country_code(text_at(address, "Country"), company_country);
  if (country.empty()) return std::nullopt;
  json::object result;
  for (const auto& [from, to] : std::array<std::pair<const char*, const char*>, 4>{
           {{"Line1", "line1"}, {"Line2", "line2"}, {"Line3", "line3"}, {"City", "city"}}}) {
    auto text = bounded(text_at(address, from), kTextLength);
    if (!text.empty()) result[to] = std::move(text);
  }
  if (auto region = bounded(text_at(address, "CountrySubDivisionCode"), 64); !region.empty())
    result["region"] = std::move(region);
  if (auto postal = bounded(text_at(address, "PostalCode"), 30); !postal.empty())
    result["postal_code"] = std::move(postal);
  result["country"] = country;
  return result;
}

}  // namespace

std::string customer_display_name(const boost::json::object& customer) {
  std::string name = text_at(customer, "DisplayName");
  if (name.size() > kDeletedSuffix.size() &&
      std::string_view(name).substr(name.size() - kDeletedSuffix.size()) == kDeletedSuffix) {
    name.resize(name.size() - kDeletedSuffix.size());
  }
  name = bounded(name, kDisplayNameLength);
  if (name.empty()) name = "QuickBooks customer " + text_at(customer, "Id");
  return name;
}

std::string country_code(std::string_view qbo_country, std::string_view fallback) {
  const std::string text = upper(bounded(qbo_country, 100));
  if (text.empty()) return fallback.empty() ? std::string{} : country_code(fallback, {});
  if (text == "CANADA" || text == "CAN") return "CA";
  if (text == "USA" || text == "UNITED STATES" || text == "UNITED STATES OF AMERICA" ||
      text == "U.S.A." || text == "U.S.")
    return "US";
  if (text.size() == 2 &&
      std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isupper(c) != 0; }))
    return text;
  return {};
}

boost::json::object contact_request(std::string_view account_id,
                                    const boost::json::object& customer,
                                    std::string_view crm_contact_id,
                                    std::string_view company_country) {
  json::object request;
  request["account_id"] = account_id;
  request["qbo_customer_id"] = text_at(customer, "Id");
  if (!crm_contact_id.empty()) request["crm_contact_id"] = crm_contact_id;
  request["display_name"] = customer_display_name(customer);
  for (const auto& [from, to] :
       std::array<std::pair<const char*, const char*>, 3>{{{"GivenName", "first_name"},
                                                           {"FamilyName", "last_name"},
                                                           {"CompanyName", "company_name"}}}) {
    auto text = bounded(text_at(customer, from), kTextLength);
    if (!text.empty()) request[to] = std::move(text);
  }
  if (auto email = usable_email(text_at(customer, "PrimaryEmailAddr", "Address")); !email.empty())
    request["email"] = std::move(email);
  std::string phone = bounded(text_at(customer, "PrimaryPhone", "FreeFormNumber"), kPhoneLength);
  if (phone.empty()) phone = bounded(text_at(customer, "Mobile", "FreeFormNumber"), kPhoneLength);
  if (!phone.empty()) request["phone"] = std::move(phone);
  if (auto address = billing_address(customer, company_country))
    request["billing_address"] = std::move(*address);
  const auto* active = customer.if_contains("Active");
  request["active"] = !(active && active->is_bool() && !active->as_bool());
  if (auto updated = text_at(customer, "MetaData", "LastUpdatedTime");
      parse_qbo_time(updated).has_value())
    request["qbo_updated_at"] = std::move(updated);
  return request;
}

boost::json::object removed_contact_request(std::string_view account_id,
                                            std::string_view qbo_customer_id,
                                            std::string_view last_display_name,
                                            std::string_view crm_contact_id) {
  json::object request;
  request["account_id"] = account_id;
  request["qbo_customer_id"] = qbo_customer_id;
  if (!crm_contact_id.empty()) request["crm_contact_id"] = crm_contact_id;
  std::string name = bounded(last_display_name, kDisplayNameLength);
  request["display_name"] =
      name.empty() ? "QuickBooks customer " + std::string(qbo_customer_id) : name;
  request["active"] = false;
  return request;
}

}  // namespace qbo_sync::inbound
