#include "runtime/tax_settings_check.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>
#include <vector>

#include <boost/json/array.hpp>

#include "inbound/qbo_json.h"
#include "money/json_numbers.h"
#include "tax/name_folding.h"
#include "tax/tax_mapping.h"

namespace qbo_sync::runtime {
namespace json = boost::json;
using inbound::text_at;
namespace {

struct MappedEntry {
  std::size_t index = 0;
  std::string name;
  money::Decimal percent;
  std::string code_id;
};

std::string entry_path(std::size_t index) {
  return "/settings/tax_mappings/" + std::to_string(index) + "/qbo_tax_code_id";
}

std::string describe_code(const tax::TaxCode& code) {
  return "\"" + code.name + "\" (Id " + code.id + ")";
}

std::set<money::Decimal> charged_rates(const tax::TaxCode& code) {
  std::set<money::Decimal> rates;
  for (const auto& rate : code.sales_rates) {
    if (!rate.percent.is_zero()) rates.insert(rate.percent);
  }
  return rates;
}

std::string describe(const std::set<money::Decimal>& rates) {
  return tax::describe_rates(std::vector<money::Decimal>(rates.begin(), rates.end()));
}

// The entries mapped to one code for one region (or for any): the CRM taxes a line may carry
// into that code.
using Groups = std::map<std::pair<std::string, std::string>, std::vector<MappedEntry>>;

Groups grouped_entries(const json::object& settings) {
  Groups groups;
  const json::value* list = settings.if_contains("tax_mappings");
  if (!list || !list->is_array()) return groups;
  std::size_t index = 0;
  for (const json::value& value : list->as_array()) {
    const std::size_t at = index++;
    if (!value.is_object()) continue;
    const json::object& entry = value.as_object();
    const json::value* rate = entry.if_contains("crm_tax_rate");
    const auto percent = rate ? money::decimal_from_json(*rate) : std::nullopt;
    const std::string code_id = text_at(entry, "qbo_tax_code_id");
    if (!percent || code_id.empty()) continue;
    groups[{code_id, tax::folded_name(text_at(entry, "region"))}].push_back(
        {at, text_at(entry, "crm_tax_name"), *percent, code_id});
  }
  return groups;
}

// A group fits its code when each entry charges the code's whole rate (one CRM tax for a combined
// code), and the others together charge exactly the code's rates (one entry per tax).
// The mismatch, with the index of the entry it blames.
using GroupMismatch = std::pair<std::size_t, TaxRateMismatch>;

std::optional<GroupMismatch> check_group(const std::vector<MappedEntry>& entries,
                                         const tax::TaxCode& code, std::string_view today) {
  const std::string path = entry_path(entries.front().index);
  if (!code.usable_on_sales())
    return GroupMismatch{
        entries.front().index,
        {path, code.id,
         "the QuickBooks TaxCode " + describe_code(code) + " cannot be used on a sales line on " +
             std::string(today) + ": " + code.unusable_reason + " (field " + path + ")"}};
  const auto code_rates = charged_rates(code);
  const money::Decimal total = code.total_percent();
  std::set<money::Decimal> per_tax;
  const MappedEntry* stray = nullptr;
  for (const auto& entry : entries) {
    if (entry.percent == total) continue;
    per_tax.insert(entry.percent);
    if (!stray && code_rates.count(entry.percent) == 0) stray = &entry;
  }
  if (per_tax.empty() || per_tax == code_rates) return std::nullopt;
  const MappedEntry& blamed = stray ? *stray : entries.front();
  const std::string blamed_path = entry_path(blamed.index);
  std::string message = "the QuickBooks TaxCode " + describe_code(code) + " charges " +
                        describe(code_rates) + " on " + std::string(today) + ", but field " +
                        blamed_path + " maps the CRM tax \"" + blamed.name + "\" at " +
                        blamed.percent.to_canonical_string() + " % to it";
  if (!stray)
    message += ", and no mapping brings it the rest (the CRM taxes mapped to it charge " +
               describe(per_tax) +
               "); map each of the code's taxes to it, or choose a code "
               "charging " +
               describe(per_tax);
  else
    message += "; choose a code charging " + blamed.percent.to_canonical_string() + " %";
  return GroupMismatch{blamed.index, {blamed_path, code.id, std::move(message)}};
}

std::optional<TaxRateMismatch> check_untaxed(const json::object& settings, std::string_view field,
                                             std::string_view what,
                                             const tax::TenantTaxModel& model,
                                             std::string_view today) {
  const std::string id = text_at(settings, field);
  const tax::TaxCode* code = id.empty() ? nullptr : model.find_code(id);
  if (!code || code->all_rates_zero()) return std::nullopt;
  const std::string path = "/settings/" + std::string(field);
  return TaxRateMismatch{path, id,
                         "the QuickBooks TaxCode " + describe_code(*code) + " charges " +
                             describe(charged_rates(*code)) + " on " + std::string(today) +
                             ", but field " + path + " must name " + std::string(what) +
                             " code, which charges nothing; choose one that charges 0 %"};
}

}  // namespace

std::optional<TaxRateMismatch> check_tax_rates(const json::object& settings,
                                               const mapping::CompanyData& company,
                                               std::string_view today) {
  auto built = company.tax_model(today);
  const auto* model = std::get_if<tax::TenantTaxModel>(&built);
  // A US company folds tax into prices; a company whose data cannot be read is judged at sync.
  if (!model || model->regime == tax::TaxRegime::united_states) return std::nullopt;
  std::optional<GroupMismatch> first;
  for (const auto& [key, entries] : grouped_entries(settings)) {
    const tax::TaxCode* code = model->find_code(key.first);
    if (!code) continue;
    auto mismatch = check_group(entries, *code, today);
    // Report the mismatch that comes first in the settings, as the screen shows them.
    if (mismatch && (!first || mismatch->first < first->first)) first = std::move(mismatch);
  }
  if (first) return std::move(first->second);
  if (auto mismatch = check_untaxed(settings, "exempt_tax_code_id", "an exempt", *model, today))
    return mismatch;
  return check_untaxed(settings, "zero_rated_tax_code_id", "a zero-rated", *model, today);
}

}  // namespace qbo_sync::runtime
