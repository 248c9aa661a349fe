// Money in a currency as an integer count of its minor units.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "money/decimal.h"

namespace qbo_sync::money {

struct Amount {
  int64_t minor = 0;  // cents for CAD/USD
  int digits = 2;     // minor-unit digits of the currency

  // Parses a decimal text with at most `digits` decimals ("12.3" → 1230 for 2 digits). Returns
  // nullopt for text that is not a plain decimal, has more decimals than the currency allows, or
  // overflows.
  static std::optional<Amount> parse(std::string_view text, int digits);

  Decimal to_decimal() const { return Decimal::from_scaled(minor, digits); }
  std::string to_string() const { return to_decimal().to_string(); }

  friend bool operator==(const Amount&, const Amount&) = default;
};

}  // namespace qbo_sync::money
