#include "money/currency.h"

#include <gtest/gtest.h>

namespace qbo_sync::money {
namespace {

TEST(MinorUnitDigits, KnowsCommonAndUnusualCurrencies) {
  for (const auto& [code, digits] :
       {std::pair{"CAD", 2}, {"USD", 2}, {"EUR", 2}, {"JPY", 0}, {"BHD", 3}}) {
    EXPECT_EQ(minor_unit_digits(code), digits) << code;
  }
}

TEST(MinorUnitDigits, RefusesUnknownCodes) {
  for (const char* code : {"", "cad", "XYZ", "CADD"}) {
    EXPECT_FALSE(minor_unit_digits(code).has_value()) << code;
  }
}

}  // namespace
}  // namespace qbo_sync::money
