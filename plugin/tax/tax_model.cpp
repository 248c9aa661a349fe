#include "tax/tax_model.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>

#include "money/json_numbers.h"
#include "text/case_folding.h"

namespace qbo_sync::tax {
namespace {

namespace json = boost::json;

const json::object& unwrapped(const json::object& object, std::string_view wrapper) {
  if (const auto* inner = object.if_contains(wrapper); inner && inner->is_object())
    return inner->get_object();
  return object;
}

std::string string_at(const json::object& object, std::string_view key) {
  if (const auto* value = object.if_contains(key); value && value->is_string())
    return std::string(value->get_string());
  return {};
}

std::optional<bool> bool_at(const json::object& object, std::string_view key) {
  if (const auto* value = object.if_contains(key); value && value->is_bool())
    return value->get_bool();
  return std::nullopt;
}

// "2016-07-01T00:00:00-07:00" → "2016-07-01"
std::string date_part(std::string_view text) {
  return std::string(text.substr(0, 10));
}

struct RateRecord {
  std::string name;
  bool active = true;
  std::optional<money::Decimal> percent;
  std::vector<RatePeriod> periods;
};

std::vector<RatePeriod> periods_of(const json::object& rate) {
  std::vector<RatePeriod> periods;
  const auto* list = rate.if_contains("EffectiveTaxRate");
  if (!list || !list->is_array()) return periods;
  for (const auto& period_value : list->get_array()) {
    if (!period_value.is_object()) continue;
    const auto& period = period_value.get_object();
    const auto* value = period.if_contains("RateValue");
    const auto percent = value ? money::decimal_from_json(*value) : std::nullopt;
    if (!percent) continue;
    periods.push_back({date_part(string_at(period, "EffectiveDate")),
                       date_part(string_at(period, "EndDate")), *percent});
  }
  return periods;
}

// The rate in force on `as_of_date`. A rate with dated periods has none outside them (a rate that
// ended is not charged any more); RateValue stands for undated rates and for an empty date.
std::optional<money::Decimal> rate_on(const json::object& rate,
                                      const std::vector<RatePeriod>& periods,
                                      std::string_view as_of_date) {
  if (!as_of_date.empty() && !periods.empty()) {
    for (const auto& period : periods) {
      if (period.in_force_on(as_of_date)) return period.percent;
    }
    return std::nullopt;
  }
  if (const auto* value = rate.if_contains("RateValue")) return money::decimal_from_json(*value);
  return std::nullopt;
}

}  // namespace

money::Decimal TaxCode::total_percent() const {
  money::Decimal sum;
  for (const auto& rate : sales_rates) sum = money::Decimal::add(sum, rate.percent).value_or(sum);
  return sum;
}

bool RatePeriod::in_force_on(std::string_view date) const {
  return (from.empty() || from <= date) && (to.empty() || date <= to);
}

bool TaxCode::all_rates_zero() const {
  return std::all_of(sales_rates.begin(), sales_rates.end(),
                     [](const SalesTaxRate& rate) { return rate.percent.is_zero(); });
}

const TaxCode* TenantTaxModel::find_code(std::string_view id) const {
  for (const auto& code : codes) {
    if (code.id == id) return &code;
  }
  return nullptr;
}

TaxRegime regime_for_country(std::string_view country) {
  const std::string name = text::fold_case(country);
  if (name == "ca" || name == "can" || name == "canada") return TaxRegime::canada;
  if (name == "us" || name == "usa" || name == "united states" ||
      name == "united states of america")
    return TaxRegime::united_states;
  return TaxRegime::other_non_us;
}

namespace {

using RateTable = std::map<std::string, RateRecord>;

// The company's country, province and regime; the country falls back to the company address's.
std::optional<TaxModelError> read_company(const json::object& company_info, TenantTaxModel& model) {
  const auto& company = unwrapped(company_info, "CompanyInfo");
  model.country = string_at(company, "Country");
  if (const auto* address = company.if_contains("CompanyAddr"); address && address->is_object()) {
    if (model.country.empty()) model.country = string_at(address->get_object(), "Country");
    model.company_province = string_at(address->get_object(), "CountrySubDivisionCode");
  }
  if (model.country.empty())
    return TaxModelError{"CompanyInfo.Country",
                         "the QBO company has no country, so its tax model is unknown"};
  model.regime = regime_for_country(model.country);
  return std::nullopt;
}

void read_tax_preferences(const json::object& preferences, TenantTaxModel& model) {
  const auto& prefs = unwrapped(preferences, "Preferences");
  if (const auto* tax_prefs = prefs.if_contains("TaxPrefs"); tax_prefs && tax_prefs->is_object()) {
    model.using_sales_tax = bool_at(tax_prefs->get_object(), "UsingSalesTax").value_or(true);
    model.automated_sales_tax =
        bool_at(tax_prefs->get_object(), "PartnerTaxEnabled").value_or(false);
  }
}

std::variant<RateTable, TaxModelError> read_rates(const json::array& tax_rates,
                                                  std::string_view as_of_date) {
  RateTable rates;
  for (std::size_t i = 0; i < tax_rates.size(); ++i) {
    if (!tax_rates[i].is_object())
      return TaxModelError{"TaxRate[" + std::to_string(i) + "]", "a TaxRate is not an object"};
    const auto& rate = tax_rates[i].get_object();
    const std::string id = string_at(rate, "Id");
    if (id.empty())
      return TaxModelError{"TaxRate[" + std::to_string(i) + "].Id", "a TaxRate has no Id"};
    auto periods = periods_of(rate);
    const auto percent = rate_on(rate, periods, as_of_date);
    rates[id] = RateRecord{string_at(rate, "Name"), bool_at(rate, "Active").value_or(true), percent,
                           std::move(periods)};
  }
  return rates;
}

const json::array* rate_details_of(const json::object& source) {
  if (const auto* list = source.if_contains("SalesTaxRateList"); list && list->is_object()) {
    if (const auto* inner = list->get_object().if_contains("TaxRateDetail");
        inner && inner->is_array())
      return &inner->get_array();
  }
  return nullptr;
}

// Adds one TaxRateDetail's rate to the code, or says why the code cannot be used.
void add_rate_detail(const json::object& detail, const RateTable& rates,
                     std::string_view as_of_date, TaxCode& code) {
  std::string rate_id;
  if (const auto* ref = detail.if_contains("TaxRateRef"); ref && ref->is_object())
    rate_id = string_at(ref->get_object(), "value");
  const auto found = rates.find(rate_id);
  if (found == rates.end()) {
    code.unusable_reason = "its sales rate " + rate_id + " is unknown or has no rate value";
    return;
  }
  const RateRecord& rate = found->second;
  if (!rate.percent) {
    code.unusable_reason =
        rate.periods.empty()
            ? "its sales rate " + rate.name + " has no rate value"
            : "its sales rate " + rate.name + " is not in force on " + std::string(as_of_date);
    code.ended_rates.push_back({rate_id, rate.name, {}, rate.periods});
    return;
  }
  if (!rate.active) code.unusable_reason = "its sales rate " + rate.name + " is inactive";
  const std::string applicable = string_at(detail, "TaxTypeApplicable");
  if (!applicable.empty() && applicable != "TaxOnAmount")
    code.unusable_reason = "its rate " + rate.name + " compounds (" + applicable +
                           "), which this plugin does not compute";
  code.sales_rates.push_back({rate_id, rate.name, *rate.percent, rate.periods});
}

std::variant<TaxCode, TaxModelError> read_code(const json::value& value, std::size_t i,
                                               const RateTable& rates,
                                               std::string_view as_of_date) {
  if (!value.is_object())
    return TaxModelError{"TaxCode[" + std::to_string(i) + "]", "a TaxCode is not an object"};
  const auto& source = value.get_object();
  TaxCode code;
  code.id = string_at(source, "Id");
  if (code.id.empty())
    return TaxModelError{"TaxCode[" + std::to_string(i) + "].Id", "a TaxCode has no Id"};
  code.name = string_at(source, "Name");
  code.active = bool_at(source, "Active").value_or(true);
  if (const auto* details = rate_details_of(source)) {
    for (const auto& detail_value : *details) {
      if (detail_value.is_object())
        add_rate_detail(detail_value.get_object(), rates, as_of_date, code);
    }
  }
  if (code.sales_rates.empty() && code.unusable_reason.empty())
    code.unusable_reason = "it has no sales tax rate";
  if (!code.active && code.unusable_reason.empty()) code.unusable_reason = "it is inactive";
  return code;
}

}  // namespace

std::variant<TenantTaxModel, TaxModelError> build_tax_model(const json::object& company_info,
                                                            const json::object& preferences,
                                                            const json::array& tax_codes,
                                                            const json::array& tax_rates,
                                                            std::string_view as_of_date) {
  TenantTaxModel model;
  model.as_of_date = std::string(as_of_date);
  if (auto error = read_company(company_info, model)) return std::move(*error);
  read_tax_preferences(preferences, model);
  auto rates = read_rates(tax_rates, as_of_date);
  if (auto* error = std::get_if<TaxModelError>(&rates)) return std::move(*error);
  for (std::size_t i = 0; i < tax_codes.size(); ++i) {
    auto code = read_code(tax_codes[i], i, std::get<RateTable>(rates), as_of_date);
    if (auto* error = std::get_if<TaxModelError>(&code)) return std::move(*error);
    model.codes.push_back(std::move(std::get<TaxCode>(code)));
  }
  return model;
}

}  // namespace qbo_sync::tax
