#include "money/decimal.h"

#include <array>
#include <cstdlib>

#include "money/wide_arithmetic.h"

namespace qbo_sync::money {
namespace {

constexpr int kMaxDigits = 18;

constexpr std::array<int64_t, 19> kPowersOfTen = {
    1LL,
    10LL,
    100LL,
    1000LL,
    10000LL,
    100000LL,
    1000000LL,
    10000000LL,
    100000000LL,
    1000000000LL,
    10000000000LL,
    100000000000LL,
    1000000000000LL,
    10000000000000LL,
    100000000000000LL,
    1000000000000000LL,
    10000000000000000LL,
    100000000000000000LL,
    1000000000000000000LL,
};

// Brings both operands to the larger scale; false if that overflows.
bool align(const Decimal& a, const Decimal& b, Wide& wa, Wide& wb, int& scale) {
  scale = a.scale() > b.scale() ? a.scale() : b.scale();
  wa = static_cast<Wide>(a.mantissa()) * power_of_ten(scale - a.scale());
  wb = static_cast<Wide>(b.mantissa()) * power_of_ten(scale - b.scale());
  return true;
}

}  // namespace

std::optional<Decimal> Decimal::parse(std::string_view text) {
  if (text.empty()) return std::nullopt;
  bool negative = false;
  std::size_t pos = 0;
  if (text[0] == '-') {
    negative = true;
    pos = 1;
  }
  if (pos >= text.size()) return std::nullopt;
  int64_t mantissa = 0;
  int digits = 0;
  int scale = 0;
  bool seen_point = false;
  bool seen_digit_before_point = false;
  bool seen_digit_after_point = false;
  for (; pos < text.size(); ++pos) {
    const char c = text[pos];
    if (c == '.') {
      if (seen_point || !seen_digit_before_point) return std::nullopt;
      seen_point = true;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    if (seen_point) {
      seen_digit_after_point = true;
      ++scale;
      if (scale > kMaxScale) return std::nullopt;
    } else {
      seen_digit_before_point = true;
    }
    if (mantissa != 0 || c != '0') ++digits;
    if (digits > kMaxDigits) return std::nullopt;
    mantissa = mantissa * 10 + (c - '0');
  }
  if (seen_point && !seen_digit_after_point) return std::nullopt;
  return Decimal(negative ? -mantissa : mantissa, scale);
}

Decimal Decimal::from_scaled(int64_t mantissa, int scale) {
  if (scale < 0) scale = 0;
  if (scale > kMaxScale) scale = kMaxScale;
  return Decimal(mantissa, scale);
}

int Decimal::significant_decimals() const {
  int decimals = scale_;
  int64_t m = mantissa_;
  while (decimals > 0 && m % 10 == 0) {
    m /= 10;
    --decimals;
  }
  return decimals;
}

std::optional<Decimal> Decimal::rescaled_exactly(int scale) const {
  if (scale < 0 || scale > kMaxScale) return std::nullopt;
  if (scale >= scale_) {
    const Wide widened = static_cast<Wide>(mantissa_) * power_of_ten(scale - scale_);
    if (!fits_in_64_bits(widened)) return std::nullopt;
    return Decimal(static_cast<int64_t>(widened), scale);
  }
  const int64_t divisor = kPowersOfTen[static_cast<std::size_t>(scale_ - scale)];
  if (mantissa_ % divisor != 0) return std::nullopt;
  return Decimal(mantissa_ / divisor, scale);
}

std::optional<int64_t> Decimal::to_scaled_half_up(int scale) const {
  if (scale < 0 || scale > kMaxScale) return std::nullopt;
  Wide value = static_cast<Wide>(mantissa_);
  if (scale >= scale_) {
    value *= power_of_ten(scale - scale_);
  } else {
    value = divide_half_up(value, power_of_ten(scale_ - scale));
  }
  if (!fits_in_64_bits(value)) return std::nullopt;
  return static_cast<int64_t>(value);
}

Decimal Decimal::rounded_half_up(int scale) const {
  if (scale < 0) scale = 0;
  if (scale >= scale_) return *this;
  const Wide value = divide_half_up(static_cast<Wide>(mantissa_), power_of_ten(scale_ - scale));
  return Decimal(static_cast<int64_t>(value), scale);
}

std::optional<Decimal> Decimal::add(const Decimal& a, const Decimal& b) {
  Wide wa, wb;
  int scale;
  align(a, b, wa, wb, scale);
  const Wide sum = wa + wb;
  if (!fits_in_64_bits(sum)) return std::nullopt;
  return Decimal(static_cast<int64_t>(sum), scale);
}

std::optional<Decimal> Decimal::subtract(const Decimal& a, const Decimal& b) {
  return add(a, Decimal(-b.mantissa_, b.scale_));
}

std::optional<Decimal> Decimal::multiply(const Decimal& a, const Decimal& b) {
  Wide product = static_cast<Wide>(a.mantissa_) * static_cast<Wide>(b.mantissa_);
  int scale = a.scale_ + b.scale_;
  // Drop trailing zeros first so that a product of two scaled values stays within kMaxScale.
  while (scale > kMaxScale && product % 10 == 0) {
    product /= 10;
    --scale;
  }
  if (scale > kMaxScale || !fits_in_64_bits(product)) return std::nullopt;
  return Decimal(static_cast<int64_t>(product), scale);
}

int Decimal::compare(const Decimal& a, const Decimal& b) {
  Wide wa, wb;
  int scale;
  align(a, b, wa, wb, scale);
  return wa < wb ? -1 : (wa > wb ? 1 : 0);
}

std::string Decimal::to_string() const {
  const bool negative = mantissa_ < 0;
  // Through unsigned so that INT64_MIN has a magnitude too.
  uint64_t magnitude =
      negative ? static_cast<uint64_t>(-(mantissa_ + 1)) + 1 : static_cast<uint64_t>(mantissa_);
  std::string digits = std::to_string(magnitude);
  if (scale_ > 0) {
    if (digits.size() <= static_cast<std::size_t>(scale_)) {
      digits.insert(0, static_cast<std::size_t>(scale_) - digits.size() + 1, '0');
    }
    digits.insert(digits.size() - static_cast<std::size_t>(scale_), 1, '.');
  }
  return negative ? "-" + digits : digits;
}

std::string Decimal::to_canonical_string() const {
  const int decimals = significant_decimals();
  return Decimal(mantissa_ / kPowersOfTen[static_cast<std::size_t>(scale_ - decimals)], decimals)
      .to_string();
}

}  // namespace qbo_sync::money
