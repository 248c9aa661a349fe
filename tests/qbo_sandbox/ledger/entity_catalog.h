#pragma once

#include <string_view>
#include <vector>

namespace qbo_sandbox {

enum class EntityKind {
  name_list,    // Customer, Vendor, Employee: one DisplayName space, deactivated, never deleted
  list,         // Item, Account, TaxCode, TaxRate: deactivated, never deleted
  transaction,  // SalesReceipt, Invoice, Payment, ...: deleted and (some) voided
  singleton,    // CompanyInfo, Preferences: one per company
};

struct EntityInfo {
  std::string_view name;  // QBO's spelling: "SalesReceipt"
  std::string_view path;  // the URL segment: "salesreceipt"
  EntityKind kind;
  bool writable;              // POST create/update accepted
  bool voidable;              // ?operation=void
  bool has_lines;             // totals computed by tax::compute_totals
  std::string_view sequence;  // entities sharing a sequence share Id numbers
};

const std::vector<EntityInfo>& all_entities();
// By URL segment, case-insensitively ("salesreceipt", "SalesReceipt").
const EntityInfo* entity_by_path(std::string_view segment);
// By QBO's name, case-insensitively (CDC's entities=, batch keys).
const EntityInfo* entity_by_name(std::string_view name);

}  // namespace qbo_sandbox
