#include "tax/exact_arithmetic.h"

#include <gtest/gtest.h>

namespace qbo_sync::tax {
namespace {

using money::Decimal;

Decimal d(const char* text) {
  return *Decimal::parse(text);
}

TEST(RoundProductToMinor, RoundsHalfUpLikeQbo) {
  // QBO's 6070 check: 128.350 × 14.50 = 1861.075 must be 1861.08 (QBO's 6070 check).
  EXPECT_EQ(round_product_to_minor(d("128.350"), d("14.50"), 2), 186108);
  EXPECT_EQ(round_product_to_minor(d("3"), d("9.6666667"), 2), 2900);
  EXPECT_EQ(round_product_to_minor(d("0.5"), d("0.01"), 2), 1);  // 0.005 → 0.01
  EXPECT_EQ(round_product_to_minor(d("-0.5"), d("0.01"), 2), -1);
  EXPECT_EQ(round_product_to_minor(d("2"), d("7"), 0), 14);
}

TEST(RoundProductToMinor, ReportsOverflow) {
  EXPECT_FALSE(round_product_to_minor(d("900000000000000000"), d("900000000000000000"), 2));
}

TEST(PercentOfMinor, RoundsHalfUp) {
  EXPECT_EQ(percent_of_minor(34500, d("6.5")),
            2243);  // 22.425 → 22.43 (a recorded 2014 US refund receipt)
  EXPECT_EQ(percent_of_minor(4583, d("13")), 596);  // 5.9579 → 5.96
  EXPECT_EQ(percent_of_minor(95, d("9.975")), 9);   // 0.0947625 → 0.09
  EXPECT_EQ(percent_of_minor(1, d("50")), 1);       // 0.005 → 0.01
  EXPECT_EQ(percent_of_minor(0, d("13")), 0);
}

TEST(TaxInclusive, BacksOutNetAndTax) {
  EXPECT_EQ(net_of_tax_inclusive(900, d("13")), 796);      // 7.9646 → 7.96
  EXPECT_EQ(net_of_tax_inclusive(30546, d("10")), 27769);  // AU invoice: 305.46 → 277.69
  EXPECT_EQ(tax_of_tax_inclusive(240, d("13")), 28);       // 0.2761 → 0.28
  EXPECT_EQ(net_of_tax_inclusive(1000, d("14.975")), 870);
  EXPECT_EQ(net_of_tax_inclusive(500, d("0")), 500);
}

TEST(AllocateProRata, SpreadsAndGivesTheResidualToTheLargest) {
  EXPECT_EQ(allocate_pro_rata(1000, {5000, 7000}), (std::vector<int64_t>{417, 583}));
  EXPECT_EQ(allocate_pro_rata(100, {1000, 1000, 1000}), (std::vector<int64_t>{34, 33, 33}));
  EXPECT_EQ(allocate_pro_rata(100, {1000, 2000, 1000}), (std::vector<int64_t>{25, 50, 25}));
  // 2 over three equal lines: 0.67 each rounds to 1 → 3; the largest absorbs −1.
  EXPECT_EQ(allocate_pro_rata(2, {1, 1, 1}), (std::vector<int64_t>{0, 1, 1}));
  EXPECT_EQ(allocate_pro_rata(0, {0, 0}), (std::vector<int64_t>{0, 0}));
}

TEST(AllocateProRata, RefusesWhatCannotBeSpread) {
  EXPECT_FALSE(allocate_pro_rata(100, {0, 0}));
  EXPECT_FALSE(allocate_pro_rata(100, {100, -1}));
}

TEST(UnitPriceFor, FindsASevenDecimalPriceThatReproducesTheAmount) {
  EXPECT_EQ(*unit_price_for(2900, 2, d("3")), d("9.6666667"));
  EXPECT_EQ(*unit_price_for(4871, 2, d("2")), d("24.355"));
  EXPECT_EQ(*unit_price_for(100, 2, d("0.5")), d("2"));
  EXPECT_EQ(*unit_price_for(0, 2, d("4")), d("0"));
  const auto price = unit_price_for(1, 2, d("7"));  // 0.01 / 7 = 0.0014286
  ASSERT_TRUE(price);
  EXPECT_EQ(round_product_to_minor(d("7"), *price, 2), 1);
}

TEST(UnitPriceFor, NoneWhenSevenDecimalsCannotReproduceIt) {
  // 0.01 over a hundred million units: a price below 10^-7.
  EXPECT_FALSE(unit_price_for(1, 2, d("100000000")));
  EXPECT_FALSE(unit_price_for(100, 2, d("0")));
}

}  // namespace
}  // namespace qbo_sync::tax
