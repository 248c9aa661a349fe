#include "entity_catalog.h"

#include <boost/algorithm/string/predicate.hpp>

namespace qbo_sandbox {

const std::vector<EntityInfo>& all_entities() {
  static const std::vector<EntityInfo> entities{
      {"Customer", "customer", EntityKind::name_list, true, false, false, "name"},
      {"Vendor", "vendor", EntityKind::name_list, true, false, false, "name"},
      {"Employee", "employee", EntityKind::name_list, true, false, false, "name"},
      {"Item", "item", EntityKind::list, true, false, false, "Item"},
      {"Account", "account", EntityKind::list, true, false, false, "Account"},
      {"TaxCode", "taxcode", EntityKind::list, false, false, false, "TaxCode"},
      {"TaxRate", "taxrate", EntityKind::list, false, false, false, "TaxRate"},
      {"PaymentMethod", "paymentmethod", EntityKind::list, false, false, false, "PaymentMethod"},
      {"CompanyInfo", "companyinfo", EntityKind::singleton, true, false, false, "CompanyInfo"},
      {"Preferences", "preferences", EntityKind::singleton, true, false, false, "Preferences"},
      {"SalesReceipt", "salesreceipt", EntityKind::transaction, true, true, true, "SalesReceipt"},
      {"Invoice", "invoice", EntityKind::transaction, true, true, true, "Invoice"},
      {"Payment", "payment", EntityKind::transaction, true, true, false, "Payment"},
      {"CreditMemo", "creditmemo", EntityKind::transaction, true, false, true, "CreditMemo"},
      {"RefundReceipt", "refundreceipt", EntityKind::transaction, true, true, true,
       "RefundReceipt"},
      {"Estimate", "estimate", EntityKind::transaction, true, false, true, "Estimate"},
      {"Deposit", "deposit", EntityKind::transaction, true, false, false, "Deposit"},
  };
  return entities;
}

const EntityInfo* entity_by_path(std::string_view segment) {
  for (const auto& entity : all_entities()) {
    if (boost::algorithm::iequals(entity.path, segment)) return &entity;
  }
  return nullptr;
}

const EntityInfo* entity_by_name(std::string_view name) {
  for (const auto& entity : all_entities()) {
    if (boost::algorithm::iequals(entity.name, name)) return &entity;
  }
  return nullptr;
}

}  // namespace qbo_sandbox
