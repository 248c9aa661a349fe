// The settings sections of the integration card: every field the admin edits, typed (toggle,
// email_list, mapping_table, picker) with its label, help, pointer, current value, default and
// validation, and picker options read from the connected company.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "mapping/company_data.h"

namespace qbo_sync::runtime {

// The card's sections. `settings` is the account's whole settings object, defaults filled in
// (card_settings); `company` is null until the company is discovered, and then pickers carry their
// options. `today` (YYYY-MM-DD) picks each tax code's rates in force.
boost::json::array card_sections(const boost::json::object& settings,
                                 const mapping::CompanyData* company, std::string_view today);

// The stored settings object (or none) with every field the card shows filled in by its default.
boost::json::object card_settings(const boost::json::object* stored);

// The toggle fields of the sections, flat, as the first card listed them.
boost::json::array card_toggles(const boost::json::array& sections);

}  // namespace qbo_sync::runtime
