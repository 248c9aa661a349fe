// Exact money arithmetic the tax engine needs beyond Decimal: products rounded to minor units,
// percentages, tax-inclusive back-calculation, pro-rata allocation and unit prices. Every result is
// rounded half away from zero, as QBO and the CRM round money.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "money/decimal.h"

namespace qbo_sync::tax {

// QBO keeps unit prices to seven decimals.
inline constexpr int kUnitPriceDecimals = 7;

// round_half_up(a × b) in minor units of a currency with `digits` decimals; nullopt on overflow.
std::optional<int64_t> round_product_to_minor(const money::Decimal& a, const money::Decimal& b,
                                              int digits);

// round_half_up(minor × percent / 100), in the same minor units; nullopt on overflow.
std::optional<int64_t> percent_of_minor(int64_t minor, const money::Decimal& percent);

// The net part of a tax-inclusive amount: round_half_up(gross × 100 / (100 + percent)).
std::optional<int64_t> net_of_tax_inclusive(int64_t gross_minor, const money::Decimal& percent);

// The tax part of a tax-inclusive amount: round_half_up(gross × percent / (100 + percent)).
std::optional<int64_t> tax_of_tax_inclusive(int64_t gross_minor, const money::Decimal& percent);

// Splits `total` over `weights` pro rata: share_i = round_half_up(total × w_i / Σw); whatever the
// rounding leaves over goes to the largest weight (the first of equals), so the shares always sum
// to `total`. nullopt when the weights sum to zero but `total` does not, or a weight is negative.
std::optional<std::vector<int64_t>> allocate_pro_rata(int64_t total,
                                                      const std::vector<int64_t>& weights);

// A unit price of at most seven decimals whose product with `quantity`, rounded to minor units,
// is exactly `amount_minor` (QBO rejects a line whose Amount differs, fault 6070); nullopt when no
// such price exists. `quantity` must be positive.
std::optional<money::Decimal> unit_price_for(int64_t amount_minor, int digits,
                                             const money::Decimal& quantity);

// `minor` units as a Decimal with `digits` decimals.
inline money::Decimal minor_to_decimal(int64_t minor, int digits) {
  return money::Decimal::from_scaled(minor, digits);
}

}  // namespace qbo_sync::tax
