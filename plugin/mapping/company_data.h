// What discovery learned about a tenant's QBO company (the store's ConnectionRow::company_json:
// {"CompanyInfo","Preferences","TaxCode","TaxRate","Account","Item","PaymentMethod"}), with the
// look-ups the mapping needs.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "tax/tax_model.h"

namespace qbo_sync::mapping {

struct CompanyData {
  boost::json::object company_info;
  boost::json::object preferences;
  boost::json::array tax_codes, tax_rates, accounts, items, payment_methods;

  // Preferences.CurrencyPrefs.HomeCurrency, else by country (CAD for Canada, USD for the US).
  std::string home_currency() const;
  bool multicurrency_enabled() const;
  // The active "Undeposited Funds" account (AccountSubType UndepositedFunds, or by name).
  std::optional<std::string> undeposited_funds_account_id() const;
  // An active income account for new service items: "Services", else "Sales", else the first.
  std::optional<std::string> income_account_id() const;
  // The tax model as of `txn_date` (YYYY-MM-DD).
  std::variant<tax::TenantTaxModel, tax::TaxModelError> tax_model(std::string_view txn_date) const;
};

struct CompanyDataError {
  std::string message;
};

// From company_json; an error when it is not a JSON object.
std::variant<CompanyData, CompanyDataError> parse_company_data(std::string_view company_json);

}  // namespace qbo_sync::mapping
