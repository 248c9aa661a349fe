// Checks that date texts the schemas only shape-check (by pattern) name real calendar moments.
#pragma once

#include <string_view>

namespace qbo_sync::events {

// "YYYY-MM-DD" naming a real day (2026-02-29 is not one).
bool is_real_date(std::string_view text);

// RFC 3339 "YYYY-MM-DDThh:mm:ss[.fraction](Z|±hh:mm)" with a real day, hour ≤ 23, minute ≤ 59,
// second ≤ 60 (leap second) and an offset of at most ±23:59.
bool is_real_date_time(std::string_view text);

}  // namespace qbo_sync::events
