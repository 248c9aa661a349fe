#include "events/calendar_text.h"

#include <chrono>
#include <optional>

namespace qbo_sync::events {
namespace {

std::optional<int> digits(std::string_view text, std::size_t position, std::size_t count) {
  if (position + count > text.size()) {
    return std::nullopt;
  }
  int value = 0;
  for (std::size_t i = position; i < position + count; ++i) {
    if (text[i] < '0' || text[i] > '9') {
      return std::nullopt;
    }
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

bool is_real_day(std::string_view text) {
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') {
    return false;
  }
  const auto year = digits(text, 0, 4);
  const auto month = digits(text, 5, 2);
  const auto day = digits(text, 8, 2);
  if (!year || !month || !day || *year < 1) {
    return false;
  }
  const std::chrono::year_month_day date{std::chrono::year{*year},
                                         std::chrono::month{static_cast<unsigned>(*month)},
                                         std::chrono::day{static_cast<unsigned>(*day)}};
  return date.ok();
}

}  // namespace

bool is_real_date(std::string_view text) {
  return text.size() == 10 && is_real_day(text);
}

bool is_real_date_time(std::string_view text) {
  if (text.size() < 20 || !is_real_day(text) || text[10] != 'T' || text[13] != ':' ||
      text[16] != ':') {
    return false;
  }
  const auto hour = digits(text, 11, 2);
  const auto minute = digits(text, 14, 2);
  const auto second = digits(text, 17, 2);
  if (!hour || !minute || !second || *hour > 23 || *minute > 59 || *second > 60) {
    return false;
  }
  std::size_t position = 19;
  if (text[position] == '.') {
    ++position;
    const std::size_t first_digit = position;
    while (position < text.size() && text[position] >= '0' && text[position] <= '9') {
      ++position;
    }
    if (position == first_digit) {
      return false;
    }
  }
  const std::string_view zone = text.substr(position);
  if (zone == "Z") {
    return true;
  }
  if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || zone[3] != ':') {
    return false;
  }
  const auto offset_hours = digits(zone, 1, 2);
  const auto offset_minutes = digits(zone, 4, 2);
  return offset_hours && offset_minutes && *offset_hours <= 23 && *offset_minutes <= 59;
}

}  // namespace qbo_sync::events
