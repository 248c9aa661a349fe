// RFC 3339 dates and date-times: "2026-03-14", "2026-03-14T15:09:26.120-07:00". The reader
// accepts what RFC 3339 §5.6 allows (lower-case 't' and 'z', any number of fraction digits, a
// leap second, offsets up to ±23:59); the writer writes the forms the CRM and QBO read.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace qbo_sync::time {

using Milliseconds = std::chrono::sys_time<std::chrono::milliseconds>;

// What a date or date-time text says, before any offset is applied.
struct Rfc3339Parts {
  std::chrono::year_month_day date;
  std::chrono::milliseconds time_of_day{0};    // truncated to the millisecond
  int fraction_digits = 0;                     // as written, 0 when there is no fraction
  std::optional<std::chrono::minutes> offset;  // east of UTC; nullopt when the text has none
  bool has_time = false;                       // false for a date alone
};

// Which forms a caller takes besides the full date-time with an offset.
struct Rfc3339Forms {
  bool date_only = false;       // "YYYY-MM-DD"
  bool without_offset = false;  // "YYYY-MM-DDThh:mm:ss[.f]", a local time
};

// The parts of `text`, or nullopt when it is not one of the forms asked for or names no real
// moment (2026-02-29, 24:00, minute 60, an offset of ±24:00).
std::optional<Rfc3339Parts> read_rfc3339(std::string_view text, Rfc3339Forms forms = {});

// The instant a full date-time names, or nullopt when `text` is not one. A leap second (":60")
// reads as second 0 of the next minute, as Unix time counts it.
std::optional<Milliseconds> read_instant(std::string_view text);
// The same instant as milliseconds since the Unix epoch.
std::optional<std::int64_t> epoch_ms(std::string_view text);

// True for "YYYY-MM-DD" naming a real day.
bool is_date(std::string_view text);
// True for a full RFC 3339 date-time with an offset naming a real moment.
bool is_date_time(std::string_view text);

// "YYYY-MM-DD" of the day `at` falls on at `offset` east of UTC.
std::string format_date(Milliseconds at, std::chrono::minutes offset = {});

// "YYYY-MM-DDThh:mm:ss[.f…](Z|±hh:mm)" of `at` seen at `offset` east of UTC, with
// `fraction_digits` (0, 3, 6 or 9) digits of the second; a zero offset is written "Z".
std::string format_date_time(std::chrono::sys_time<std::chrono::nanoseconds> at,
                             std::chrono::minutes offset = {}, int fraction_digits = 3);

// format_date_time of milliseconds since the Unix epoch, in UTC with milliseconds:
// "2026-03-14T15:09:26.120Z".
std::string format_utc_ms(std::int64_t epoch_ms);

}  // namespace qbo_sync::time
