#include "mapping/company_data_cache.h"

#include <utility>

namespace qbo_sync::mapping {

std::variant<SharedCompanyData, CompanyDataError> CompanyDataCache::company(
    const std::string& account_id, std::string_view company_json) {
  {
    std::lock_guard lock(mutex_);
    const auto found = by_account_.find(account_id);
    if (found != by_account_.end() && found->second.text == company_json)
      return found->second.company;
  }
  // Parsed outside the lock: attempts of other accounts do not wait for it.
  auto parsed = parse_company_data(company_json);
  if (auto* error = std::get_if<CompanyDataError>(&parsed)) return std::move(*error);
  auto company = std::make_shared<const CompanyData>(std::move(std::get<CompanyData>(parsed)));
  std::lock_guard lock(mutex_);
  ++parses_;
  by_account_[account_id] = Cached{std::string(company_json), company};
  return company;
}

std::size_t CompanyDataCache::parses() const {
  std::lock_guard lock(mutex_);
  return parses_;
}

}  // namespace qbo_sync::mapping
