// What discovery stored about a QBO company: mapping::parse_company_data, then every look-up the
// mapping makes on it (home currency, multicurrency, the accounts it posts to, the tax model).
#include <variant>

#include "fuzz_checks.h"
#include "mapping/company_data.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace qbo_sync;
  const auto input = fuzz::as_text(data, size);
  const auto parsed = mapping::parse_company_data(input);
  if (const auto* error = std::get_if<mapping::CompanyDataError>(&parsed)) {
    fuzz::require(!error->message.empty(), "a company data error says why", input);
    return 0;
  }
  const auto& company = std::get<mapping::CompanyData>(parsed);
  fuzz::require_utf8(company.home_currency(), "the home currency is UTF-8");
  static_cast<void>(company.multicurrency_enabled());
  static_cast<void>(company.undeposited_funds_account_id());
  static_cast<void>(company.income_account_id());
  for (const char* date : {"2026-01-15", "2019-06-30", "not-a-date"}) {
    const auto model = company.tax_model(date);
    if (const auto* error = std::get_if<tax::TaxModelError>(&model)) {
      fuzz::require_utf8(error->message, "a tax model error is UTF-8");
    }
  }
  return 0;
}
