#include "time_format.h"

#include "time/rfc3339.h"

namespace qbo_sandbox {
namespace {

using namespace std::chrono;
namespace rfc3339 = qbo_sync::time;

sys_time<nanoseconds> nanos(system_clock::time_point at) {
  return time_point_cast<nanoseconds>(at);
}

}  // namespace

std::string format_metadata_time(system_clock::time_point at) {
  return rfc3339::format_date_time(nanos(at), kCompanyUtcOffset, 0);
}

std::string format_response_time(system_clock::time_point at) {
  return rfc3339::format_date_time(nanos(at), kCompanyUtcOffset, 3);
}

std::string format_local_date(system_clock::time_point at) {
  return rfc3339::format_date(floor<milliseconds>(at), kCompanyUtcOffset);
}

std::optional<std::string> add_days(std::string_view date, int count) {
  const auto parsed = parse_time(date);
  if (!parsed || date.size() != 10) return std::nullopt;
  return format_local_date(*parsed + days(count));
}

std::optional<system_clock::time_point> parse_time(std::string_view text) {
  const auto parts = rfc3339::read_rfc3339(text, {.date_only = true, .without_offset = true});
  if (!parts) return std::nullopt;
  const minutes offset = parts->offset.value_or(kCompanyUtcOffset);
  return system_clock::time_point{sys_days{parts->date} + parts->time_of_day - offset};
}

}  // namespace qbo_sandbox
