#include "json_text.h"

#include <array>
#include <charconv>
#include <cmath>

#include <boost/json/serialize.hpp>

#include "money/json_numbers.h"

namespace qbo_sandbox {
namespace {

// Plain decimals as QBO writes them; a number whose plain text would be longer than 40 characters
// falls back to Boost.JSON's form.
void write_double(double number, std::string& out) {
  if (!std::isfinite(number)) {
    out += "null";
    return;
  }
  std::array<char, 64> text{};
  const auto [end, error] =
      std::to_chars(text.data(), text.data() + text.size(), number, std::chars_format::fixed);
  if (error == std::errc() && end - text.data() <= 40) {
    out.append(text.data(), end);
  } else {
    out += boost::json::serialize(boost::json::value(number));
  }
}

}  // namespace

std::string response_json_text(const boost::json::value& value) {
  std::string out;
  out.reserve(256);
  qbo_sync::money::write_json(value, out, write_double);
  return out;
}

}  // namespace qbo_sandbox
