#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "company.h"
#include "entity_catalog.h"
#include "rules/fault.h"

namespace qbo_sandbox {

// The company's closing date ("YYYY-MM-DD", Preferences.AccountingInfoPrefs.BookCloseDate), or
// empty when the books are open.
std::string closing_date(const Company& company);
// Sets (or, with an empty date, clears) the closing date, as the company's admin does in
// QuickBooks' settings.
void set_closing_date(Company& company, std::string_view date);

// QBO refuses through the API (fault 6210) every change to a transaction dated on or before the
// closing date: a create dated then, an update of a transaction dated then or moved there, and a
// void or delete of one. `stored` is the current version (nullptr on create), `candidate` the new
// one (nullptr on void and delete).
std::optional<Fault> check_closing_date(const Company& company, const EntityInfo& entity,
                                        const boost::json::object* stored,
                                        const boost::json::object* candidate);

}  // namespace qbo_sandbox
