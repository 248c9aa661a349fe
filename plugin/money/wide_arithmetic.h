// 128-bit integer helpers behind exact money arithmetic: products and rescales are computed wide,
// then checked to fit back into 64 bits. Shared by Decimal and the tax engine.
#pragma once

#include <cstdint>

namespace qbo_sync::money {

__extension__ typedef __int128 Wide;

inline Wide power_of_ten(int exponent) {
  Wide result = 1;
  for (int i = 0; i < exponent; ++i) result *= 10;
  return result;
}

inline bool fits_in_64_bits(Wide value) {
  return value <= static_cast<Wide>(INT64_MAX) && value >= static_cast<Wide>(INT64_MIN);
}

// Divides rounding half away from zero; `divisor` must be positive.
inline Wide divide_half_up(Wide numerator, Wide divisor) {
  Wide quotient = numerator / divisor;
  Wide remainder = numerator % divisor;
  if (remainder < 0) remainder = -remainder;
  if (remainder * 2 >= divisor) quotient += (numerator < 0) ? -1 : 1;
  return quotient;
}

}  // namespace qbo_sync::money
