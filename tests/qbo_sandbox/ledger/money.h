#pragma once

#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <string>

namespace qbo_sandbox {

// Amounts are kept as integer cents for arithmetic; JSON carries them as numbers.

// The value in cents, rounded half away from zero; nullopt when it is not a number (or a string
// holding one).
std::optional<std::int64_t> to_cents(const boost::json::value& amount);
// A JSON number for the cents: an integer when whole, else the shortest decimal.
boost::json::value cents_to_json(std::int64_t cents);
// "12.34" for 1234, "-0.05" for -5.
std::string cents_to_text(std::int64_t cents);

}  // namespace qbo_sandbox
