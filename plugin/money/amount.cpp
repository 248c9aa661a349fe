#include "money/amount.h"

namespace qbo_sync::money {

std::optional<Amount> Amount::parse(std::string_view text, int digits) {
  const auto value = Decimal::parse(text);
  if (!value || value->significant_decimals() > digits) return std::nullopt;
  const auto minor = value->rescaled_exactly(digits);
  if (!minor) return std::nullopt;
  return Amount{minor->mantissa(), digits};
}

}  // namespace qbo_sync::money
