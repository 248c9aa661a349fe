// Moments near now as the CRM writes them, for events that must come after the connection.
#pragma once

#include <chrono>
#include <string>

#include "time/rfc3339.h"

namespace qbo_sync::testing {

// Now plus `ahead`, in whole seconds of UTC: "YYYY-MM-DDThh:mm:ssZ".
inline std::string utc_text_in(std::chrono::seconds ahead) {
  return time::format_date_time(std::chrono::system_clock::now() + ahead, {}, 0);
}

}  // namespace qbo_sync::testing
