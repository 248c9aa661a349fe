#include "time_format.h"

#include <charconv>
#include <cstdio>

namespace qbo_sandbox {
namespace {

using namespace std::chrono;

struct LocalParts {
  year_month_day date;
  hh_mm_ss<milliseconds> time;
};

LocalParts local_parts(system_clock::time_point at) {
  const auto local = floor<milliseconds>(at) + kCompanyUtcOffset;
  const auto day = floor<days>(local);
  return {year_month_day{day}, hh_mm_ss<milliseconds>{local - day}};
}

std::string offset_text() {
  const auto total = kCompanyUtcOffset.count();
  const auto magnitude = total < 0 ? -total : total;
  char text[8];
  std::snprintf(text, sizeof text, "%c%02d:%02d", total < 0 ? '-' : '+',
                static_cast<int>(magnitude / 60), static_cast<int>(magnitude % 60));
  return text;
}

std::string date_text(const year_month_day& date) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return text;
}

// Reads exactly `width` digits at `position`.
std::optional<int> digits(std::string_view text, std::size_t position, std::size_t width) {
  if (position + width > text.size()) return std::nullopt;
  int value = 0;
  const char* first = text.data() + position;
  const auto [end, error] = std::from_chars(first, first + width, value);
  if (error != std::errc() || end != first + width) return std::nullopt;
  return value;
}

}  // namespace

std::string format_metadata_time(system_clock::time_point at) {
  const auto parts = local_parts(at);
  char text[16];
  std::snprintf(text, sizeof text, "T%02d:%02d:%02d", static_cast<int>(parts.time.hours().count()),
                static_cast<int>(parts.time.minutes().count()),
                static_cast<int>(parts.time.seconds().count()));
  return date_text(parts.date) + text + offset_text();
}

std::string format_response_time(system_clock::time_point at) {
  const auto parts = local_parts(at);
  char text[24];
  std::snprintf(text, sizeof text, "T%02d:%02d:%02d.%03d",
                static_cast<int>(parts.time.hours().count()),
                static_cast<int>(parts.time.minutes().count()),
                static_cast<int>(parts.time.seconds().count()),
                static_cast<int>(parts.time.subseconds().count()));
  return date_text(parts.date) + text + offset_text();
}

std::string format_local_date(system_clock::time_point at) {
  return date_text(local_parts(at).date);
}

std::optional<std::string> add_days(std::string_view date, int count) {
  const auto parsed = parse_time(date);
  if (!parsed || date.size() != 10) return std::nullopt;
  return format_local_date(*parsed + days(count));
}

std::optional<system_clock::time_point> parse_time(std::string_view text) {
  const auto year = digits(text, 0, 4);
  const auto month = digits(text, 5, 2);
  const auto day = digits(text, 8, 2);
  if (!year || !month || !day || text.size() < 10 || text[4] != '-' || text[7] != '-') {
    return std::nullopt;
  }
  const year_month_day date{std::chrono::year(*year),
                            std::chrono::month(static_cast<unsigned>(*month)),
                            std::chrono::day(static_cast<unsigned>(*day))};
  if (!date.ok()) return std::nullopt;
  system_clock::time_point local = sys_days(date);
  if (text.size() == 10) return local - kCompanyUtcOffset;

  if (text[10] != 'T') return std::nullopt;
  const auto hour = digits(text, 11, 2);
  const auto minute = digits(text, 14, 2);
  const auto second = digits(text, 17, 2);
  if (!hour || !minute || !second || text[13] != ':' || text[16] != ':' || *hour > 23 ||
      *minute > 59 || *second > 60) {
    return std::nullopt;
  }
  local += hours(*hour) + minutes(*minute) + seconds(*second);
  std::size_t position = 19;
  if (position < text.size() && text[position] == '.') {
    std::size_t end = position + 1;
    int fraction = 0;
    int scale = 1000;
    while (end < text.size() && text[end] >= '0' && text[end] <= '9') {
      if (scale > 1) {
        scale /= 10;
        fraction += (text[end] - '0') * scale;
      }
      ++end;
    }
    if (end == position + 1) return std::nullopt;
    local += milliseconds(fraction);
    position = end;
  }
  if (position == text.size()) return local - kCompanyUtcOffset;
  if (text[position] == 'Z' && position + 1 == text.size()) return local;
  if ((text[position] == '+' || text[position] == '-') && position + 6 == text.size() &&
      text[position + 3] == ':') {
    const auto offset_hours = digits(text, position + 1, 2);
    const auto offset_minutes = digits(text, position + 4, 2);
    if (!offset_hours || !offset_minutes) return std::nullopt;
    const minutes offset = hours(*offset_hours) + minutes(*offset_minutes);
    return text[position] == '+' ? local - offset : local + offset;
  }
  return std::nullopt;
}

}  // namespace qbo_sandbox
