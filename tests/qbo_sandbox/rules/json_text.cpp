#include "json_text.h"

#include <array>
#include <charconv>
#include <cmath>

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace qbo_sandbox {
namespace {

void append_double(std::string& out, double number) {
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

void append(std::string& out, const boost::json::value& value) {
  switch (value.kind()) {
    case boost::json::kind::object: {
      out += '{';
      bool first = true;
      for (const auto& member : value.get_object()) {
        if (!first) {
          out += ',';
        }
        first = false;
        out += boost::json::serialize(boost::json::string_view(member.key()));
        out += ':';
        append(out, member.value());
      }
      out += '}';
      break;
    }
    case boost::json::kind::array: {
      out += '[';
      bool first = true;
      for (const auto& element : value.get_array()) {
        if (!first) {
          out += ',';
        }
        first = false;
        append(out, element);
      }
      out += ']';
      break;
    }
    case boost::json::kind::double_:
      append_double(out, value.get_double());
      break;
    default:
      out += boost::json::serialize(value);
      break;
  }
}

}  // namespace

std::string to_json_text(const boost::json::value& value) {
  std::string out;
  append(out, value);
  return out;
}

}  // namespace qbo_sandbox
