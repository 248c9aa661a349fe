#include "qbo_time.h"

#include "time/rfc3339.h"

namespace qbo_sandbox {
namespace {

using namespace std::chrono;

// The n-th Sunday (1-based) of a month, as a day count.
sys_days nth_sunday(year y, month m, unsigned n) {
  return sys_days{year_month_weekday{y / m / Sunday[n]}};
}

// US rules since 2007: daylight time from the second Sunday of March, 02:00 PST (10:00 UTC), to
// the first Sunday of November, 02:00 PDT (09:00 UTC).
bool pacific_daylight_time(system_clock::time_point at) {
  const year y = year_month_day{floor<days>(at)}.year();
  const auto starts = nth_sunday(y, March, 2) + hours(10);
  const auto ends = nth_sunday(y, November, 1) + hours(9);
  return at >= starts && at < ends;
}

}  // namespace

std::string pacific_timestamp(system_clock::time_point at) {
  const minutes offset = hours(pacific_daylight_time(at) ? -7 : -8);
  return qbo_sync::time::format_date_time(time_point_cast<nanoseconds>(at), offset, 3);
}

std::string utc_timestamp_millis(system_clock::time_point at) {
  return qbo_sync::time::format_date_time(time_point_cast<nanoseconds>(at), minutes(0), 3);
}

std::string utc_timestamp_nanos(system_clock::time_point at) {
  return qbo_sync::time::format_date_time(time_point_cast<nanoseconds>(at), minutes(0), 9);
}

std::int64_t epoch_millis(system_clock::time_point at) {
  return duration_cast<milliseconds>(at.time_since_epoch()).count();
}

}  // namespace qbo_sandbox
