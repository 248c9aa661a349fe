// An exact decimal number: a 64-bit integer mantissa and a scale (digits after the point).
// Money, quantities, unit prices and tax rates are carried in it; no binary float is ever involved.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace qbo_sync::money {

class Decimal {
 public:
  // The largest scale a Decimal may have; enough for QBO unit prices (7 places) and tax rates.
  static constexpr int kMaxScale = 12;

  constexpr Decimal() = default;

  // Parses "-12.345", "0", "7.50". No exponent, no leading '+', no thousands separators, at most 18
  // significant digits. Returns nullopt for anything else.
  static std::optional<Decimal> parse(std::string_view text);

  // `mantissa` × 10^-scale; scale in [0, kMaxScale].
  static Decimal from_scaled(int64_t mantissa, int scale);
  static Decimal from_integer(int64_t value) { return from_scaled(value, 0); }

  int64_t mantissa() const { return mantissa_; }
  int scale() const { return scale_; }

  // Digits after the point once trailing zeros are dropped: "7.50" → 1.
  int significant_decimals() const;
  bool is_zero() const { return mantissa_ == 0; }
  bool is_negative() const { return mantissa_ < 0; }
  bool is_integer() const { return significant_decimals() == 0; }

  // The same value at `scale`; nullopt when that would drop a non-zero digit or overflow.
  std::optional<Decimal> rescaled_exactly(int scale) const;

  // Rounded to `scale` places, half away from zero (QBO's and the CRM's rounding of money).
  Decimal rounded_half_up(int scale) const;

  // The value as an integer count of 10^-scale units, half away from zero; nullopt on overflow.
  std::optional<int64_t> to_scaled_half_up(int scale) const;

  // Exact arithmetic; nullopt on overflow of the 64-bit mantissa or of kMaxScale.
  static std::optional<Decimal> add(const Decimal& a, const Decimal& b);
  static std::optional<Decimal> subtract(const Decimal& a, const Decimal& b);
  static std::optional<Decimal> multiply(const Decimal& a, const Decimal& b);

  // Text with exactly scale() decimals ("12.50"), as JSON and QBO expect it.
  std::string to_string() const;
  // Text with trailing zeros dropped ("12.5").
  std::string to_canonical_string() const;

  // Numeric comparison, independent of scale (1.50 == 1.5).
  friend bool operator==(const Decimal& a, const Decimal& b) { return compare(a, b) == 0; }
  friend bool operator<(const Decimal& a, const Decimal& b) { return compare(a, b) < 0; }
  friend bool operator>(const Decimal& a, const Decimal& b) { return compare(a, b) > 0; }
  friend bool operator<=(const Decimal& a, const Decimal& b) { return compare(a, b) <= 0; }
  friend bool operator>=(const Decimal& a, const Decimal& b) { return compare(a, b) >= 0; }
  static int compare(const Decimal& a, const Decimal& b);

 private:
  constexpr Decimal(int64_t mantissa, int scale) : mantissa_(mantissa), scale_(scale) {}
  int64_t mantissa_ = 0;
  int scale_ = 0;
};

}  // namespace qbo_sync::money
