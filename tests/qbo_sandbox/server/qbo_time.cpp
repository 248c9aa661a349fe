#include "qbo_time.h"

#include <cstdio>

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

// "YYYY-MM-DDTHH:MM:SS" of a wall-clock time point.
std::string date_time(sys_time<seconds> wall) {
  const auto day = floor<days>(wall);
  const year_month_day ymd{day};
  const hh_mm_ss<seconds> time_of_day{wall - day};
  char text[96];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02ld:%02ld:%02lld",
                static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()), static_cast<long>(time_of_day.hours().count()),
                static_cast<long>(time_of_day.minutes().count()),
                static_cast<long long>(time_of_day.seconds().count()));
  return text;
}

std::string fraction(long long value, int digits) {
  char text[32];
  std::snprintf(text, sizeof text, ".%0*lld", digits, value);
  return text;
}

}  // namespace

std::string pacific_timestamp(system_clock::time_point at) {
  const bool daylight = pacific_daylight_time(at);
  const auto local = time_point_cast<milliseconds>(at) - hours(daylight ? 7 : 8);
  const auto whole = floor<seconds>(local);
  return date_time(whole) + fraction((local - whole).count(), 3) + (daylight ? "-07:00" : "-08:00");
}

std::string utc_timestamp_millis(system_clock::time_point at) {
  const auto millis = time_point_cast<milliseconds>(at);
  const auto whole = floor<seconds>(millis);
  return date_time(whole) + fraction((millis - whole).count(), 3) + "Z";
}

std::string utc_timestamp_nanos(system_clock::time_point at) {
  const auto nanos = time_point_cast<nanoseconds>(at);
  const auto whole = floor<seconds>(nanos);
  return date_time(whole) + fraction((nanos - whole).count(), 9) + "Z";
}

std::int64_t epoch_millis(system_clock::time_point at) {
  return duration_cast<milliseconds>(at.time_since_epoch()).count();
}

}  // namespace qbo_sandbox
