#include "decimal.h"

#include <array>
#include <charconv>
#include <cstdlib>
#include <stdexcept>

#include <boost/json/value.hpp>

namespace qbo_sandbox {
namespace {

using Mantissa = Decimal::Mantissa;

// 10^38 is the last power of ten below 2^127; larger scales cannot occur with QBO's values.
constexpr int kMaxScale = 30;

constexpr std::array<Mantissa, 39> kPowersOfTen = [] {
  std::array<Mantissa, 39> powers{};
  powers[0] = 1;
  for (std::size_t i = 1; i < powers.size(); ++i) {
    powers[i] = powers[i - 1] * 10;
  }
  return powers;
}();

Mantissa power_of_ten(int exponent) {
  if (exponent < 0 || exponent > 38) {
    throw std::overflow_error("decimal scale out of range");
  }
  return kPowersOfTen[static_cast<std::size_t>(exponent)];
}

Mantissa checked_multiply(Mantissa a, Mantissa b) {
  Mantissa result = 0;
  if (__builtin_mul_overflow(a, b, &result)) {
    throw std::overflow_error("decimal overflow");
  }
  return result;
}

Mantissa checked_add(Mantissa a, Mantissa b) {
  Mantissa result = 0;
  if (__builtin_add_overflow(a, b, &result)) {
    throw std::overflow_error("decimal overflow");
  }
  return result;
}

// round(numerator / denominator) half away from zero; denominator > 0.
Mantissa divide_half_up(Mantissa numerator, Mantissa denominator) {
  const bool negative = numerator < 0;
  const Mantissa magnitude = negative ? -numerator : numerator;
  Mantissa quotient = magnitude / denominator;
  const Mantissa remainder = magnitude % denominator;
  if (remainder >= denominator - remainder) {  // remainder * 2 >= denominator, without overflow
    ++quotient;
  }
  return negative ? -quotient : quotient;
}

}  // namespace

Decimal::Decimal(Mantissa mantissa, int scale) : mantissa_(mantissa), scale_(scale) {
  normalize();
}

void Decimal::normalize() {
  while (scale_ > 0 && mantissa_ % 10 == 0) {
    mantissa_ /= 10;
    --scale_;
  }
  if (mantissa_ == 0) {
    scale_ = 0;
  }
}

Decimal Decimal::from_integer(std::int64_t value) {
  return Decimal(value, 0);
}

std::optional<Decimal> Decimal::parse(std::string_view text) {
  std::size_t position = 0;
  bool negative = false;
  if (position < text.size() && (text[position] == '-' || text[position] == '+')) {
    negative = text[position] == '-';
    ++position;
  }
  Mantissa mantissa = 0;
  int scale = 0;
  int digits = 0;
  bool seen_point = false;
  try {
    for (; position < text.size(); ++position) {
      const char character = text[position];
      if (character >= '0' && character <= '9') {
        mantissa = checked_add(checked_multiply(mantissa, 10), character - '0');
        ++digits;
        if (seen_point) {
          ++scale;
        }
      } else if (character == '.' && !seen_point) {
        seen_point = true;
      } else {
        break;
      }
    }
    if (digits == 0) {
      return std::nullopt;
    }
    if (position < text.size()) {
      if (text[position] != 'e' && text[position] != 'E') {
        return std::nullopt;
      }
      int exponent = 0;
      const char* first = text.data() + position + 1;
      const char* last = text.data() + text.size();
      if (first != last && *first == '+') {
        ++first;
      }
      const auto [end, error] = std::from_chars(first, last, exponent);
      if (error != std::errc{} || end != last || first == last) {
        return std::nullopt;
      }
      scale -= exponent;
    }
    if (scale < 0) {
      mantissa = checked_multiply(mantissa, power_of_ten(-scale));
      scale = 0;
    }
    if (scale > kMaxScale) {
      return std::nullopt;
    }
  } catch (const std::overflow_error&) {
    return std::nullopt;
  }
  return Decimal(negative ? -mantissa : mantissa, scale);
}

std::optional<Decimal> Decimal::from_json(const boost::json::value& value) {
  if (value.is_int64()) {
    return from_integer(value.get_int64());
  }
  if (value.is_uint64()) {
    return parse(std::to_string(value.get_uint64()));
  }
  if (value.is_double()) {
    // The shortest text that reads back as the same double: what the client wrote.
    std::array<char, 64> buffer{};
    const auto [end, error] =
        std::to_chars(buffer.data(), buffer.data() + buffer.size(), value.get_double());
    if (error != std::errc{}) {
      return std::nullopt;
    }
    return parse(std::string_view(buffer.data(), static_cast<std::size_t>(end - buffer.data())));
  }
  if (value.is_string()) {
    return parse(value.get_string());
  }
  return std::nullopt;
}

std::string Decimal::to_string() const {
  const bool negative = mantissa_ < 0;
  Mantissa magnitude = negative ? -mantissa_ : mantissa_;
  // Digits are produced least significant first, then reversed.
  std::string reversed;
  int produced = 0;
  do {
    reversed.push_back(static_cast<char>('0' + static_cast<int>(magnitude % 10)));
    magnitude /= 10;
    ++produced;
    if (produced == scale_) {
      reversed.push_back('.');
    }
  } while (magnitude != 0 || produced < scale_);
  if (reversed.back() == '.') {
    reversed.push_back('0');
  }
  if (negative) {
    reversed.push_back('-');
  }
  return {reversed.rbegin(), reversed.rend()};
}

std::string Decimal::to_fixed(int places) const {
  const Decimal rounded = round(places);
  std::string text = rounded.to_string();
  if (places <= 0) {
    return text;
  }
  const std::size_t point = text.find('.');
  int decimals = 0;
  if (point == std::string::npos) {
    text += '.';
  } else {
    decimals = static_cast<int>(text.size() - point - 1);
  }
  text.append(static_cast<std::size_t>(places - decimals), '0');
  return text;
}

boost::json::value Decimal::to_json() const {
  if (scale_ == 0 && mantissa_ >= INT64_MIN && mantissa_ <= INT64_MAX) {
    return static_cast<std::int64_t>(mantissa_);
  }
  // strtod returns the double nearest the exact decimal, whose shortest text is this text.
  const std::string text = to_string();
  return std::strtod(text.c_str(), nullptr);
}

boost::json::value Decimal::to_money_json() const {
  if (mantissa_ == 0) {
    return 0;
  }
  const std::string text = to_string();
  return std::strtod(text.c_str(), nullptr);
}

Decimal Decimal::round(int places) const {
  if (places < 0) {
    throw std::invalid_argument("negative rounding places");
  }
  if (scale_ <= places) {
    return *this;
  }
  return Decimal(divide_half_up(mantissa_, power_of_ten(scale_ - places)), places);
}

Decimal Decimal::divide(const Decimal& divisor, int places) const {
  if (divisor.mantissa_ == 0) {
    throw std::domain_error("decimal division by zero");
  }
  // (m1 / 10^s1) / (m2 / 10^s2) * 10^places = m1 * 10^(s2 + places - s1) / m2
  Mantissa numerator = mantissa_;
  Mantissa denominator = divisor.mantissa_;
  const int shift = divisor.scale_ + places - scale_;
  if (shift >= 0) {
    numerator = checked_multiply(numerator, power_of_ten(shift));
  } else {
    denominator = checked_multiply(denominator, power_of_ten(-shift));
  }
  if (denominator < 0) {
    numerator = -numerator;
    denominator = -denominator;
  }
  return Decimal(divide_half_up(numerator, denominator), places);
}

int Decimal::significant_decimals() const {
  return scale_;
}

Decimal operator+(const Decimal& a, const Decimal& b) {
  const int scale = std::max(a.scale_, b.scale_);
  return Decimal(checked_add(checked_multiply(a.mantissa_, power_of_ten(scale - a.scale_)),
                             checked_multiply(b.mantissa_, power_of_ten(scale - b.scale_))),
                 scale);
}

Decimal operator-(const Decimal& a, const Decimal& b) {
  return a + (-b);
}

Decimal operator*(const Decimal& a, const Decimal& b) {
  const int scale = a.scale_ + b.scale_;
  if (scale > kMaxScale) {
    throw std::overflow_error("decimal scale out of range");
  }
  return Decimal(checked_multiply(a.mantissa_, b.mantissa_), scale);
}

Decimal Decimal::operator-() const {
  return Decimal(-mantissa_, scale_);
}

int Decimal::compare(const Decimal& a, const Decimal& b) {
  if (a.scale_ == b.scale_) {  // the common case (Ids, cents): no arithmetic needed
    return (a.mantissa_ > b.mantissa_) - (a.mantissa_ < b.mantissa_);
  }
  const Decimal difference = a - b;
  return difference.mantissa_ < 0 ? -1 : (difference.mantissa_ > 0 ? 1 : 0);
}

}  // namespace qbo_sandbox
