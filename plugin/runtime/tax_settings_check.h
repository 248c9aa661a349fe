// The tax half of the settings check: a mapped code must charge, on the day the settings are
// saved, exactly the CRM rates mapped to it, and the exempt and zero-rated codes must charge
// nothing. Refused at once, not when the first record fails at sync time.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "mapping/company_data.h"

namespace qbo_sync::runtime {

struct TaxRateMismatch {
  std::string path;     // JSON Pointer of the field naming the code
  std::string id;       // the TaxCode Id
  std::string message;  // what the code charges, what was mapped to it, and what to do
};

// Checks the tax_mappings (in order), then exempt_tax_code_id and zero_rated_tax_code_id, of
// `settings` (the settings object) against the company's codes and their rates on `today`
// (YYYY-MM-DD). Codes that do not exist are the reference check's concern and are passed over.
std::optional<TaxRateMismatch> check_tax_rates(const boost::json::object& settings,
                                               const mapping::CompanyData& company,
                                               std::string_view today);

}  // namespace qbo_sync::runtime
