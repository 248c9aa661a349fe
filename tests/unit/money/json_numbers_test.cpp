#include "money/json_numbers.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace qbo_sync::money {
namespace {

TEST(DecimalFromJson, ReadsNumbersExactly) {
  const auto parsed = boost::json::parse(R"({"a":9.975,"b":13,"c":115.96,"d":"0.1","e":0.1})");
  const auto& object = parsed.as_object();
  EXPECT_EQ(decimal_from_json(object.at("a"))->to_canonical_string(), "9.975");
  EXPECT_EQ(decimal_from_json(object.at("b"))->to_canonical_string(), "13");
  EXPECT_EQ(decimal_from_json(object.at("c"))->to_canonical_string(), "115.96");
  EXPECT_EQ(decimal_from_json(object.at("d"))->to_canonical_string(), "0.1");
  EXPECT_EQ(decimal_from_json(object.at("e"))->to_canonical_string(), "0.1");
}

TEST(DecimalFromJson, RefusesWhatIsNotANumber) {
  EXPECT_FALSE(decimal_from_json(boost::json::value(true)));
  EXPECT_FALSE(decimal_from_json(boost::json::value(nullptr)));
  EXPECT_FALSE(decimal_from_json(boost::json::value("12,5")));
  EXPECT_FALSE(decimal_from_json(boost::json::value(1e300)));
}

TEST(JsonNumber, IntegersStayIntegers) {
  const auto value = json_number(*Decimal::parse("13.00"));
  ASSERT_TRUE(value.is_int64());
  EXPECT_EQ(value.get_int64(), 13);
}

TEST(SerializeExact, WritesDecimalsAsQboReadsThem) {
  boost::json::object object;
  object["Amount"] = json_number(*Decimal::parse("12.50"));
  object["UnitPrice"] = json_number(*Decimal::parse("9.6666667"));
  object["TaxPercent"] = json_number(*Decimal::parse("9.975"));
  object["Qty"] = json_number(*Decimal::parse("3"));
  object["Name"] = "Caf\xC3\xA9 \"Q\"";
  object["List"] = boost::json::array{json_number(*Decimal::parse("0.1")), true, nullptr};
  EXPECT_EQ(serialize_exact(object),
            R"({"Amount":12.5,"UnitPrice":9.6666667,"TaxPercent":9.975,"Qty":3,)"
            "\"Name\":\"Caf\xC3\xA9 \\\"Q\\\"\",\"List\":[0.1,true,null]}");
}

TEST(SerializeExact, RoundTripsThroughBoostJson) {
  const auto text = serialize_exact(json_number(*Decimal::parse("448.40")));
  EXPECT_EQ(text, "448.4");
  EXPECT_EQ(decimal_from_json(boost::json::parse(text))->to_canonical_string(), "448.4");
}

}  // namespace
}  // namespace qbo_sync::money
