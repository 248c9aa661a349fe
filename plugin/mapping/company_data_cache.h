// The companies discovery saved (ConnectionRow::company_json), each parsed once per version of its
// text: every sync attempt reads the company, and parsing the whole JSON each time is wasted work.
// A refresh saves a new text, which replaces the cached company on the next read. Held in memory
// only; the store stays the source of truth.
//
// Thread-safe. A company handed out stays valid while its holder keeps it, even after a refresh.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <variant>

#include "mapping/company_data.h"

namespace qbo_sync::mapping {

using SharedCompanyData = std::shared_ptr<const CompanyData>;

class CompanyDataCache {
 public:
  // The account's company as `company_json` says: the cached one while the text is the one it was
  // parsed from, else parsed now (and cached when readable).
  std::variant<SharedCompanyData, CompanyDataError> company(const std::string& account_id,
                                                            std::string_view company_json);
  // How many texts were parsed so far.
  std::size_t parses() const;

 private:
  struct Cached {
    std::string text;  // compared whole: a hash collision would hand out another company
    SharedCompanyData company;
  };

  mutable std::mutex mutex_;
  std::map<std::string, Cached, std::less<>> by_account_;
  std::size_t parses_ = 0;
};

}  // namespace qbo_sync::mapping
