#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace qbo_sandbox {

// QBO writes times in the company's local offset; the sandbox's companies all keep Pacific
// daylight time (-07:00), as the recorded sandbox does, without switching for winter.
inline constexpr std::chrono::minutes kCompanyUtcOffset{-7 * 60};

// "2020-09-29T05:58:16-07:00", as in MetaData.
std::string format_metadata_time(std::chrono::system_clock::time_point at);
// "2020-09-29T05:58:16.187-07:00", as in the response's "time".
std::string format_response_time(std::chrono::system_clock::time_point at);
// "2020-09-29": the company's local date.
std::string format_local_date(std::chrono::system_clock::time_point at);
// Adds days to a "YYYY-MM-DD" date; nullopt if it is not one.
std::optional<std::string> add_days(std::string_view date, int days);

// Reads "YYYY-MM-DD", "YYYY-MM-DDThh:mm:ss[.fff](Z|±hh:mm)"; a time without an offset is taken
// as the company's local time. nullopt when it is none of these.
std::optional<std::chrono::system_clock::time_point> parse_time(std::string_view text);

}  // namespace qbo_sandbox
