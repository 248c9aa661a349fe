// Which QBO TaxCode a CRM line gets: the account's own mapping first (CRM tax name, then rate),
// then the company's codes matched by the line's rates and the customer's province.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include <boost/json/value.hpp>

#include "money/decimal.h"
#include "tax/sales_document.h"
#include "tax/tax_model.h"

namespace qbo_sync::tax {

// One entry of the account's tax mappings: a CRM tax, by name and rate, and the code it gets. A
// line taxed by several taxes gets the code its taxes' entries agree on (GST 5 and PST 7 both
// mapped to one "GST/PST BC" code), or the code of one entry naming them all ("GST + PST", 12).
struct MappedTax {
  std::size_t setting_index = 0;  // its position in the settings' list, for messages
  std::string name;               // as the admin typed it; compared with Unicode case folding
  money::Decimal percent;         // compared exactly
  std::string region;             // a province or state; empty: any
  std::string code_id;
  std::string name_key;  // `name` case-folded once, as every line's taxes are compared with it
};

// An entry with its name key.
MappedTax mapped_tax(std::size_t setting_index, std::string name, money::Decimal percent,
                     std::string region, std::string code_id);

// The account's mapping, as saved in its settings. A mapping that fits a line always wins over
// the automatic choice; an entry bound to the customer's region wins over an unbound one.
struct TaxMappingOverrides {
  std::vector<MappedTax> mapped_taxes;
  // CRM tax name → TaxCode Id, whatever the rate. A line taxed by several taxes is keyed by their
  // names joined with " + " in the CRM's order ("GST + QST"). Keys are folded names.
  std::map<std::string, std::string> by_tax_name;
  // The line's combined CRM rate in percent (14.975) → TaxCode Id.
  std::vector<std::pair<money::Decimal, std::string>> by_rate;
  // Codes for untaxed lines; when absent they are found by name ("Exempt", "Zero-rated",
  // "Out of Scope").
  std::optional<std::string> exempt_code;
  std::optional<std::string> zero_rated_code;
  std::optional<std::string> out_of_scope_code;
  // What a line with no tax and no exemption of its own is treated as.
  Exemption untaxed_lines = Exemption::exempt;
};

struct OverrideError {
  std::string field;    // e.g. "tax_mapping.by_tax_name.GST"
  std::string code_id;  // the TaxCode Id the field names, if any
  std::string message;
};

// Reads the mapping from settings JSON:
// {"by_tax_name":{"GST + QST":"7"},"by_rate":{"13":"5"},"exempt":"2","zero_rated":"3",
//  "out_of_scope":"6","untaxed_lines":"exempt"|"zero_rated"|"out_of_scope"} (every member
// optional).
std::variant<TaxMappingOverrides, OverrideError> overrides_from_json(
    const boost::json::value& settings);

// Checks every mapped code against the company's codes: it must exist, be usable on a sales line,
// charge the rate it is mapped from, and, for untaxed lines, charge nothing. Empty when all is
// well.
std::vector<OverrideError> validate_overrides(const TaxMappingOverrides& overrides,
                                              const TenantTaxModel& model);

// A line that cannot be given a TaxCode: the record is blocked until the mapping exists.
struct MissingTaxMapping {
  std::size_t line_index = 0;   // 0-based, in the CRM's order
  std::string line_name;        // the CRM product name
  std::string missing_mapping;  // what to map, e.g. "tax \"GST + QST\" (14.975 %)"
  std::string message;          // a sentence for the admin
};

// The QBO TaxCode for one line of a document in a non-US company. `province` is the customer's
// province (the company's when the customer has none).
std::variant<const TaxCode*, MissingTaxMapping> resolve_line_tax_code(
    const TenantTaxModel& model, const TaxMappingOverrides& overrides, const SalesLine& line,
    std::size_t line_index, std::string_view province);

// The line's taxes that charge a non-zero rate.
std::vector<const LineTax*> charged_taxes(const SalesLine& line);

// "5 % + 9.975 %"
std::string describe_rates(const std::vector<money::Decimal>& percents);

}  // namespace qbo_sync::tax
