#include "money/currency.h"

#include <gtest/gtest.h>

namespace qbo_sync::money {
namespace {

TEST(MinorUnitDigits, KnowsCommonAndUnusualCurrencies) {
  EXPECT_EQ(minor_unit_digits("CAD"), 2);
  EXPECT_EQ(minor_unit_digits("USD"), 2);
  EXPECT_EQ(minor_unit_digits("EUR"), 2);
  EXPECT_EQ(minor_unit_digits("JPY"), 0);
  EXPECT_EQ(minor_unit_digits("BHD"), 3);
}

TEST(MinorUnitDigits, RefusesUnknownCodes) {
  EXPECT_FALSE(minor_unit_digits("").has_value());
  EXPECT_FALSE(minor_unit_digits("cad").has_value());
  EXPECT_FALSE(minor_unit_digits("XYZ").has_value());
  EXPECT_FALSE(minor_unit_digits("CADD").has_value());
}

}  // namespace
}  // namespace qbo_sync::money
