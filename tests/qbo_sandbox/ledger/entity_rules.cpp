#include "entity_rules.h"

#include <boost/algorithm/string/case_conv.hpp>
#include <boost/algorithm/string/predicate.hpp>
#include <boost/algorithm/string/trim.hpp>
#include <map>
#include <set>

#include "deposit_rules.h"
#include "entity_properties.h"
#include "faults.h"
#include "money.h"
#include "rules/tax.h"
#include "time_format.h"

namespace qbo_sandbox {
namespace {

namespace json = boost::json;

constexpr std::string_view kDeletedSuffix = " (deleted)";
constexpr std::size_t kMaxDisplayName = 500;
constexpr std::size_t kMaxDocNumber = 21;

std::string string_field(const json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value && value->is_string() ? std::string(value->get_string()) : std::string();
}

bool bool_field(const json::object& object, std::string_view key, bool fallback) {
  const auto* value = object.if_contains(key);
  return value && value->is_bool() ? value->get_bool() : fallback;
}

std::string ref_value(const json::object& object, std::string_view key) {
  const auto* ref = object.if_contains(key);
  if (!ref || !ref->is_object()) return {};
  return string_field(ref->get_object(), "value");
}

void set_default(json::object& object, std::string_view key, json::value value) {
  if (!object.contains(key)) object[key] = std::move(value);
}

std::string without_deleted_suffix(std::string name) {
  if (boost::algorithm::ends_with(name, kDeletedSuffix))
    name.resize(name.size() - kDeletedSuffix.size());
  return name;
}

bool has_forbidden_name_character(std::string_view name) {
  return name.find_first_of(":\t\n\r") != std::string_view::npos;
}

std::optional<Fault> check_properties(const EntityInfo& entity, const json::object& candidate) {
  const auto* known = xsd_properties(entity.name);
  if (!known) return std::nullopt;
  for (const auto& member : candidate) {
    if (!known->contains(std::string_view(member.key()))) {
      return faults::unsupported_property(member.key(), entity.name);
    }
  }
  return std::nullopt;
}

bool name_taken(const Company& company, const EntityInfo& entity, std::string_view name,
                std::string_view own_id) {
  for (const auto& [holder_entity, holder_id] :
       company.name_holders(name_space_of(entity.name), name)) {
    if (holder_entity != entity.name || holder_id != own_id) return true;
  }
  return false;
}

// Active true -> false appends " (deleted)" to the name as QBO does; reactivating removes it.
void apply_deactivation_name(json::object& candidate, const json::object* previous,
                             std::string_view field) {
  const bool was_active = previous ? bool_field(*previous, "Active", true) : true;
  const bool active = bool_field(candidate, "Active", true);
  auto name = string_field(candidate, field);
  if (was_active && !active && !boost::algorithm::ends_with(name, kDeletedSuffix)) {
    candidate[field] = name + std::string(kDeletedSuffix);
  } else if (!was_active && active) {
    candidate[field] = without_deleted_suffix(name);
  }
}

std::optional<Fault> check_name(const Company& company, const EntityInfo& entity,
                                const json::object& candidate, std::string_view field) {
  const auto name = string_field(candidate, field);
  if (name.empty()) return faults::required_parameter(field);
  if (has_forbidden_name_character(name)) return faults::invalid_name_characters(field);
  if (name.size() > kMaxDisplayName) {
    return faults::invalid_value(
        field, "Length exceeds limit: " + std::string(field) + " is at most 500 characters");
  }
  if (name_taken(company, entity, name, string_field(candidate, "Id")))
    return faults::duplicate_name();
  return std::nullopt;
}

std::optional<Fault> prepare_name_list(Company& company, const EntityInfo& entity,
                                       json::object& candidate, const json::object* previous) {
  const auto* display = candidate.if_contains("DisplayName");
  if (display && !display->is_string())
    return faults::invalid_value("DisplayName", "DisplayName must be text");
  if (string_field(candidate, "DisplayName").empty()) {
    // QBO builds the name from its parts when none is given.
    std::string built;
    for (const auto* part : {"Title", "GivenName", "MiddleName", "FamilyName", "Suffix"}) {
      const auto text = string_field(candidate, part);
      if (text.empty()) continue;
      if (!built.empty()) built += ' ';
      built += text;
    }
    if (built.empty()) return faults::required_parameter("DisplayName");
    candidate["DisplayName"] = built;
  }
  if (const auto* email = candidate.if_contains("PrimaryEmailAddr")) {
    const auto address =
        email->is_object() ? string_field(email->get_object(), "Address") : std::string();
    if (!address.empty() &&
        (address.find('@') == std::string::npos || address.find('.') == std::string::npos)) {
      return faults::invalid_value(
          "PrimaryEmailAddr.Address",
          "Invalid Email Address format: the address must contain \"@\" and \".\"");
    }
  }
  set_default(candidate, "Active", true);
  set_default(candidate, "PrintOnCheckName",
              json::string(without_deleted_suffix(string_field(candidate, "DisplayName"))));
  apply_deactivation_name(candidate, previous, "DisplayName");
  if (auto fault = check_name(company, entity, candidate, "DisplayName")) return fault;

  const json::object currency{{"value", company.home_currency()},
                              {"name", company.home_currency_name()}};
  if (entity.name == "Customer") {
    const bool taxable = bool_field(candidate, "Taxable", true);
    candidate["Taxable"] = taxable;
    set_default(candidate, "Job", false);
    set_default(candidate, "BillWithParent", false);
    candidate["Balance"] =
        previous && previous->contains("Balance") ? previous->at("Balance") : json::value(0);
    candidate["BalanceWithJobs"] = previous && previous->contains("BalanceWithJobs")
                                       ? previous->at("BalanceWithJobs")
                                       : json::value(0);
    set_default(candidate, "CurrencyRef", currency);
    set_default(candidate, "PreferredDeliveryMethod", "Print");
    std::string qualified = string_field(candidate, "DisplayName");
    const auto parent_id = ref_value(candidate, "ParentRef");
    if (!parent_id.empty()) {
      const auto* parent = company.find("Customer", parent_id);
      if (!parent) return faults::invalid_reference("Customer", parent_id, "ParentRef");
      qualified = string_field(parent->object, "FullyQualifiedName") + ":" + qualified;
      candidate["Job"] = true;
      const auto* level = parent->object.if_contains("Level");
      candidate["Level"] = (level && level->is_int64() ? level->get_int64() : 0) + 1;
    }
    candidate["FullyQualifiedName"] = qualified;
    // A US company with automated sales tax gives taxable customers its taxable code.
    if (company.preset() == CompanyPreset::united_states && taxable) {
      set_default(candidate, "DefaultTaxCodeRef", json::object{{"value", "TAX"}});
    }
  } else if (entity.name == "Vendor") {
    candidate["Balance"] =
        previous && previous->contains("Balance") ? previous->at("Balance") : json::value(0);
    set_default(candidate, "Vendor1099", false);
    set_default(candidate, "CurrencyRef", currency);
  } else {
    set_default(candidate, "BillableTime", false);
  }
  return std::nullopt;
}

const char* classification_of(std::string_view account_type) {
  static const std::map<std::string_view, const char*> classes{
      {"Bank", "Asset"},
      {"Other Current Asset", "Asset"},
      {"Fixed Asset", "Asset"},
      {"Other Asset", "Asset"},
      {"Accounts Receivable", "Asset"},
      {"Equity", "Equity"},
      {"Expense", "Expense"},
      {"Other Expense", "Expense"},
      {"Cost of Goods Sold", "Expense"},
      {"Accounts Payable", "Liability"},
      {"Credit Card", "Liability"},
      {"Long Term Liability", "Liability"},
      {"Other Current Liability", "Liability"},
      {"Income", "Revenue"},
      {"Other Income", "Revenue"}};
  const auto found = classes.find(account_type);
  return found == classes.end() ? nullptr : found->second;
}

// Fills a reference's name from the referenced object; refuses a missing or inactive one.
std::optional<Fault> resolve_ref(const Company& company, json::object& holder,
                                 std::string_view field, std::string_view entity,
                                 std::string_view name_key, std::string_view element) {
  auto* ref = holder.if_contains(field);
  if (!ref) return std::nullopt;
  if (!ref->is_object())
    return faults::invalid_value(element, std::string(element) + " must be an object");
  const auto id = string_field(ref->get_object(), "value");
  if (id.empty()) return faults::required_parameter(std::string(element) + ".value");
  const auto* target = company.find(entity, id);
  if (!target) return faults::invalid_reference(entity, id, element);
  if (!bool_field(target->object, "Active", true)) return faults::inactive_reference(element);
  ref->get_object()["name"] = string_field(target->object, name_key);
  return std::nullopt;
}

std::optional<Fault> prepare_list(Company& company, const EntityInfo& entity,
                                  json::object& candidate, const json::object* previous) {
  set_default(candidate, "Active", true);
  apply_deactivation_name(candidate, previous, "Name");
  if (auto fault = check_name(company, entity, candidate, "Name")) return fault;
  candidate["FullyQualifiedName"] = string_field(candidate, "Name");
  const json::object currency{{"value", company.home_currency()},
                              {"name", company.home_currency_name()}};
  if (entity.name == "Account") {
    const auto type = string_field(candidate, "AccountType");
    if (type.empty()) return faults::required_parameter("AccountType");
    const char* classification = classification_of(type);
    if (!classification)
      return faults::invalid_value("AccountType", "Invalid Enumeration : " + type);
    set_default(candidate, "SubAccount", false);
    candidate["Classification"] = classification;
    set_default(candidate, "CurrentBalance", 0);
    set_default(candidate, "CurrentBalanceWithSubAccounts", 0);
    set_default(candidate, "CurrencyRef", currency);
    return std::nullopt;
  }
  // Item
  set_default(candidate, "Type", "Service");
  const auto type = string_field(candidate, "Type");
  if (type == "Service" || type == "NonInventory" || type == "Inventory") {
    if (ref_value(candidate, "IncomeAccountRef").empty())
      return faults::required_parameter("IncomeAccountRef");
  }
  for (const auto* field : {"IncomeAccountRef", "ExpenseAccountRef", "AssetAccountRef"}) {
    if (auto fault = resolve_ref(company, candidate, field, "Account", "Name", field)) return fault;
  }
  set_default(candidate, "Taxable", company.preset() == CompanyPreset::united_states);
  set_default(candidate, "UnitPrice", 0);
  set_default(candidate, "PurchaseCost", 0);
  set_default(candidate, "TrackQtyOnHand", false);
  return std::nullopt;
}

const json::object* find_by_name(const Company& company, std::string_view entity,
                                 std::string_view name) {
  for (const auto* object : company.all(entity)) {
    if (string_field(*object, "Name") == name) return object;
  }
  return nullptr;
}

json::object ref_to(const json::object& target, std::string_view name_key) {
  return json::object{{"value", string_field(target, "Id")},
                      {"name", string_field(target, name_key)}};
}

std::optional<Fault> check_currency(const Company& company, json::object& candidate) {
  const json::object currency{{"value", company.home_currency()},
                              {"name", company.home_currency_name()}};
  const auto given = ref_value(candidate, "CurrencyRef");
  if (!given.empty() && given != company.home_currency()) {
    return faults::business_validation(
        "Multicurrency is off for this company; the currency must be " +
            std::string(company.home_currency()) + ".",
        "CurrencyRef");
  }
  candidate["CurrencyRef"] = currency;
  return std::nullopt;
}

std::optional<Fault> check_txn_date(json::object& candidate,
                                    std::chrono::system_clock::time_point now) {
  const auto* date = candidate.if_contains("TxnDate");
  if (!date) {
    candidate["TxnDate"] = format_local_date(now);
    return std::nullopt;
  }
  if (!date->is_string() || date->get_string().size() != 10 || !parse_time(date->get_string())) {
    return faults::invalid_value("TxnDate", "Invalid date: TxnDate must be YYYY-MM-DD");
  }
  return std::nullopt;
}

std::optional<Fault> assign_doc_number(Company& company, const EntityInfo& entity,
                                       json::object& candidate, const json::object* previous,
                                       const PrepareOptions& options) {
  auto doc_number = string_field(candidate, "DocNumber");
  if (doc_number.empty()) {
    doc_number = previous && !string_field(*previous, "DocNumber").empty()
                     ? string_field(*previous, "DocNumber")
                     : company.next_doc_number(entity.name);
    candidate["DocNumber"] = doc_number;
    return std::nullopt;
  }
  if (doc_number.size() > kMaxDocNumber) {
    return faults::invalid_value("DocNumber",
                                 "Length exceeds limit: DocNumber is at most 21 characters");
  }
  if (options.allow_duplicate_doc_number) return std::nullopt;
  const auto own_id = string_field(candidate, "Id");
  for (const auto& [holder_entity, holder_id] :
       company.doc_number_holders(entity.name, doc_number)) {
    if (holder_id != own_id) return faults::duplicate_doc_number(doc_number);
  }
  return std::nullopt;
}

// Line Ids and LineNums as QBO numbers them: new lines get Ids after the highest one seen.
void number_lines(json::array& lines, const json::object* previous) {
  std::int64_t highest = 0;
  const auto scan = [&highest](const json::array& array) {
    for (const auto& line : array) {
      if (!line.is_object()) continue;
      const auto id = numeric_id(string_field(line.get_object(), "Id"));
      if (id && *id > highest) highest = *id;
    }
  };
  scan(lines);
  if (previous) {
    if (const auto* old_lines = previous->if_contains("Line"); old_lines && old_lines->is_array()) {
      scan(old_lines->get_array());
    }
  }
  std::int64_t line_number = 0;
  for (auto& line : lines) {
    if (!line.is_object()) continue;
    auto& object = line.get_object();
    const auto type = string_field(object, "DetailType");
    if (type == "SubTotalLineDetail" || type == "TaxLineDetail") continue;
    if (string_field(object, "Id").empty()) object["Id"] = std::to_string(++highest);
    object["LineNum"] = ++line_number;
  }
}

// Calls `visit(line, invoice_id)` for each invoice a line of `payment` links to, in order.
template <typename Visit>
void for_each_invoice_link(const json::object& payment, Visit visit) {
  const auto* lines = payment.if_contains("Line");
  if (!lines || !lines->is_array()) return;
  for (const auto& line : lines->get_array()) {
    const auto* links = line.is_object() ? line.get_object().if_contains("LinkedTxn") : nullptr;
    if (!links || !links->is_array()) continue;
    for (const auto& link : links->get_array()) {
      if (link.is_object() && string_field(link.get_object(), "TxnType") == "Invoice") {
        visit(line.get_object(), string_field(link.get_object(), "TxnId"));
      }
    }
  }
}

std::map<std::string, std::int64_t> applied_by_invoice(const Company& company,
                                                       std::string_view skip_payment);

std::optional<Fault> prepare_sales_document(Company& company, const EntityInfo& entity,
                                            json::object& candidate, const json::object* previous,
                                            std::chrono::system_clock::time_point now,
                                            const PrepareOptions& options) {
  auto* lines = candidate.if_contains("Line");
  if (!lines || !lines->is_array() || lines->get_array().empty())
    return faults::required_parameter("Line");
  const bool needs_customer =
      entity.name == "Invoice" || entity.name == "CreditMemo" || entity.name == "Estimate";
  if (needs_customer && ref_value(candidate, "CustomerRef").empty())
    return faults::required_parameter("CustomerRef");
  if (entity.name == "RefundReceipt" && ref_value(candidate, "DepositToAccountRef").empty()) {
    return faults::required_parameter("DepositToAccountRef");
  }
  if (auto fault =
          resolve_ref(company, candidate, "CustomerRef", "Customer", "DisplayName", "CustomerRef"))
    return fault;
  if (auto fault = check_currency(company, candidate)) return fault;
  if (auto fault = check_txn_date(candidate, now)) return fault;
  if (auto fault = assign_doc_number(company, entity, candidate, previous, options)) return fault;

  const auto* default_item = find_by_name(company, "Item", "Services");
  // The fields set above may have moved the object's storage.
  lines = candidate.if_contains("Line");
  for (auto& line : lines->get_array()) {
    if (!line.is_object()) return faults::invalid_value("Line", "Each Line must be an object");
    auto& object = line.get_object();
    if (string_field(object, "DetailType") != "SalesItemLineDetail") continue;
    auto* detail = object.if_contains("SalesItemLineDetail");
    if (!detail || !detail->is_object()) {
      return faults::required_parameter("Line.SalesItemLineDetail");
    }
    auto& detail_object = detail->get_object();
    if (!detail_object.contains("ItemRef") && default_item)
      detail_object["ItemRef"] = ref_to(*default_item, "Name");
    if (auto fault = resolve_ref(company, detail_object, "ItemRef", "Item", "Name",
                                 "Line.SalesItemLineDetail.ItemRef")) {
      return fault;
    }
  }
  number_lines(lines->get_array(), previous);

  const auto* customer_ref = candidate.if_contains("CustomerRef");
  const Record* customer =
      customer_ref ? company.find("Customer", ref_value(candidate, "CustomerRef")) : nullptr;
  if (customer) {
    for (const auto* address : {"BillAddr", "ShipAddr"}) {
      if (!candidate.contains(address) && customer->object.contains(address)) {
        candidate[address] = customer->object.at(address);
      }
    }
  }
  if (entity.name == "SalesReceipt" || entity.name == "RefundReceipt") {
    if (entity.name == "SalesReceipt" && !candidate.contains("DepositToAccountRef")) {
      if (const auto* funds = find_by_name(company, "Account", "Undeposited Funds")) {
        candidate["DepositToAccountRef"] = ref_to(*funds, "Name");
      }
    }
    if (auto fault = resolve_ref(company, candidate, "DepositToAccountRef", "Account", "Name",
                                 "DepositToAccountRef")) {
      return fault;
    }
  }
  if (entity.name == "Invoice") {
    set_default(candidate, "AllowIPNPayment", false);
    set_default(candidate, "AllowOnlinePayment", false);
    set_default(candidate, "AllowOnlineCreditCardPayment", false);
    set_default(candidate, "AllowOnlineACHPayment", false);
    if (!candidate.contains("DueDate")) {
      if (auto due = add_days(string_field(candidate, "TxnDate"), 30)) candidate["DueDate"] = *due;
    }
    // Payments keep LinkedTxn up to date; what the client sends there is not trusted.
    candidate["LinkedTxn"] =
        previous && previous->contains("LinkedTxn") ? previous->at("LinkedTxn") : json::array{};
  }
  if (entity.name != "CreditMemo" && entity.name != "RefundReceipt") {
    set_default(candidate, "PrintStatus", "NotSet");
    set_default(candidate, "EmailStatus", "NotSet");
  }
  set_default(candidate, "ApplyTaxAfterDiscount", false);
  if (company.region() == tax::Region::canada)
    set_default(candidate, "GlobalTaxCalculation", "TaxExcluded");

  std::string applied = "0";
  if (entity.name == "Invoice") {
    const auto applied_map = applied_by_invoice(company, {});
    const auto found = applied_map.find(string_field(candidate, "Id"));
    if (found != applied_map.end()) applied = cents_to_text(found->second);
  }
  const auto codes = company.tax_codes();
  const auto rates = company.tax_rates();
  if (auto fault =
          tax::compute_totals(candidate, entity.name, company.region(), codes, rates, applied)) {
    return fault;
  }
  if (entity.name == "Invoice") {
    const auto total =
        to_cents(candidate.contains("TotalAmt") ? candidate.at("TotalAmt") : json::value(0));
    const auto applied_cents = to_cents(json::value(json::string(applied)));
    if (total && applied_cents && *total < *applied_cents) {
      return faults::business_validation(
          "The invoice total can't be less than the payments applied to it.", "TotalAmt");
    }
  }
  if (entity.name == "SalesReceipt" || entity.name == "RefundReceipt") candidate["Balance"] = 0;
  return std::nullopt;
}

// What each Payment line applies to invoices, in cents, by invoice Id.
std::map<std::string, std::int64_t> applied_by_invoice(const Company& company,
                                                       std::string_view skip_payment) {
  std::map<std::string, std::int64_t> applied;
  for (const auto* payment : company.all("Payment")) {
    if (!skip_payment.empty() && string_field(*payment, "Id") == skip_payment) continue;
    for_each_invoice_link(*payment, [&](const json::object& line, const std::string& invoice_id) {
      const auto amount = to_cents(line.contains("Amount") ? line.at("Amount") : json::value(0));
      if (amount) applied[invoice_id] += *amount;
    });
  }
  return applied;
}

std::optional<Fault> prepare_payment(Company& company, json::object& candidate,
                                     const json::object* previous,
                                     std::chrono::system_clock::time_point now) {
  if (ref_value(candidate, "CustomerRef").empty()) return faults::required_parameter("CustomerRef");
  if (!candidate.contains("TotalAmt")) return faults::required_parameter("TotalAmt");
  const auto total = to_cents(candidate.at("TotalAmt"));
  if (!total) return faults::invalid_value("TotalAmt", "TotalAmt must be a number");
  if (*total < 0)
    return faults::business_validation("A payment's TotalAmt can't be negative.", "TotalAmt");
  if (auto fault =
          resolve_ref(company, candidate, "CustomerRef", "Customer", "DisplayName", "CustomerRef"))
    return fault;
  if (auto fault = check_currency(company, candidate)) return fault;
  if (auto fault = check_txn_date(candidate, now)) return fault;
  const auto customer_id = ref_value(candidate, "CustomerRef");
  const auto own_id = string_field(candidate, "Id");
  const auto applied_elsewhere = applied_by_invoice(company, own_id);

  set_default(candidate, "Line", json::array{});
  if (!candidate.at("Line").is_array())
    return faults::invalid_value("Line", "Line must be an array");
  std::int64_t applied_total = 0;
  std::map<std::string, std::int64_t> applied_here;
  for (const auto& line : candidate.at("Line").get_array()) {
    if (!line.is_object()) return faults::invalid_value("Line", "Each Line must be an object");
    const auto& object = line.get_object();
    if (!object.contains("Amount")) return faults::required_parameter("Line.Amount");
    const auto amount = to_cents(object.at("Amount"));
    if (!amount || *amount < 0)
      return faults::invalid_value("Line.Amount", "Line.Amount must be a positive number");
    applied_total += *amount;
    const auto* links = object.if_contains("LinkedTxn");
    if (!links || !links->is_array() || links->get_array().empty()) {
      return faults::required_parameter("Line.LinkedTxn");
    }
    for (const auto& link : links->get_array()) {
      if (!link.is_object())
        return faults::invalid_value("Line.LinkedTxn", "LinkedTxn must be an object");
      const auto type = string_field(link.get_object(), "TxnType");
      const auto txn_id = string_field(link.get_object(), "TxnId");
      if (type != "Invoice") {
        return faults::business_validation(
            "The sandbox applies payments to invoices only (TxnType " + type + ").",
            "Line.LinkedTxn.TxnType");
      }
      const auto* invoice = company.find("Invoice", txn_id);
      if (!invoice) return faults::invalid_reference("Invoice", txn_id, "Line.LinkedTxn.TxnId");
      if (ref_value(invoice->object, "CustomerRef") != customer_id) {
        return faults::business_validation("Invoice " + txn_id + " belongs to another customer.",
                                           "Line.LinkedTxn.TxnId");
      }
      applied_here[txn_id] += *amount;
      const auto invoice_total = to_cents(
          invoice->object.contains("TotalAmt") ? invoice->object.at("TotalAmt") : json::value(0));
      const auto elsewhere = applied_elsewhere.contains(txn_id) ? applied_elsewhere.at(txn_id) : 0;
      if (invoice_total && applied_here[txn_id] + elsewhere > *invoice_total) {
        return faults::business_validation("The amount applied to invoice " + txn_id +
                                               " exceeds its open balance of " +
                                               cents_to_text(*invoice_total - elsewhere) + ".",
                                           "Line.Amount");
      }
    }
  }
  if (applied_total > *total) {
    return faults::business_validation("The amounts applied (" + cents_to_text(applied_total) +
                                           ") exceed the payment's TotalAmt (" +
                                           cents_to_text(*total) + ").",
                                       "TotalAmt");
  }
  candidate["UnappliedAmt"] = cents_to_json(*total - applied_total);
  set_default(candidate, "ProcessPayment", false);
  if (!candidate.contains("DepositToAccountRef")) {
    if (const auto* funds = find_by_name(company, "Account", "Undeposited Funds")) {
      candidate["DepositToAccountRef"] = ref_to(*funds, "Name");
    }
  }
  if (auto fault = resolve_ref(company, candidate, "DepositToAccountRef", "Account", "Name",
                               "DepositToAccountRef")) {
    return fault;
  }
  (void)previous;
  return std::nullopt;
}

}  // namespace

std::optional<Fault> prepare_entity(Company& company, const EntityInfo& entity,
                                    json::object& candidate, const json::object* previous,
                                    std::chrono::system_clock::time_point now,
                                    const PrepareOptions& options) {
  if (auto fault = check_properties(entity, candidate)) return fault;
  switch (entity.kind) {
    case EntityKind::name_list:
      return prepare_name_list(company, entity, candidate, previous);
    case EntityKind::list:
      return prepare_list(company, entity, candidate, previous);
    case EntityKind::singleton:
      return std::nullopt;
    case EntityKind::transaction:
      if (entity.name == "Payment") return prepare_payment(company, candidate, previous, now);
      if (entity.name == "Deposit") return prepare_deposit(company, candidate, previous, now);
      return prepare_sales_document(company, entity, candidate, previous, now, options);
  }
  return std::nullopt;
}

void void_transaction(json::object& transaction, std::string_view entity) {
  if (auto* lines = transaction.if_contains("Line"); lines && lines->is_array()) {
    for (auto& line : lines->get_array()) {
      if (line.is_object() && line.get_object().contains("Amount")) line.get_object()["Amount"] = 0;
    }
  }
  if (auto* detail = transaction.if_contains("TxnTaxDetail"); detail && detail->is_object()) {
    auto& tax_detail = detail->get_object();
    tax_detail["TotalTax"] = 0;
    if (auto* tax_lines = tax_detail.if_contains("TaxLine"); tax_lines && tax_lines->is_array()) {
      for (auto& line : tax_lines->get_array()) {
        if (!line.is_object()) continue;
        line.get_object()["Amount"] = 0;
        if (auto* inner = line.get_object().if_contains("TaxLineDetail");
            inner && inner->is_object()) {
          if (inner->get_object().contains("NetAmountTaxable"))
            inner->get_object()["NetAmountTaxable"] = 0;
        }
      }
    }
  }
  transaction["TotalAmt"] = 0;
  if (transaction.contains("Balance") || entity == "Invoice") transaction["Balance"] = 0;
  if (entity == "Payment") transaction["UnappliedAmt"] = 0;
  const auto note = string_field(transaction, "PrivateNote");
  transaction["PrivateNote"] = note.empty() ? std::string("Voided") : "Voided - " + note;
}

std::optional<Fault> check_removable(const Company& company, const EntityInfo& entity,
                                     const json::object& stored) {
  if (entity.name != "Invoice") return std::nullopt;
  const auto applied = applied_by_invoice(company, {});
  const auto found = applied.find(string_field(stored, "Id"));
  if (found != applied.end() && found->second > 0) {
    return faults::business_validation(
        "This invoice has payments applied to it. Remove the payments before you void or delete "
        "it.");
  }
  return std::nullopt;
}

void balance_scope(std::string_view entity, const json::object* version,
                   std::set<std::string>& invoices, std::set<std::string>& customers) {
  if (!version) return;
  const auto customer = ref_value(*version, "CustomerRef");
  if (!customer.empty()) customers.insert(customer);
  if (entity == "Invoice") {
    invoices.insert(string_field(*version, "Id"));
    return;
  }
  if (entity != "Payment") return;
  for_each_invoice_link(*version, [&](const json::object&, const std::string& invoice_id) {
    invoices.insert(invoice_id);
  });
}

std::vector<std::string> rebalance(Company& company, std::chrono::system_clock::time_point now,
                                   const std::set<std::string>& invoice_ids,
                                   std::set<std::string> customer_ids) {
  std::vector<std::string> changed;
  if (invoice_ids.empty() && customer_ids.empty()) return changed;
  const auto applied = applied_by_invoice(company, {});
  std::map<std::string, std::vector<std::string>> payments_by_invoice;
  for (const auto* payment : company.all("Payment")) {
    const auto payment_id = string_field(*payment, "Id");
    for_each_invoice_link(*payment, [&](const json::object&, const std::string& invoice_id) {
      if (!invoice_ids.contains(invoice_id)) return;
      auto& list = payments_by_invoice[invoice_id];
      if (list.empty() || list.back() != payment_id) list.push_back(payment_id);
    });
  }
  const auto time = format_metadata_time(now);
  for (const auto& id : invoice_ids) {
    auto* record = company.find("Invoice", id);
    if (!record) continue;
    auto& invoice = record->object;
    customer_ids.insert(ref_value(invoice, "CustomerRef"));
    const auto total =
        to_cents(invoice.contains("TotalAmt") ? invoice.at("TotalAmt") : json::value(0))
            .value_or(0);
    const auto paid = applied.contains(id) ? applied.at(id) : 0;
    const auto balance = total - paid;

    json::array links;
    if (const auto* old = invoice.if_contains("LinkedTxn"); old && old->is_array()) {
      for (const auto& link : old->get_array()) {
        if (link.is_object() && string_field(link.get_object(), "TxnType") != "Payment")
          links.push_back(link);
      }
    }
    if (payments_by_invoice.contains(id)) {
      for (const auto& payment_id : payments_by_invoice.at(id)) {
        links.push_back(json::object{{"TxnId", payment_id}, {"TxnType", "Payment"}});
      }
    }
    const auto old_balance =
        to_cents(invoice.contains("Balance") ? invoice.at("Balance") : json::value(0));
    const bool links_changed =
        !invoice.contains("LinkedTxn") || invoice.at("LinkedTxn") != json::value(links);
    if (old_balance != balance || links_changed) {
      invoice["Balance"] = cents_to_json(balance);
      invoice["LinkedTxn"] = std::move(links);
      if (auto* meta = invoice.if_contains("MetaData"); meta && meta->is_object()) {
        meta->get_object()["LastUpdatedTime"] = time;
      }
      record->updated = now;
      if (old_balance != balance) changed.push_back(id);
    }
  }

  // A customer's Balance is what its open invoices still ask for.
  std::map<std::string, std::int64_t, std::less<>> balance_by_customer;
  for (const auto& id : customer_ids) balance_by_customer[id] = 0;
  for (auto& [customer_id, balance] : balance_by_customer) {
    for (const auto& holder : company.invoices_of(customer_id)) {
      const auto* invoice = company.find("Invoice", holder.second);
      if (!invoice) continue;
      const auto& object = invoice->object;
      balance +=
          to_cents(object.contains("Balance") ? object.at("Balance") : json::value(0)).value_or(0);
    }
  }
  for (const auto& [id, balance] : balance_by_customer) {
    auto* record = id.empty() ? nullptr : company.find("Customer", id);
    if (!record) continue;
    auto& customer = record->object;
    const auto old_balance =
        to_cents(customer.contains("Balance") ? customer.at("Balance") : json::value(0));
    if (old_balance && *old_balance == balance) continue;
    customer["Balance"] = cents_to_json(balance);
    customer["BalanceWithJobs"] = cents_to_json(balance);
    if (auto* meta = customer.if_contains("MetaData"); meta && meta->is_object()) {
      meta->get_object()["LastUpdatedTime"] = time;
    }
    record->updated = now;
  }
  return changed;
}

}  // namespace qbo_sandbox
