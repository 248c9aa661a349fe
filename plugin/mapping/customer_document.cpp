#include "mapping/customer_document.h"

#include "mapping/contact_names.h"

namespace qbo_sync::mapping {
namespace json = boost::json;
namespace {

std::string text(const json::object& object, std::string_view key) {
  const json::value* found = object.if_contains(key);
  if (found == nullptr || !found->is_string()) return {};
  return std::string(found->as_string());
}

std::string nested_text(const json::object& object, std::string_view key, std::string_view inner) {
  const json::value* found = object.if_contains(key);
  if (found == nullptr || !found->is_object()) return {};
  return text(found->as_object(), inner);
}

json::object address(const events::Address& from) {
  json::object out;
  auto put = [&](std::string_view key, const std::string& value) {
    if (!value.empty()) out[key] = value;
  };
  put("Line1", from.line1);
  put("Line2", from.line2);
  put("Line3", from.line3);
  put("City", from.city);
  put("CountrySubDivisionCode", from.region);
  put("PostalCode", from.postal_code);
  put("Country", from.country);
  return out;
}

}  // namespace

json::object new_customer(const events::Contact& contact, const std::string& display_name) {
  json::object customer;
  customer["DisplayName"] = display_name;
  auto put = [&](std::string_view key, const std::string& value) {
    if (!value.empty()) customer[key] = value;
  };
  put("GivenName", contact.first_name.substr(0, 100));
  put("FamilyName", contact.last_name.substr(0, 100));
  put("CompanyName", contact.company_name.substr(0, 100));
  if (!contact.email.empty()) customer["PrimaryEmailAddr"] = {{"Address", contact.email}};
  if (!contact.phone.empty()) customer["PrimaryPhone"] = {{"FreeFormNumber", contact.phone}};
  if (contact.billing_address) customer["BillAddr"] = address(*contact.billing_address);
  return customer;
}

json::object customer_update(const events::Contact& contact, const json::object& existing) {
  json::object changes;
  const json::value* active = existing.if_contains("Active");
  if (active != nullptr && active->is_bool() && !active->as_bool()) changes["Active"] = true;
  auto differs = [&](std::string_view key, const std::string& value) {
    return !value.empty() && text(existing, key) != value;
  };
  if (differs("GivenName", contact.first_name)) changes["GivenName"] = contact.first_name;
  if (differs("FamilyName", contact.last_name)) changes["FamilyName"] = contact.last_name;
  if (!contact.phone.empty() &&
      nested_text(existing, "PrimaryPhone", "FreeFormNumber") != contact.phone) {
    changes["PrimaryPhone"] = {{"FreeFormNumber", contact.phone}};
  }
  // An address is replaced only when QBO has none: the CRM's may be older than an accountant's
  // correction, and a partial one would clear the rest.
  if (contact.billing_address && existing.if_contains("BillAddr") == nullptr) {
    changes["BillAddr"] = address(*contact.billing_address);
  }
  if (changes.empty()) return changes;
  changes["Id"] = text(existing, "Id");
  changes["SyncToken"] = text(existing, "SyncToken");
  return changes;
}

}  // namespace qbo_sync::mapping
