// Settings checked when they are saved: every QuickBooks id the admin put in the integration card
// (tax codes, items, accounts, payment methods) must exist in the connected company, so that a
// typo is refused at once instead of failing every record later.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <boost/json/value.hpp>

#include "mapping/company_data.h"

namespace qbo_sync::runtime {

// A settings field naming a QuickBooks object the company does not have, or a tax code that does
// not charge what is mapped to it.
struct UnknownQboReference {
  std::string code = "unknown_qbo_reference";  // or "tax_rate_mismatch"
  std::string path;     // JSON Pointer of the field, e.g. /settings/tax_mappings/2/qbo_tax_code_id
  std::string id;       // the id the admin gave
  std::string kind;     // what it should be, e.g. "TaxCode", "Item", "income Account"
  std::string message;  // plain language, naming the id, the kind and what to do
};

// Checks an accepted settings.changed payload (parsed) against what discovery stored about the
// company: first every reference exists and is usable (the first problem in document order), then
// the tax codes charge, on `today` (YYYY-MM-DD), the rates mapped to them. nullopt when all fit.
std::optional<UnknownQboReference> check_settings_references(const boost::json::value& payload,
                                                             const mapping::CompanyData& company,
                                                             std::string_view today = {});

}  // namespace qbo_sync::runtime
