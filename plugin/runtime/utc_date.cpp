#include "runtime/utc_date.h"

#include <chrono>

#include "time/rfc3339.h"

namespace qbo_sync::runtime {

std::string utc_date_today(int64_t now_ms) {
  return time::format_date(
      std::chrono::sys_time<std::chrono::milliseconds>(std::chrono::milliseconds(now_ms)));
}

}  // namespace qbo_sync::runtime
