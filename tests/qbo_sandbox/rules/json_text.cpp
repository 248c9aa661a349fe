#include "json_text.h"

#include <array>
#include <charconv>
#include <cmath>

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "money/json_numbers.h"

namespace qbo_sandbox {
namespace {

void append_double(double number, std::string& out) {
  if (!std::isfinite(number)) {
    out += "null";  // JSON has no infinity or NaN
    return;
  }
  std::array<char, 400> buffer{};
  const auto [end, error] =
      std::to_chars(buffer.data(), buffer.data() + buffer.size(), number, std::chars_format::fixed);
  if (error != std::errc{}) {
    out += boost::json::serialize(boost::json::value(number));
    return;
  }
  const std::string_view text(buffer.data(), static_cast<std::size_t>(end - buffer.data()));
  out += text;
  if (text.find('.') == std::string_view::npos) {
    out += ".0";  // still a double when read back
  }
}

}  // namespace

std::string to_json_text(const boost::json::value& value) {
  std::string out;
  qbo_sync::money::write_json(value, out, append_double);
  return out;
}

}  // namespace qbo_sandbox
