#include "money.h"

#include <array>
#include <charconv>
#include <cstdlib>
#include <string_view>

namespace qbo_sandbox {
namespace {

// Exact decimal reading of "[-]digits[.digits][e[±]digits]" to cents, half away from zero.
std::optional<std::int64_t> decimal_text_to_cents(std::string_view text) {
  bool negative = false;
  std::size_t position = 0;
  if (position < text.size() && (text[position] == '-' || text[position] == '+')) {
    negative = text[position] == '-';
    ++position;
  }
  std::string digits;
  int decimals = 0;
  bool seen_point = false;
  for (; position < text.size(); ++position) {
    const char c = text[position];
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
      if (seen_point) ++decimals;
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  if (digits.empty()) return std::nullopt;
  int exponent = 0;
  if (position < text.size() && (text[position] == 'e' || text[position] == 'E')) {
    ++position;
    if (position < text.size() && text[position] == '+') ++position;
    const auto [end, error] =
        std::from_chars(text.data() + position, text.data() + text.size(), exponent);
    if (error != std::errc()) return std::nullopt;
    position = static_cast<std::size_t>(end - text.data());
  }
  if (position != text.size()) return std::nullopt;
  // value = digits * 10^(exponent - decimals); cents = value * 100.
  int shift = exponent - decimals + 2;
  if (shift > 12 || digits.size() > 30) return std::nullopt;
  while (shift > 0) {
    digits.push_back('0');
    --shift;
  }
  bool round_up = false;
  if (shift < 0) {
    const auto cut = static_cast<std::size_t>(-shift);
    if (cut > digits.size()) {
      digits.insert(0, cut - digits.size(), '0');
    }
    round_up = digits[digits.size() - cut] >= '5';
    digits.resize(digits.size() - cut);
  }
  if (digits.empty()) digits = "0";
  const auto first = digits.find_first_not_of('0');
  if (first != std::string::npos && digits.size() - first > 17) return std::nullopt;
  std::int64_t cents = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), cents);
  if (round_up) ++cents;
  return negative ? -cents : cents;
}

}  // namespace

std::optional<std::int64_t> to_cents(const boost::json::value& amount) {
  if (amount.is_int64()) return amount.get_int64() * 100;
  if (amount.is_uint64()) return static_cast<std::int64_t>(amount.get_uint64()) * 100;
  if (amount.is_string()) return decimal_text_to_cents(amount.get_string());
  if (amount.is_double()) {
    // The shortest text that reads back as the same double is what the client wrote.
    std::array<char, 64> text{};
    const auto [end, error] =
        std::to_chars(text.data(), text.data() + text.size(), amount.get_double());
    if (error != std::errc()) return std::nullopt;
    return decimal_text_to_cents(
        std::string_view(text.data(), static_cast<std::size_t>(end - text.data())));
  }
  return std::nullopt;
}

std::string cents_to_text(std::int64_t cents) {
  const auto magnitude = cents < 0 ? -cents : cents;
  std::string fraction = std::to_string(magnitude % 100);
  if (fraction.size() < 2) fraction.insert(0, "0");
  return (cents < 0 ? "-" : "") + std::to_string(magnitude / 100) + "." + fraction;
}

boost::json::value cents_to_json(std::int64_t cents) {
  if (cents % 100 == 0) return boost::json::value(cents / 100);
  // Only the JSON carrier is binary; every sum was done in cents.
  return boost::json::value(std::strtod(cents_to_text(cents).c_str(), nullptr));
}

}  // namespace qbo_sandbox
