// Today's date in UTC: the day whose tax rates settings are checked against and lists show.
#pragma once

#include <cstdint>
#include <string>

namespace qbo_sync::runtime {

// YYYY-MM-DD of `now_ms` (the plugin's clock: ms since the Unix epoch).
std::string utc_date_today(int64_t now_ms);

}  // namespace qbo_sync::runtime
