// How a QBO company taxes sales, read from its own data (CompanyInfo, Preferences, TaxCode and
// TaxRate objects as the QBO API returns them). Tax codes and their Ids are per company: nothing
// here is hard-coded to a particular company.
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "money/decimal.h"

namespace qbo_sync::tax {

enum class TaxRegime {
  canada,         // a TaxCodeRef per line from the company's GST/HST/PST/QST codes
  united_states,  // tax and discounts folded into line prices, every line NON
  other_non_us,   // VAT/GST codes per line, resolved by rate or by the account's mapping
};

// One entry of a TaxRate's EffectiveTaxRate list; empty dates are open ends.
struct RatePeriod {
  std::string from;  // YYYY-MM-DD, first day in force
  std::string to;    // YYYY-MM-DD, last day in force
  money::Decimal percent;

  bool in_force_on(std::string_view date) const;
};

struct SalesTaxRate {
  std::string id;
  std::string name;
  money::Decimal percent;           // in force on the model's date
  std::vector<RatePeriod> periods;  // every dated rate QBO lists, oldest first
};

struct TaxCode {
  std::string id;
  std::string name;
  bool active = true;
  std::vector<SalesTaxRate> sales_rates;
  std::string unusable_reason;  // non-empty when the code cannot go on a sales line
  // Sales rates with no rate in force on the model's date (their `percent` is zero); they name
  // what the code used to charge when a CRM rate is no longer charged by any code.
  std::vector<SalesTaxRate> ended_rates;

  bool usable_on_sales() const { return active && unusable_reason.empty(); }
  money::Decimal total_percent() const;
  bool all_rates_zero() const;
};

struct TenantTaxModel {
  TaxRegime regime = TaxRegime::canada;
  std::string country;           // as CompanyInfo gives it
  std::string company_province;  // CompanyAddr.CountrySubDivisionCode; a document's fallback
  bool using_sales_tax = true;
  bool automated_sales_tax = false;  // US AST (Preferences.TaxPrefs.PartnerTaxEnabled)
  std::string as_of_date;            // YYYY-MM-DD the rates are taken on; empty: RateValue
  std::vector<TaxCode> codes;

  const TaxCode* find_code(std::string_view id) const;
};

struct TaxModelError {
  std::string field;  // e.g. "CompanyInfo.Country"
  std::string message;
};

// `company_info` and `preferences` may be the objects themselves or wrapped as QBO returns them
// ({"CompanyInfo":{...}}). `tax_codes` / `tax_rates` are the QueryResponse arrays. `as_of_date`
// (YYYY-MM-DD) picks each rate's EffectiveTaxRate entry; empty means RateValue.
std::variant<TenantTaxModel, TaxModelError> build_tax_model(const boost::json::object& company_info,
                                                            const boost::json::object& preferences,
                                                            const boost::json::array& tax_codes,
                                                            const boost::json::array& tax_rates,
                                                            std::string_view as_of_date = {});

// The regime a CompanyInfo country names ("CA", "Canada", "US", "USA", ...).
TaxRegime regime_for_country(std::string_view country);

}  // namespace qbo_sync::tax
