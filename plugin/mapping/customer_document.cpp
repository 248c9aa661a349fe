#include "mapping/customer_document.h"

#include <array>
#include <utility>

#include <boost/json.hpp>

#include "mapping/contact_names.h"

namespace qbo_sync::mapping {
namespace json = boost::json;
namespace {

constexpr std::size_t kNameLength = 100;  // QBO's limit for GivenName, FamilyName, CompanyName

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

// QBO's BillAddr keys and the Address parts they hold.
using AddressPart = std::pair<const char*, std::string events::Address::*>;
constexpr std::array<AddressPart, 7> kAddressParts{
    {{"Line1", &events::Address::line1},
     {"Line2", &events::Address::line2},
     {"Line3", &events::Address::line3},
     {"City", &events::Address::city},
     {"CountrySubDivisionCode", &events::Address::region},
     {"PostalCode", &events::Address::postal_code},
     {"Country", &events::Address::country}}};

// The contact's texts as contact_details_text keeps them.
using ContactText = std::pair<const char*, std::string events::Contact::*>;
constexpr ContactText kContactTexts[] = {{"crm_contact_id", &events::Contact::crm_contact_id},
                                         {"first_name", &events::Contact::first_name},
                                         {"last_name", &events::Contact::last_name},
                                         {"company_name", &events::Contact::company_name},
                                         {"email", &events::Contact::email},
                                         {"phone", &events::Contact::phone}};

// The address held at `key` in QBO's BillAddr shape; nullopt when there is none.
std::optional<events::Address> address_at(const json::object& object, std::string_view key) {
  const json::value* address = object.if_contains(key);
  if (address == nullptr || !address->is_object()) return std::nullopt;
  events::Address parts;
  for (const auto& [name, part] : kAddressParts) parts.*part = text(address->as_object(), name);
  return parts;
}

// `from`'s non-empty parts written over `base` (a QBO BillAddr, or empty).
json::object address_over(json::object base, const events::Address& from) {
  for (const auto& [key, part] : kAddressParts) {
    if (!(from.*part).empty()) base[key] = from.*part;
  }
  return base;
}

// The contact's names, company, e-mail and phone as QBO writes them.
struct CustomerFields {
  std::string given, family, company, email, phone;
  static CustomerFields of(const events::Contact& contact) {
    return {contact.first_name.substr(0, kNameLength), contact.last_name.substr(0, kNameLength),
            contact.company_name.substr(0, kNameLength), contact.email, contact.phone};
  }
  static CustomerFields of(const json::object& customer) {
    return {text(customer, "GivenName"), text(customer, "FamilyName"),
            text(customer, "CompanyName"), nested_text(customer, "PrimaryEmailAddr", "Address"),
            nested_text(customer, "PrimaryPhone", "FreeFormNumber")};
  }
};

void write_fields(json::object& changes, const CustomerFields& crm, const CustomerFields& qbo,
                  const CustomerFields* previous) {
  // A field is written when the CRM has it, QBO holds it differently, and (when known) the CRM
  // changed it since it last gave it to QBO.
  auto due = [&](const std::string& value, const std::string& held, const std::string* before,
                 bool email) {
    if (value.empty()) return false;
    if (email ? same_email(value, held) : value == held) return false;
    return before == nullptr || (email ? !same_email(value, *before) : value != *before);
  };
  if (due(crm.given, qbo.given, previous ? &previous->given : nullptr, false))
    changes["GivenName"] = crm.given;
  if (due(crm.family, qbo.family, previous ? &previous->family : nullptr, false))
    changes["FamilyName"] = crm.family;
  if (due(crm.company, qbo.company, previous ? &previous->company : nullptr, false))
    changes["CompanyName"] = crm.company;
  if (due(crm.email, qbo.email, previous ? &previous->email : nullptr, true))
    changes["PrimaryEmailAddr"] = {{"Address", crm.email}};
  if (due(crm.phone, qbo.phone, previous ? &previous->phone : nullptr, false))
    changes["PrimaryPhone"] = {{"FreeFormNumber", crm.phone}};
}

bool same_address(const events::Address& a, const events::Address& b) {
  for (const auto& [key, part] : kAddressParts) {
    if (a.*part != b.*part) return false;
  }
  return true;
}

void write_address(json::object& changes, const events::Contact& contact,
                   const json::object& existing, const events::Contact* previous) {
  if (!contact.billing_address) return;
  const json::value* held = existing.if_contains("BillAddr");
  const bool has_address = held != nullptr && held->is_object();
  if (previous == nullptr) {
    // Unknown history: an address is given only when QBO has none (the CRM's may be older than
    // a bookkeeper's correction).
    if (!has_address) changes["BillAddr"] = address_over({}, *contact.billing_address);
    return;
  }
  if (previous->billing_address &&
      same_address(*previous->billing_address, *contact.billing_address))
    return;
  // Merged over QBO's (a sparse update replaces the whole address): parts the CRM lacks stay.
  json::object merged =
      address_over(has_address ? held->as_object() : json::object{}, *contact.billing_address);
  if (!has_address || merged != held->as_object()) changes["BillAddr"] = std::move(merged);
}

// The DisplayName without a " (n)" QBO-uniqueness suffix.
std::string_view unnumbered(std::string_view name) {
  if (name.size() < 4 || name.back() != ')') return name;
  const auto open = name.rfind(" (");
  if (open == std::string_view::npos) return name;
  const auto digits = name.substr(open + 2, name.size() - open - 3);
  if (digits.empty() || digits.find_first_not_of("0123456789") != std::string_view::npos)
    return name;
  return name.substr(0, open);
}

}  // namespace

json::object new_customer(const events::Contact& contact, const std::string& display_name) {
  json::object customer;
  customer["DisplayName"] = display_name;
  auto put = [&](std::string_view key, const std::string& value) {
    if (!value.empty()) customer[key] = value;
  };
  const auto fields = CustomerFields::of(contact);
  put("GivenName", fields.given);
  put("FamilyName", fields.family);
  put("CompanyName", fields.company);
  if (!contact.email.empty()) customer["PrimaryEmailAddr"] = {{"Address", contact.email}};
  if (!contact.phone.empty()) customer["PrimaryPhone"] = {{"FreeFormNumber", contact.phone}};
  if (contact.billing_address) customer["BillAddr"] = address_over({}, *contact.billing_address);
  return customer;
}

json::object customer_update(const events::Contact& contact, const json::object& existing,
                             const events::Contact* previous) {
  json::object changes;
  const json::value* active = existing.if_contains("Active");
  if (active != nullptr && active->is_bool() && !active->as_bool()) changes["Active"] = true;
  const auto before = previous ? std::optional(CustomerFields::of(*previous)) : std::nullopt;
  write_fields(changes, CustomerFields::of(contact), CustomerFields::of(existing),
               before ? &*before : nullptr);
  write_address(changes, contact, existing, previous);
  if (previous != nullptr) {
    // Renamed in the CRM: the customer follows, unless QBO already shows the new name.
    const std::string name = display_name_for(contact);
    if (!same_name(name, display_name_for(*previous)) &&
        !same_name(name, unnumbered(text(existing, "DisplayName")))) {
      changes["DisplayName"] = name;
    }
  }
  if (changes.empty()) return changes;
  changes["Id"] = text(existing, "Id");
  changes["SyncToken"] = text(existing, "SyncToken");
  return changes;
}

std::string contact_details_text(const events::Contact& contact) {
  json::object details;
  for (const auto& [key, member] : kContactTexts) details[key] = contact.*member;
  if (const auto& address = contact.billing_address) {
    json::object parts;
    for (const auto& [key, part] : kAddressParts) parts[key] = (*address).*part;
    details["billing_address"] = std::move(parts);
  }
  return json::serialize(details);
}

std::optional<events::Contact> parse_contact_details(const std::optional<std::string>& stored) {
  if (!stored) return std::nullopt;
  boost::system::error_code error;
  const json::value value = json::parse(*stored, error);
  if (error || !value.is_object()) return std::nullopt;
  const json::object& details = value.as_object();
  if (!details.contains("crm_contact_id")) return std::nullopt;
  events::Contact contact;
  for (const auto& [key, member] : kContactTexts) contact.*member = text(details, key);
  contact.billing_address = address_at(details, "billing_address");
  return contact;
}

std::string contact_details_state(std::string_view link_key) {
  return "contact_details:" + std::string(link_key);
}

std::string customer_written_state(std::string_view link_key) {
  return "customer_written:" + std::string(link_key);
}

std::string customer_creating_state(std::string_view email) {
  return "customer_creating:" + normalise_email(email);
}

bool customer_changed_since(const json::object& customer, const events::Contact& written) {
  const json::value* active = customer.if_contains("Active");
  if (active != nullptr && active->is_bool() && !active->as_bool()) return true;
  const events::Contact now = contact_of_customer(customer);
  if (now.first_name != written.first_name || now.last_name != written.last_name ||
      now.company_name != written.company_name || now.phone != written.phone ||
      !same_email(now.email, written.email)) {
    return true;
  }
  const events::Address none;
  const auto& held = now.billing_address ? *now.billing_address : none;
  const auto& was = written.billing_address ? *written.billing_address : none;
  return !same_address(held, was);
}

events::Contact contact_of_customer(const json::object& customer) {
  const auto fields = CustomerFields::of(customer);
  events::Contact contact;
  contact.first_name = fields.given;
  contact.last_name = fields.family;
  contact.company_name = fields.company;
  contact.email = fields.email;
  contact.phone = fields.phone;
  contact.billing_address = address_at(customer, "BillAddr");
  return contact;
}

bool customer_differs_from(const json::object& customer, const events::Contact& sent) {
  const json::value* active = customer.if_contains("Active");
  if (active != nullptr && active->is_bool() && !active->as_bool()) return true;
  const auto held = CustomerFields::of(customer);
  const auto given = CustomerFields::of(sent);
  auto differs = [](const std::string& qbo, const std::string& crm) {
    return !qbo.empty() && qbo != crm;
  };
  if (differs(held.given, given.given) || differs(held.family, given.family) ||
      differs(held.company, given.company) || differs(held.phone, given.phone)) {
    return true;
  }
  if (!held.email.empty() && !same_email(held.email, given.email)) return true;
  const json::value* address = customer.if_contains("BillAddr");
  if (address == nullptr || !address->is_object()) return false;
  const events::Address none;
  const events::Address& crm = sent.billing_address ? *sent.billing_address : none;
  for (const auto& [key, part] : kAddressParts) {
    if (differs(text(address->as_object(), key), crm.*part)) return true;
  }
  return false;
}

}  // namespace qbo_sync::mapping
