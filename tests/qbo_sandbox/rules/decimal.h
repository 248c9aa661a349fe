#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/fwd.hpp>

namespace qbo_sandbox {

// An exact decimal number: an integer mantissa and a power-of-ten scale. Money, quantities,
// prices and tax rates all go through it so that no binary float takes part in arithmetic.
// Rounding is half-up (away from zero on ties), as QBO rounds.
class Decimal {
 public:
  __extension__ using Mantissa = __int128;  // wide enough for Qty x UnitPrice x rate products

  Decimal() = default;
  static Decimal from_integer(std::int64_t value);
  // "12.5", "-0.125", "1E-7", "1.25e1", "  " is refused; nullopt when not a number.
  static std::optional<Decimal> parse(std::string_view text);
  // A JSON number (a double goes through its shortest round-trip text, never through a
  // multiplication) or a numeric string. nullopt for anything else.
  static std::optional<Decimal> from_json(const boost::json::value& value);

  // The shortest exact text: "12.5", "0", "-3.25".
  std::string to_string() const;
  // Rounded half-up to exactly `places` decimals: "12.50".
  std::string to_fixed(int places) const;
  // The JSON number QBO would print: an int64 when integral, else the double nearest the exact
  // value (so that it serializes as its short decimal text, 12.5 not 12.50000001).
  boost::json::value to_json() const;
  // A money amount as QBO types it: 0 as the integer 0, anything else as a double (QBO prints
  // 50.00, which a JSON reader takes as a double, and a bare 0).
  boost::json::value to_money_json() const;

  Decimal round(int places) const;  // half-up, away from zero on ties
  // round(this / divisor, places) computed exactly; divisor must not be zero.
  Decimal divide(const Decimal& divisor, int places) const;

  bool is_zero() const { return mantissa_ == 0; }
  bool is_negative() const { return mantissa_ < 0; }
  int scale() const { return scale_; }
  // Number of decimals after removing trailing zeros.
  int significant_decimals() const;

  friend Decimal operator+(const Decimal& a, const Decimal& b);
  friend Decimal operator-(const Decimal& a, const Decimal& b);
  friend Decimal operator*(const Decimal& a, const Decimal& b);
  Decimal operator-() const;
  Decimal& operator+=(const Decimal& other) { return *this = *this + other; }
  Decimal& operator-=(const Decimal& other) { return *this = *this - other; }

  friend bool operator==(const Decimal& a, const Decimal& b) { return compare(a, b) == 0; }
  friend std::strong_ordering operator<=>(const Decimal& a, const Decimal& b) {
    return compare(a, b) <=> 0;
  }

 private:
  Decimal(Mantissa mantissa, int scale);
  static int compare(const Decimal& a, const Decimal& b);
  void normalize();

  Mantissa mantissa_ = 0;
  int scale_ = 0;  // value = mantissa_ / 10^scale_, scale_ >= 0
};

}  // namespace qbo_sandbox
