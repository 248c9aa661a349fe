#include "json_text.h"

#include <gtest/gtest.h>

#include <limits>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "decimal.h"

namespace qbo_sandbox {
namespace {

TEST(JsonTextTest, NumbersPrintAsPlainShortDecimals) {
  const boost::json::value value = boost::json::object{
      {"TotalTax", 5.96}, {"UnitPrice", 0.5306667}, {"Amount", 12.5},   {"Qty", 5},
      {"Whole", 50.0},    {"Big", 1234567.89},      {"Negative", -0.01}};
  EXPECT_EQ(to_json_text(value),
            R"({"TotalTax":5.96,"UnitPrice":0.5306667,"Amount":12.5,"Qty":5,"Whole":50.0,)"
            R"("Big":1234567.89,"Negative":-0.01})");
}

TEST(JsonTextTest, ComputedDecimalsPrintExactly) {
  EXPECT_EQ(to_json_text(Decimal::parse("115.96")->to_json()), "115.96");
  EXPECT_EQ(to_json_text(Decimal::parse("0.1")->to_json()), "0.1");
  EXPECT_EQ(to_json_text(Decimal::parse("1861.08")->to_json()), "1861.08");
  EXPECT_EQ(to_json_text(Decimal::parse("50")->to_money_json()), "50.0");
  EXPECT_EQ(to_json_text(Decimal::parse("0")->to_money_json()), "0");
}

TEST(JsonTextTest, StringsAndStructureRoundTrip) {
  const auto value = boost::json::parse(
      R"({"DisplayName":"Amy's \"Bird\" Sanctuary\n","Line":[{"a":true,"b":null},[]],"e":{}})");
  const std::string text = to_json_text(value);
  EXPECT_EQ(boost::json::parse(text), value);
  const auto numbers = boost::json::parse(R"({"a":50.0,"b":50,"c":-3.0,"d":0.0})");
  EXPECT_EQ(boost::json::parse(to_json_text(numbers)), numbers);  // kinds kept
  EXPECT_EQ(
      text,
      R"({"DisplayName":"Amy's \"Bird\" Sanctuary\n","Line":[{"a":true,"b":null},[]],"e":{}})");
}

TEST(JsonTextTest, NonFiniteNumbersBecomeNull) {
  EXPECT_EQ(to_json_text(boost::json::value(std::numeric_limits<double>::infinity())), "null");
}

}  // namespace
}  // namespace qbo_sandbox
