#include "money/amount.h"

#include <gtest/gtest.h>

namespace qbo_sync::money {
namespace {

TEST(AmountParse, ConvertsToMinorUnits) {
  EXPECT_EQ(Amount::parse("12.3", 2)->minor, 1230);
  EXPECT_EQ(Amount::parse("12.30", 2)->minor, 1230);
  EXPECT_EQ(Amount::parse("-0.01", 2)->minor, -1);
  EXPECT_EQ(Amount::parse("500", 0)->minor, 500);
  EXPECT_EQ(Amount::parse("1.234", 3)->minor, 1234);
}

TEST(AmountParse, RefusesMoreDecimalsThanTheCurrencyAllows) {
  EXPECT_FALSE(Amount::parse("12.345", 2).has_value());
  EXPECT_FALSE(Amount::parse("1.5", 0).has_value());
  // Trailing zeros are not extra precision.
  EXPECT_TRUE(Amount::parse("12.3400", 2).has_value());
}

TEST(AmountParse, RefusesNonDecimalsAndOverflow) {
  EXPECT_FALSE(Amount::parse("abc", 2).has_value());
  EXPECT_FALSE(Amount::parse("1e2", 2).has_value());
  EXPECT_FALSE(Amount::parse("999999999999999999", 2).has_value());
}

TEST(AmountText, PrintsAllMinorDigits) {
  EXPECT_EQ((Amount{1230, 2}).to_string(), "12.30");
  EXPECT_EQ((Amount{-5, 2}).to_string(), "-0.05");
  EXPECT_EQ((Amount{7, 0}).to_string(), "7");
}

}  // namespace
}  // namespace qbo_sync::money
