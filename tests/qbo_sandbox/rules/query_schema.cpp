#include "query_schema.h"

#include <algorithm>
#include <cctype>

#include "query.h"
#include "text/ascii.h"

namespace qbo_sandbox::query {
namespace schema {
namespace {

const std::vector<std::string> kCommonFields = {"Id", "MetaData.CreateTime",
                                                "MetaData.LastUpdatedTime"};

std::vector<EntityRules> build_entity_rules() {
  const std::vector<std::string> sales = {"DocNumber", "TxnDate", "CustomerRef", "TotalAmt"};
  const std::vector<std::string> purchases = {"DocNumber", "TxnDate", "VendorRef", "TotalAmt"};
  auto with = [](std::vector<std::string> base, std::initializer_list<const char*> extra) {
    base.insert(base.end(), extra.begin(), extra.end());
    return base;
  };
  const std::vector<std::string> simple_list = {"Name", "Active"};
  return {
      {"Account",
       true,
       "FullyQualifiedName",
       {"Name", "Active", "AccountType", "AccountSubType", "Classification", "FullyQualifiedName",
        "CurrentBalance", "CurrentBalanceWithSubAccounts", "ParentRef"}},
      {"Bill", false, "", with(purchases, {"Balance", "DueDate"})},
      {"BillPayment", false, "", purchases},
      {"Class", true, "FullyQualifiedName", with(simple_list, {"FullyQualifiedName", "ParentRef"})},
      {"CompanyInfo", false, "", {}},
      {"CreditMemo", false, "", with(sales, {"Balance"})},
      {"Customer",
       true,
       "FullyQualifiedName",
       {"DisplayName", "GivenName", "MiddleName", "FamilyName", "CompanyName", "FullyQualifiedName",
        "PrimaryEmailAddr", "Active", "Balance", "Job", "ParentRef"}},
      {"Department", true, "FullyQualifiedName",
       with(simple_list, {"FullyQualifiedName", "ParentRef"})},
      {"Deposit", false, "", {"TxnDate", "TotalAmt"}},
      {"Employee",
       true,
       "DisplayName",
       {"DisplayName", "GivenName", "MiddleName", "FamilyName", "Active", "EmployeeNumber"}},
      {"Estimate", false, "", with(sales, {"TxnStatus", "ExpirationDate"})},
      {"Invoice", false, "", with(sales, {"Balance", "DueDate", "EmailStatus", "PrintStatus"})},
      {"Item",
       true,
       "FullyQualifiedName",
       {"Name", "Active", "Type", "Sku", "FullyQualifiedName", "ParentRef"}},
      {"JournalEntry", false, "", {"DocNumber", "TxnDate"}},
      {"Payment", false, "", {"TxnDate", "CustomerRef", "TotalAmt", "PaymentRefNum"}},
      {"PaymentMethod", true, "Name", with(simple_list, {"Type"})},
      {"Preferences", false, "", {}},
      {"Purchase", false, "", {"DocNumber", "TxnDate", "TotalAmt", "PaymentType"}},
      {"PurchaseOrder", false, "", purchases},
      {"RefundReceipt", false, "", sales},
      {"SalesReceipt", false, "", sales},
      {"TaxAgency", false, "", {"DisplayName"}},
      {"TaxCode", true, "Name", with(simple_list, {"Taxable", "TaxGroup"})},
      {"TaxRate", true, "Name", with(simple_list, {"AgencyRef", "RateValue"})},
      {"Term", true, "Name", simple_list},
      {"TimeActivity", false, "", {"TxnDate"}},
      {"Transfer", false, "", {"TxnDate", "Amount"}},
      {"Vendor",
       true,
       "DisplayName",
       {"DisplayName", "GivenName", "MiddleName", "FamilyName", "CompanyName", "Active", "Balance",
        "Vendor1099"}},
      {"VendorCredit", false, "", purchases},
  };
}

}  // namespace

const std::vector<EntityRules>& entity_rules() {
  static const std::vector<EntityRules> rules = build_entity_rules();
  return rules;
}

const EntityRules* find_entity(std::string_view name) {
  for (const auto& rules : entity_rules()) {
    if (qbo_sync::text::equal_ascii_nocase(rules.name, name)) {
      return &rules;
    }
  }
  return nullptr;
}

std::optional<std::string> filterable_field(const EntityRules& entity, std::string_view field) {
  for (const auto& candidate : kCommonFields) {
    if (qbo_sync::text::equal_ascii_nocase(candidate, field)) {
      return candidate;
    }
  }
  for (const auto& candidate : entity.filterable) {
    if (qbo_sync::text::equal_ascii_nocase(candidate, field)) {
      return candidate;
    }
  }
  return std::nullopt;
}

Fault validation_fault(std::string detail) {
  return make_fault("4001", "Invalid query", "QueryValidationError: " + std::move(detail));
}

}  // namespace schema

const std::vector<std::string>& queryable_entities() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> result;
    for (const auto& rules : schema::entity_rules()) {
      result.push_back(rules.name);
    }
    return result;
  }();
  return names;
}

}  // namespace qbo_sandbox::query
