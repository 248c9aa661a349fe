#include "decimal.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace qbo_sandbox {
namespace {

Decimal dec(std::string_view text) {
  const auto value = Decimal::parse(text);
  EXPECT_TRUE(value.has_value()) << text;
  return value.value_or(Decimal());
}

TEST(DecimalTest, ParsesPlainAndExponentForms) {
  EXPECT_EQ(dec("12.5").to_string(), "12.5");
  EXPECT_EQ(dec("12.50").to_string(), "12.5");
  EXPECT_EQ(dec("-0.125").to_string(), "-0.125");
  EXPECT_EQ(dec("1E-7").to_string(), "0.0000001");
  EXPECT_EQ(dec("1.25e1").to_string(), "12.5");
  EXPECT_EQ(dec("5E+2").to_string(), "500");
  EXPECT_EQ(dec("0.000").to_string(), "0");
  EXPECT_EQ(dec(".5").to_string(), "0.5");
}

TEST(DecimalTest, RefusesWhatIsNotANumber) {
  EXPECT_FALSE(Decimal::parse(""));
  EXPECT_FALSE(Decimal::parse("-"));
  EXPECT_FALSE(Decimal::parse("12a"));
  EXPECT_FALSE(Decimal::parse("1.2.3"));
  EXPECT_FALSE(Decimal::parse("1e"));
  EXPECT_FALSE(Decimal::parse("abc"));
  EXPECT_FALSE(Decimal::parse("1e-400"));
}

TEST(DecimalTest, ArithmeticIsExact) {
  // 0.1 + 0.2 is 0.3 exactly, unlike binary floating point.
  EXPECT_EQ(dec("0.1") + dec("0.2"), dec("0.3"));
  EXPECT_EQ((dec("128.35") * dec("14.5")).to_string(), "1861.075");
  EXPECT_EQ((dec("0.5306667") * dec("15")).to_string(), "7.9600005");
  EXPECT_EQ((dec("10") - dec("10.01")).to_string(), "-0.01");
  EXPECT_EQ((-dec("3.25")).to_string(), "-3.25");
}

TEST(DecimalTest, RoundsHalfUpAwayFromZero) {
  EXPECT_EQ(dec("22.425").round(2).to_string(), "22.43");  // banker's would give 22.42
  EXPECT_EQ(dec("1861.075").round(2).to_string(), "1861.08");
  EXPECT_EQ(dec("5.9579").round(2).to_string(), "5.96");
  EXPECT_EQ(dec("0.2175").round(2).to_string(), "0.22");
  EXPECT_EQ(dec("-0.005").round(2).to_string(), "-0.01");
  EXPECT_EQ(dec("-0.0049").round(2).to_string(), "0");
  EXPECT_EQ(dec("2.5").round(0).to_string(), "3");
  EXPECT_EQ(dec("1.5").round(3).to_string(), "1.5");
}

TEST(DecimalTest, DividesWithRounding) {
  EXPECT_EQ(dec("50").divide(dec("120"), 2).to_string(), "0.42");
  EXPECT_EQ((dec("10") * dec("50")).divide(dec("120"), 2).to_string(), "4.17");
  EXPECT_EQ((dec("9.00") * dec("100")).divide(dec("113"), 2).to_string(), "7.96");
  EXPECT_EQ(dec("7.96").divide(dec("15"), 7).to_string(), "0.5306667");
  EXPECT_EQ(dec("-1").divide(dec("8"), 2).to_string(), "-0.13");
  EXPECT_EQ(dec("1").divide(dec("-8"), 2).to_string(), "-0.13");
  EXPECT_THROW((void)dec("1").divide(dec("0"), 2), std::domain_error);
}

TEST(DecimalTest, ComparesAcrossScales) {
  EXPECT_EQ(dec("1.50"), dec("1.5"));
  EXPECT_LT(dec("1.49"), dec("1.5"));
  EXPECT_GT(dec("-1"), dec("-1.01"));
  EXPECT_EQ(dec("0"), Decimal());
}

TEST(DecimalTest, FormatsFixedPlaces) {
  EXPECT_EQ(dec("12.5").to_fixed(2), "12.50");
  EXPECT_EQ(dec("3").to_fixed(2), "3.00");
  EXPECT_EQ(dec("0.005").to_fixed(2), "0.01");
  EXPECT_EQ(dec("-0.5").to_fixed(0), "-1");
}

TEST(DecimalTest, ReadsJsonDoublesThroughTheirShortestText) {
  // 0.1 as a double is 0.1000000000000000055...; the client wrote 0.1.
  const auto value = boost::json::parse(R"({"a":0.1,"b":1861.07,"c":50,"d":"12.50","e":true})");
  const auto& object = value.as_object();
  EXPECT_EQ(Decimal::from_json(object.at("a"))->to_string(), "0.1");
  EXPECT_EQ(Decimal::from_json(object.at("b"))->to_string(), "1861.07");
  EXPECT_EQ(Decimal::from_json(object.at("c"))->to_string(), "50");
  EXPECT_EQ(Decimal::from_json(object.at("d"))->to_string(), "12.5");
  EXPECT_FALSE(Decimal::from_json(object.at("e")));
}

TEST(DecimalTest, WritesJsonNumbersThatPrintShort) {
  EXPECT_TRUE(dec("50").to_json().is_int64());
  EXPECT_EQ(dec("50").to_json().as_int64(), 50);
  const boost::json::value cents = dec("5.96").to_json();
  ASSERT_TRUE(cents.is_double());
  EXPECT_EQ(cents.as_double(), 5.96);
  EXPECT_TRUE(dec("50").to_money_json().is_double());
  EXPECT_TRUE(dec("0.00").to_money_json().is_int64());
  EXPECT_EQ(dec("0.00").to_money_json().as_int64(), 0);
  // Reading the written value back gives the same decimal.
  EXPECT_EQ(Decimal::from_json(dec("115.96").to_json()), dec("115.96"));
  EXPECT_EQ(Decimal::from_json(dec("0.5306667").to_json()), dec("0.5306667"));
}

}  // namespace
}  // namespace qbo_sandbox
