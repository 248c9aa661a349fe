#include "tax/tax_mapping.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

#include "tax/name_folding.h"
#include "text/ascii.h"

namespace qbo_sync::tax {
namespace {

namespace json = boost::json;

std::string trimmed(std::string_view text) {
  return std::string(text::trim(text, " \t"));
}

std::string name_key(std::string_view name) {
  return folded_name(name);
}

const std::set<std::string>& province_codes() {
  static const std::set<std::string> codes = {"AB", "BC", "MB", "NB", "NL", "NS", "NT",
                                              "NU", "ON", "PE", "QC", "SK", "YT"};
  return codes;
}

// Upper-cased alphanumeric words of a code name: "GST/QST QC - 9.975" → GST QST QC 9 975.
std::vector<std::string> name_tokens(std::string_view name) {
  std::vector<std::string> tokens;
  std::string current;
  for (const char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      current += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    } else if (!current.empty()) {
      tokens.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) tokens.push_back(std::move(current));
  return tokens;
}

std::vector<std::string> provinces_named(const TaxCode& code) {
  std::vector<std::string> named;
  for (const auto& token : name_tokens(code.name)) {
    if (province_codes().count(token)) named.push_back(token);
  }
  return named;
}

// The year a code was created for a rate change ("HST NS 2025"), 0 when it has none.
int year_of(const TaxCode& code) {
  int year = 0;
  for (const auto& token : name_tokens(code.name)) {
    if (token.size() == 4 && std::all_of(token.begin(), token.end(), ::isdigit))
      year = std::max(year, std::stoi(token));
  }
  return year;
}

std::vector<money::Decimal> sorted_percents(std::vector<money::Decimal> percents) {
  std::sort(percents.begin(), percents.end());
  return percents;
}

std::vector<money::Decimal> charged_percents(const TaxCode& code) {
  std::vector<money::Decimal> percents;
  for (const auto& rate : code.sales_rates) {
    if (!rate.percent.is_zero()) percents.push_back(rate.percent);
  }
  return sorted_percents(std::move(percents));
}

money::Decimal sum(const std::vector<money::Decimal>& values) {
  money::Decimal total;
  for (const auto& value : values) total = money::Decimal::add(total, value).value_or(total);
  return total;
}

std::string describe_code(const TaxCode& code) {
  return "\"" + code.name + "\" (Id " + code.id + ")";
}

std::string names_of(const std::vector<const TaxCode*>& codes) {
  std::string out;
  for (const auto* code : codes) {
    if (!out.empty()) out += ", ";
    out += describe_code(*code);
  }
  return out;
}

// How an untaxed kind is named: to the admin, in the settings, and in the names QBO companies
// give its codes (English and French).
struct UntaxedKind {
  Exemption kind;
  std::string_view label;
  std::string_view setting;
  std::array<std::string_view, 2> code_words;
};

constexpr std::array<UntaxedKind, 3> kUntaxedKinds{{
    {Exemption::exempt, "exempt", "exempt", {"exempt", "exonéré"}},
    {Exemption::zero_rated, "zero-rated", "zero_rated", {"zero", "détaxé"}},
    {Exemption::out_of_scope, "out of scope", "out_of_scope", {"out of scope", "hors champ"}},
}};

// The naming of `kind`; a line never reaches it untaxed without a kind (the account's default is
// one), so `none` reads as the default, exempt.
const UntaxedKind& untaxed_kind(Exemption kind) {
  for (const auto& untaxed : kUntaxedKinds) {
    if (untaxed.kind == kind) return untaxed;
  }
  return kUntaxedKinds.front();
}

std::optional<Exemption> exemption_from_text(std::string_view text) {
  for (const auto& untaxed : kUntaxedKinds) {
    if (untaxed.setting == text) return untaxed.kind;
  }
  return std::nullopt;
}

const std::optional<std::string>& untaxed_override(const TaxMappingOverrides& overrides,
                                                   Exemption kind) {
  switch (kind) {
    case Exemption::zero_rated:
      return overrides.zero_rated_code;
    case Exemption::out_of_scope:
      return overrides.out_of_scope_code;
    default:
      return overrides.exempt_code;
  }
}

MissingTaxMapping missing(const SalesLine& line, std::size_t index, std::string what,
                          std::string why) {
  MissingTaxMapping result;
  result.line_index = index;
  result.line_name = line.product_name;
  result.missing_mapping = std::move(what);
  result.message = "Line " + std::to_string(index + 1) + " (\"" + line.product_name +
                   "\") has no usable QBO tax code for " + result.missing_mapping + ": " + why;
  return result;
}

// Picks among codes that all charge the line's rates: the one naming the customer's province
// (the newest when several do), else the single one naming no province.
std::variant<const TaxCode*, std::string> pick_for_province(
    const std::vector<const TaxCode*>& candidates, std::string_view province) {
  if (candidates.size() == 1) return candidates.front();
  std::vector<const TaxCode*> for_province;
  std::vector<const TaxCode*> generic;
  for (const auto* code : candidates) {
    const auto named = provinces_named(*code);
    if (named.empty())
      generic.push_back(code);
    else if (std::find(named.begin(), named.end(), std::string(province)) != named.end())
      for_province.push_back(code);
  }
  const auto& pool = !for_province.empty() ? for_province : generic;
  if (pool.empty())
    return "the company's codes for these rates (" + names_of(candidates) +
           ") are for other provinces than " +
           (province.empty() ? std::string("the customer's (none given)") : std::string(province));
  const TaxCode* best = nullptr;
  bool tie = false;
  for (const auto* code : pool) {
    if (!best || year_of(*code) > year_of(*best)) {
      best = code;
      tie = false;
    } else if (year_of(*code) == year_of(*best)) {
      tie = true;
    }
  }
  if (tie)
    return "several of the company's codes fit (" + names_of(pool) + "); map one in the settings";
  return best;
}

std::string describe_entry(const MappedTax& entry) {
  return "tax_mappings/" + std::to_string(entry.setting_index) + " (\"" + entry.name + "\" " +
         entry.percent.to_canonical_string() + " %" +
         (entry.region.empty() ? std::string() : " in " + entry.region) + ")";
}

// The entry for a CRM tax: same folded name, same rate, for the customer's region or for any;
// the region-bound one wins, and among equals the first saved.
const MappedTax* entry_for(const TaxMappingOverrides& overrides, std::string_view name,
                           const money::Decimal& percent, std::string_view province) {
  const MappedTax* unbound = nullptr;
  const std::string key = folded_name(name);
  for (const auto& entry : overrides.mapped_taxes) {
    if (!(entry.percent == percent) || entry.name_key != key) continue;
    if (entry.region.empty()) {
      if (!unbound) unbound = &entry;
    } else if (same_name(entry.region, province)) {
      return &entry;
    }
  }
  return unbound;
}

// What the mapped entries say about a line's taxes: a code, a refusal, or nothing (no entry fits,
// the automatic choice decides).
struct MappedChoice {
  std::optional<std::string> code_id;
  std::string setting;  // the entries that chose it
  std::optional<std::string> refusal;
};

bool charges_line_rates(const TaxCode* code, const std::vector<money::Decimal>& percents) {
  if (!code) return false;
  return charged_percents(*code) == percents || code->total_percent() == sum(percents);
}

MappedChoice mapped_choice(const TenantTaxModel& model, const TaxMappingOverrides& overrides,
                           const std::vector<const LineTax*>& taxes,
                           const std::vector<money::Decimal>& sorted_line_percents,
                           std::string_view joined_names, std::string_view province) {
  if (taxes.size() > 1) {
    if (const auto* whole = entry_for(overrides, joined_names, sum(sorted_line_percents), province))
      return {whole->code_id, describe_entry(*whole), std::nullopt};
  }
  std::vector<const MappedTax*> found;
  std::vector<std::string> unmapped;
  for (const auto* tax : taxes) {
    if (const auto* entry = entry_for(overrides, tax->name, tax->rate_percent, province))
      found.push_back(entry);
    else
      unmapped.push_back("\"" + trimmed(tax->name) + "\" " +
                         tax->rate_percent.to_canonical_string() + " %");
  }
  if (found.empty()) return {};
  std::string settings;
  bool agree = true;
  for (const auto* entry : found) {
    if (!settings.empty()) settings += ", ";
    settings += describe_entry(*entry) + " → TaxCode " + entry->code_id;
    agree = agree && entry->code_id == found.front()->code_id;
  }
  if (!agree)
    return {std::nullopt, settings,
            "its taxes are mapped to different codes (" + settings +
                "); one line takes one code, so map each of them to the code that charges them "
                "all"};
  const std::string& code_id = found.front()->code_id;
  // A partly mapped line takes the mapped code only when it charges all of the line's rates; a
  // mapping meant for lines with fewer taxes leaves it to the automatic choice.
  if (!unmapped.empty() && !charges_line_rates(model.find_code(code_id), sorted_line_percents))
    return {};
  return {code_id, settings, std::nullopt};
}

std::string date_range(const RatePeriod& period) {
  if (period.from.empty() && period.to.empty()) return "at all dates";
  if (period.to.empty()) return "since " + period.from;
  if (period.from.empty()) return "until " + period.to;
  return "from " + period.from + " to " + period.to;
}

// Codes that charge one of `percents` on other dates than the model's, with when: what the admin
// may have meant when the CRM still charges a rate that changed.
std::string dated_candidates(const TenantTaxModel& model,
                             const std::vector<money::Decimal>& percents) {
  std::string out;
  if (model.as_of_date.empty()) return out;
  for (const auto& code : model.codes) {
    std::vector<SalesTaxRate> rates = code.sales_rates;
    rates.insert(rates.end(), code.ended_rates.begin(), code.ended_rates.end());
    for (const auto& rate : rates) {
      for (const auto& period : rate.periods) {
        if (period.in_force_on(model.as_of_date) ||
            std::find(percents.begin(), percents.end(), period.percent) == percents.end())
          continue;
        if (!out.empty()) out += "; ";
        out += describe_code(code) + " charged " + period.percent.to_canonical_string() + " % " +
               date_range(period);
        for (const auto& current : rate.periods) {
          if (current.in_force_on(model.as_of_date))
            out += " and charges " + current.percent.to_canonical_string() + " % " +
                   date_range(current);
        }
      }
    }
  }
  return out;
}

std::string no_code_reason(const TenantTaxModel& model,
                           const std::vector<money::Decimal>& percents) {
  std::string why = "the company has no active TaxCode charging " + describe_rates(percents);
  if (!model.as_of_date.empty()) why += " on " + model.as_of_date;
  const std::string candidates = dated_candidates(model, percents);
  if (!candidates.empty()) why += " (" + candidates + ")";
  return why + "; create one in QBO or map this tax in the settings";
}
}  // namespace

MappedTax mapped_tax(std::size_t setting_index, std::string name, money::Decimal percent,
                     std::string region, std::string code_id) {
  std::string key = folded_name(name);
  return {setting_index,     std::move(name),    percent,
          std::move(region), std::move(code_id), std::move(key)};
}

std::vector<const LineTax*> charged_taxes(const SalesLine& line) {
  std::vector<const LineTax*> taxes;
  for (const auto& tax : line.taxes) {
    if (!tax.rate_percent.is_zero()) taxes.push_back(&tax);
  }
  return taxes;
}

std::string describe_rates(const std::vector<money::Decimal>& percents) {
  std::string out;
  for (const auto& percent : percents) {
    if (!out.empty()) out += " + ";
    out += percent.to_canonical_string() + " %";
  }
  return out.empty() ? "0 %" : out;
}

std::variant<TaxMappingOverrides, OverrideError> overrides_from_json(const json::value& settings) {
  TaxMappingOverrides overrides;
  if (settings.is_null()) return overrides;
  if (!settings.is_object())
    return OverrideError{"tax_mapping", "", "the tax mapping must be a JSON object"};
  const auto& object = settings.get_object();
  auto code_id_of = [](const json::value& value) -> std::optional<std::string> {
    if (value.is_string() && !value.get_string().empty()) return std::string(value.get_string());
    return std::nullopt;
  };
  for (const auto& member : object) {
    const std::string key(member.key());
    const std::string field = "tax_mapping." + key;
    if (key == "by_tax_name" || key == "by_rate") {
      if (!member.value().is_object())
        return OverrideError{field, "", field + " must be an object of TaxCode Ids"};
      for (const auto& entry : member.value().get_object()) {
        const std::string entry_field = field + "." + std::string(entry.key());
        const auto code_id = code_id_of(entry.value());
        if (!code_id)
          return OverrideError{entry_field, "", entry_field + " must be a TaxCode Id (a string)"};
        if (key == "by_tax_name") {
          if (name_key(entry.key()).empty())
            return OverrideError{entry_field, *code_id, "a CRM tax name may not be empty"};
          overrides.by_tax_name[name_key(entry.key())] = *code_id;
        } else {
          const auto rate = money::Decimal::parse(trimmed(entry.key()));
          if (!rate || rate->is_negative())
            return OverrideError{
                entry_field, *code_id,
                "\"" + std::string(entry.key()) + "\" is not a rate in percent (e.g. \"14.975\")"};
          overrides.by_rate.emplace_back(*rate, *code_id);
        }
      }
    } else if (key == "exempt" || key == "zero_rated" || key == "out_of_scope") {
      const auto code_id = code_id_of(member.value());
      if (!code_id) return OverrideError{field, "", field + " must be a TaxCode Id (a string)"};
      (key == "exempt"       ? overrides.exempt_code
       : key == "zero_rated" ? overrides.zero_rated_code
                             : overrides.out_of_scope_code) = *code_id;
    } else if (key == "untaxed_lines") {
      const auto kind = member.value().is_string()
                            ? exemption_from_text(std::string_view(member.value().get_string()))
                            : std::nullopt;
      if (!kind)
        return OverrideError{field, "",
                             field + " must be \"exempt\", \"zero_rated\" or \"out_of_scope\""};
      overrides.untaxed_lines = *kind;
    } else {
      return OverrideError{field, "", "unknown tax mapping setting \"" + key + "\""};
    }
  }
  return overrides;
}

std::vector<OverrideError> validate_overrides(const TaxMappingOverrides& overrides,
                                              const TenantTaxModel& model) {
  std::vector<OverrideError> errors;
  auto check = [&](const std::string& field, const std::string& code_id,
                   const std::optional<money::Decimal>& expected_percent, bool must_be_untaxed) {
    if (model.regime == TaxRegime::united_states) {
      errors.push_back({field, code_id,
                        field + ": a US company gets tax folded into line prices; tax code "
                                "mappings do not apply"});
      return;
    }
    const TaxCode* code = model.find_code(code_id);
    if (!code) {
      errors.push_back({field, code_id,
                        field + ": TaxCode Id " + code_id + " does not exist in the QBO company"});
      return;
    }
    if (!code->usable_on_sales()) {
      errors.push_back({field, code_id,
                        field + ": TaxCode " + describe_code(*code) +
                            " cannot be used on a sales line: " + code->unusable_reason});
      return;
    }
    if (must_be_untaxed && !code->all_rates_zero()) {
      errors.push_back({field, code_id,
                        field + ": TaxCode " + describe_code(*code) + " charges " +
                            describe_rates(charged_percents(*code)) + ", not an untaxed code"});
      return;
    }
    if (expected_percent && !(code->total_percent() == *expected_percent)) {
      errors.push_back({field, code_id,
                        field + ": TaxCode " + describe_code(*code) + " charges " +
                            describe_rates(charged_percents(*code)) + ", not " +
                            expected_percent->to_canonical_string() + " %"});
    }
  };
  for (const auto& [name, code_id] : overrides.by_tax_name)
    check("tax_mapping.by_tax_name." + name, code_id, std::nullopt, false);
  for (const auto& [rate, code_id] : overrides.by_rate)
    check("tax_mapping.by_rate." + rate.to_canonical_string(), code_id, rate, false);
  if (overrides.exempt_code)
    check("tax_mapping.exempt", *overrides.exempt_code, std::nullopt, true);
  if (overrides.zero_rated_code)
    check("tax_mapping.zero_rated", *overrides.zero_rated_code, std::nullopt, true);
  if (overrides.out_of_scope_code)
    check("tax_mapping.out_of_scope", *overrides.out_of_scope_code, std::nullopt, true);
  return errors;
}

namespace {

using LineCodeChoice = std::variant<const TaxCode*, MissingTaxMapping>;

// The line's mapped code when the company still has it and it can be used on sales.
LineCodeChoice usable_or_missing(const TenantTaxModel& model, const SalesLine& line,
                                 std::size_t line_index, const std::string& code_id,
                                 const std::string& what, const std::string& setting) {
  const TaxCode* code = model.find_code(code_id);
  if (!code)
    return missing(line, line_index, what,
                   "the mapped TaxCode Id " + code_id + " (" + setting +
                       ") no longer exists in the QBO company");
  if (!code->usable_on_sales())
    return missing(line, line_index, what,
                   "the mapped TaxCode " + describe_code(*code) + " (" + setting +
                       ") cannot be used: " + code->unusable_reason);
  return code;
}

// Usable codes charging nothing whose name says they are of the untaxed kind.
std::vector<const TaxCode*> untaxed_candidates(const TenantTaxModel& model,
                                               const UntaxedKind& untaxed) {
  std::vector<const TaxCode*> candidates;
  for (const auto& code : model.codes) {
    if (!code.usable_on_sales() || !code.all_rates_zero()) continue;
    const std::string name = folded_name(code.name);
    for (const auto word : untaxed.code_words) {
      if (name.find(word) != std::string::npos) {
        candidates.push_back(&code);
        break;
      }
    }
  }
  return candidates;
}

LineCodeChoice resolve_untaxed_line(const TenantTaxModel& model,
                                    const TaxMappingOverrides& overrides, const SalesLine& line,
                                    std::size_t line_index) {
  const Exemption kind =
      line.exemption != Exemption::none ? line.exemption : overrides.untaxed_lines;
  const UntaxedKind& untaxed = untaxed_kind(kind);
  const std::string what = "an " + std::string(untaxed.label) + " line";
  if (const auto& mapped = untaxed_override(overrides, kind))
    return usable_or_missing(model, line, line_index, *mapped, what,
                             "tax_mapping." + std::string(untaxed.setting));
  const auto candidates = untaxed_candidates(model, untaxed);
  if (candidates.size() == 1) return candidates.front();
  if (candidates.empty())
    return missing(line, line_index, what,
                   std::string("the company has no untaxed code named like \"") +
                       std::string(untaxed.code_words.front()) + "\"; map one in the settings");
  return missing(line, line_index, what,
                 "several codes fit (" + names_of(candidates) + "); map one in the settings");
}

// Usable taxing codes with the line's very rates or, when none has them, the same total rate.
std::vector<const TaxCode*> taxed_candidates(const TenantTaxModel& model,
                                             const std::vector<money::Decimal>& percents,
                                             const money::Decimal& combined) {
  std::vector<const TaxCode*> same_rates;
  std::vector<const TaxCode*> same_total;
  for (const auto& code : model.codes) {
    if (!code.usable_on_sales() || code.all_rates_zero()) continue;
    const auto code_percents = charged_percents(code);
    if (code_percents == percents)
      same_rates.push_back(&code);
    else if (sum(code_percents) == combined)
      same_total.push_back(&code);
  }
  return !same_rates.empty() ? same_rates : same_total;
}

LineCodeChoice resolve_taxed_line(const TenantTaxModel& model, const TaxMappingOverrides& overrides,
                                  const SalesLine& line, std::size_t line_index,
                                  std::string_view province,
                                  const std::vector<const LineTax*>& taxes) {
  std::string joined_names;
  std::vector<money::Decimal> percents;
  for (const auto* tax : taxes) {
    if (!joined_names.empty()) joined_names += " + ";
    joined_names += trimmed(tax->name);
    percents.push_back(tax->rate_percent);
  }
  percents = sorted_percents(std::move(percents));
  const money::Decimal combined = sum(percents);
  const std::string what = "tax \"" + joined_names + "\" (" + describe_rates(percents) + ")";

  const auto mapped = mapped_choice(model, overrides, taxes, percents, joined_names, province);
  if (mapped.refusal) return missing(line, line_index, what, *mapped.refusal);
  if (mapped.code_id)
    return usable_or_missing(model, line, line_index, *mapped.code_id, what, mapped.setting);
  if (const auto found = overrides.by_tax_name.find(name_key(joined_names));
      found != overrides.by_tax_name.end())
    return usable_or_missing(model, line, line_index, found->second, what,
                             "tax_mapping.by_tax_name." + found->first);
  for (const auto& [rate, code_id] : overrides.by_rate) {
    if (rate == combined)
      return usable_or_missing(model, line, line_index, code_id, what,
                               "tax_mapping.by_rate." + rate.to_canonical_string());
  }

  const auto candidates = taxed_candidates(model, percents, combined);
  if (candidates.empty()) return missing(line, line_index, what, no_code_reason(model, percents));
  auto picked = pick_for_province(candidates, province);
  if (const auto* why = std::get_if<std::string>(&picked)) {
    const std::string dated = dated_candidates(model, percents);
    return missing(line, line_index, what, dated.empty() ? *why : *why + "; " + dated);
  }
  return std::get<const TaxCode*>(picked);
}

}  // namespace

std::variant<const TaxCode*, MissingTaxMapping> resolve_line_tax_code(
    const TenantTaxModel& model, const TaxMappingOverrides& overrides, const SalesLine& line,
    std::size_t line_index, std::string_view province) {
  const auto taxes = charged_taxes(line);
  if (taxes.empty()) return resolve_untaxed_line(model, overrides, line, line_index);
  return resolve_taxed_line(model, overrides, line, line_index, province, taxes);
}

}  // namespace qbo_sync::tax
