#pragma once

#include <chrono>
#include <string>

#include "company.h"

namespace qbo_sandbox {

// Fills a new company with what QBO gives a new company of its region: CompanyInfo, Preferences,
// the usual Accounts, the "Services" and "Sales" items, and the region's TaxCodes and TaxRates.
void seed_company_presets(Company& company, const std::string& company_name,
                          std::chrono::system_clock::time_point now);

}  // namespace qbo_sandbox
