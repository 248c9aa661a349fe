#include "tax/exact_arithmetic.h"

#include <cstdlib>

#include "money/wide_arithmetic.h"

namespace qbo_sync::tax {
namespace {

using money::divide_half_up;
using money::fits_in_64_bits;
using money::power_of_ten;
using money::Wide;

std::optional<int64_t> narrowed(Wide value) {
  if (!fits_in_64_bits(value)) return std::nullopt;
  return static_cast<int64_t>(value);
}

// value × 10^shift, rounded half up when shift is negative.
Wide shifted(Wide value, int shift) {
  if (shift >= 0) return value * power_of_ten(shift);
  return divide_half_up(value, power_of_ten(-shift));
}

}  // namespace

std::optional<int64_t> round_product_to_minor(const money::Decimal& a, const money::Decimal& b,
                                              int digits) {
  const Wide product = static_cast<Wide>(a.mantissa()) * static_cast<Wide>(b.mantissa());
  return narrowed(shifted(product, digits - a.scale() - b.scale()));
}

std::optional<int64_t> percent_of_minor(int64_t minor, const money::Decimal& percent) {
  const Wide numerator = static_cast<Wide>(minor) * percent.mantissa();
  return narrowed(divide_half_up(numerator, 100 * power_of_ten(percent.scale())));
}

std::optional<int64_t> net_of_tax_inclusive(int64_t gross_minor, const money::Decimal& percent) {
  const Wide hundred = 100 * power_of_ten(percent.scale());
  const Wide divisor = hundred + percent.mantissa();
  if (divisor <= 0) return std::nullopt;
  return narrowed(divide_half_up(static_cast<Wide>(gross_minor) * hundred, divisor));
}

std::optional<int64_t> tax_of_tax_inclusive(int64_t gross_minor, const money::Decimal& percent) {
  const Wide divisor = 100 * power_of_ten(percent.scale()) + percent.mantissa();
  if (divisor <= 0) return std::nullopt;
  return narrowed(divide_half_up(static_cast<Wide>(gross_minor) * percent.mantissa(), divisor));
}

std::optional<std::vector<int64_t>> allocate_pro_rata(int64_t total,
                                                      const std::vector<int64_t>& weights) {
  Wide weight_sum = 0;
  std::size_t largest = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (weights[i] < 0) return std::nullopt;
    weight_sum += weights[i];
    if (weights[i] > weights[largest]) largest = i;
  }
  std::vector<int64_t> shares(weights.size(), 0);
  if (weight_sum == 0) return total == 0 ? std::optional(shares) : std::nullopt;
  Wide allocated = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const Wide share = divide_half_up(static_cast<Wide>(total) * weights[i], weight_sum);
    shares[i] = static_cast<int64_t>(share);
    allocated += share;
  }
  shares[largest] += static_cast<int64_t>(static_cast<Wide>(total) - allocated);
  return shares;
}

std::optional<money::Decimal> unit_price_for(int64_t amount_minor, int digits,
                                             const money::Decimal& quantity) {
  if (quantity.mantissa() <= 0) return std::nullopt;
  // price × 10^7 = amount / 10^digits ÷ (q / 10^qs) × 10^7
  const Wide numerator =
      static_cast<Wide>(amount_minor) * power_of_ten(quantity.scale() + kUnitPriceDecimals);
  const Wide denominator = static_cast<Wide>(quantity.mantissa()) * power_of_ten(digits);
  const Wide nearest = divide_half_up(numerator, denominator);
  // The nearest seven-decimal price almost always reproduces the amount; its neighbours cover the
  // rare half-cent tie.
  for (const Wide candidate : {nearest, nearest - 1, nearest + 1}) {
    if (!fits_in_64_bits(candidate)) continue;
    const auto price =
        money::Decimal::from_scaled(static_cast<int64_t>(candidate), kUnitPriceDecimals);
    const auto product = round_product_to_minor(quantity, price, digits);
    if (product && *product == amount_minor)
      return price.rescaled_exactly(price.significant_decimals()).value_or(price);
  }
  return std::nullopt;
}

}  // namespace qbo_sync::tax
