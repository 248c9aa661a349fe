// ISO 4217 currencies and their minor units.
#pragma once

#include <optional>
#include <string_view>

namespace qbo_sync::money {

// Digits after the point of the currency's minor unit (CAD 2, JPY 0, BHD 3); nullopt when the code
// is not an active ISO 4217 currency.
std::optional<int> minor_unit_digits(std::string_view iso_code);

}  // namespace qbo_sync::money
