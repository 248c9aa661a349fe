#include "money/decimal.h"

#include <gtest/gtest.h>

namespace qbo_sync::money {
namespace {

Decimal D(std::string_view text) {
  auto value = Decimal::parse(text);
  EXPECT_TRUE(value.has_value()) << text;
  return value.value_or(Decimal{});
}

TEST(DecimalParse, AcceptsPlainDecimals) {
  EXPECT_EQ(D("12.345").mantissa(), 12345);
  EXPECT_EQ(D("12.345").scale(), 3);
  EXPECT_EQ(D("-0.5").mantissa(), -5);
  EXPECT_EQ(D("7").scale(), 0);
  EXPECT_EQ(D("0.00").scale(), 2);
  EXPECT_EQ(D("000123.40").mantissa(), 12340);
}

TEST(DecimalParse, RefusesWhatIsNotAPlainDecimal) {
  for (std::string_view bad : {"", "-", ".5", "5.", "1e3", "+1", "1,000", "1.2.3", " 1", "1 ",
                               "0x10", "NaN", "--1", "1.0000000000000"}) {
    EXPECT_FALSE(Decimal::parse(bad).has_value()) << bad;
  }
}

TEST(DecimalParse, RefusesMoreThanEighteenSignificantDigits) {
  EXPECT_TRUE(Decimal::parse("999999999999999999").has_value());
  EXPECT_FALSE(Decimal::parse("9999999999999999999").has_value());
  EXPECT_TRUE(Decimal::parse("0000000000000000000001").has_value());
}

TEST(DecimalText, KeepsScaleOrDropsTrailingZeros) {
  EXPECT_EQ(D("12.50").to_string(), "12.50");
  EXPECT_EQ(D("12.50").to_canonical_string(), "12.5");
  EXPECT_EQ(D("-0.05").to_string(), "-0.05");
  EXPECT_EQ(D("100").to_canonical_string(), "100");
  EXPECT_EQ(Decimal::from_scaled(INT64_MIN, 2).to_string(), "-92233720368547758.08");
}

TEST(DecimalCompare, IgnoresScale) {
  EXPECT_EQ(D("1.50"), D("1.5"));
  EXPECT_LT(D("-1"), D("0.001"));
  EXPECT_GT(D("2.001"), D("2"));
  EXPECT_EQ(D("1.50").significant_decimals(), 1);
}

TEST(DecimalRounding, RoundsHalfAwayFromZero) {
  EXPECT_EQ(D("0.125").rounded_half_up(2).to_string(), "0.13");
  EXPECT_EQ(D("0.124").rounded_half_up(2).to_string(), "0.12");
  EXPECT_EQ(D("-0.125").rounded_half_up(2).to_string(), "-0.13");
  EXPECT_EQ(D("2.5").rounded_half_up(0).to_string(), "3");
  EXPECT_EQ(D("1.2").rounded_half_up(4).to_string(), "1.2");
  EXPECT_EQ(D("19.99499").to_scaled_half_up(2), 1999);
  EXPECT_EQ(D("19.995").to_scaled_half_up(2), 2000);
}

TEST(DecimalRescale, RefusesToDropDigits) {
  EXPECT_EQ(D("1.5").rescaled_exactly(2)->to_string(), "1.50");
  EXPECT_EQ(D("1.50").rescaled_exactly(1)->to_string(), "1.5");
  EXPECT_FALSE(D("1.55").rescaled_exactly(1).has_value());
  EXPECT_FALSE(D("999999999999999999").rescaled_exactly(2).has_value());
}

TEST(DecimalArithmetic, IsExact) {
  EXPECT_EQ(Decimal::add(D("0.1"), D("0.2"))->to_string(), "0.3");
  EXPECT_EQ(Decimal::subtract(D("10"), D("0.01"))->to_string(), "9.99");
  // 3 × 19.99 at 9.975 % QST: the exact product before any rounding.
  const auto net = Decimal::multiply(D("3"), D("19.99"));
  EXPECT_EQ(net->to_string(), "59.97");
  EXPECT_EQ(Decimal::multiply(*net, D("0.09975"))->to_string(), "5.9820075");
  EXPECT_EQ(Decimal::multiply(*net, D("0.09975"))->rounded_half_up(2).to_string(), "5.98");
}

TEST(DecimalArithmetic, ReportsOverflow) {
  const Decimal big = Decimal::from_scaled(INT64_MAX, 0);
  EXPECT_FALSE(Decimal::add(big, D("1")).has_value());
  EXPECT_FALSE(Decimal::multiply(big, D("2")).has_value());
  EXPECT_FALSE(Decimal::multiply(D("0.0000001"), D("0.0000001")).has_value());
  EXPECT_EQ(Decimal::multiply(D("0.0000010"), D("0.0000010"))->to_canonical_string(),
            "0.000000000001");
}

}  // namespace
}  // namespace qbo_sync::money
