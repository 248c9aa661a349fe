#include "runtime/utc_date.h"

#include <chrono>

#include "time/rfc3339.h"

namespace qbo_sync::runtime {

std::string utc_date_today() {
  return time::format_date(
      std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now()));
}

}  // namespace qbo_sync::runtime
