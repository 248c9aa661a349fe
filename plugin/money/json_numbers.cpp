#include "money/json_numbers.h"

#include <array>
#include <charconv>
#include <system_error>
#include <utility>

#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>

namespace qbo_sync::money {
namespace {

std::optional<std::string> shortest_text(double value) {
  std::array<char, 400> buffer{};
  const auto result =
      std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, std::chars_format::fixed);
  if (result.ec != std::errc()) return std::nullopt;
  return std::string(buffer.data(), result.ptr);
}

void write_fixed(double value, std::string& out) {
  out += shortest_text(value).value_or("null");
}

}  // namespace

std::optional<Decimal> decimal_from_json(const boost::json::value& value) {
  switch (value.kind()) {
    case boost::json::kind::int64:
      return Decimal::from_integer(value.get_int64());
    case boost::json::kind::uint64: {
      const auto unsigned_value = value.get_uint64();
      if (unsigned_value > static_cast<uint64_t>(INT64_MAX)) return std::nullopt;
      return Decimal::from_integer(static_cast<int64_t>(unsigned_value));
    }
    case boost::json::kind::double_: {
      const auto text = shortest_text(value.get_double());
      if (!text) return std::nullopt;
      return Decimal::parse(*text);
    }
    case boost::json::kind::string:
      return Decimal::parse(std::string_view(value.get_string()));
    default:
      return std::nullopt;
  }
}

boost::json::value json_number(const Decimal& value) {
  if (value.is_integer()) {
    if (const auto whole = value.rescaled_exactly(0)) return whole->mantissa();
  }
  const std::string text = value.to_canonical_string();
  double nearest = 0;
  std::from_chars(text.data(), text.data() + text.size(), nearest);
  return nearest;
}

void write_json(const boost::json::value& value, std::string& out, DoubleWriter write_double) {
  // Opens with `open` before the first element, separates with ',' after it.
  const auto separate = [&out](char& separator) { out += std::exchange(separator, ','); };
  switch (value.kind()) {
    case boost::json::kind::double_:
      write_double(value.get_double(), out);
      return;
    case boost::json::kind::array: {
      char separator = '[';
      for (const auto& element : value.get_array()) {
        separate(separator);
        write_json(element, out, write_double);
      }
      out += separator == '[' ? "[]" : "]";
      return;
    }
    case boost::json::kind::object: {
      char separator = '{';
      for (const auto& member : value.get_object()) {
        separate(separator);
        out += boost::json::serialize(boost::json::string_view(member.key()));
        out += ':';
        write_json(member.value(), out, write_double);
      }
      out += separator == '{' ? "{}" : "}";
      return;
    }
    default:
      out += boost::json::serialize(value);
      return;
  }
}

std::string serialize_exact(const boost::json::value& value) {
  std::string out;
  write_json(value, out, write_fixed);
  return out;
}

}  // namespace qbo_sync::money
