// Today's date in UTC: the day whose tax rates settings are checked against and lists show.
#pragma once

#include <string>

namespace qbo_sync::runtime {

// YYYY-MM-DD
std::string utc_date_today();

}  // namespace qbo_sync::runtime
