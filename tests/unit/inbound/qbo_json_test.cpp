#include "inbound/qbo_json.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace qbo_sync::inbound {
namespace {

TEST(QboJson, ReadsQboTimesWithOffsetsZuluAndFractions) {
  EXPECT_EQ(parse_qbo_time("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(parse_qbo_time("1970-01-01T00:00:01.250Z"), 1250);
  // 10:33:39 at UTC-7 is 17:33:39 UTC.
  EXPECT_EQ(parse_qbo_time("2015-07-24T10:33:39-07:00"), parse_qbo_time("2015-07-24T17:33:39Z"));
  EXPECT_EQ(parse_qbo_time("2020-09-29T05:58:16.187-07:00"),
            parse_qbo_time("2020-09-29T12:58:16.187+00:00"));
}

TEST(QboJson, FormatsTimesThatReadBackTheSame) {
  const int64_t moment = *parse_qbo_time("2026-03-14T15:09:26.120Z");
  EXPECT_EQ(format_qbo_time(moment), "2026-03-14T15:09:26.120Z");
  EXPECT_EQ(parse_qbo_time(format_qbo_time(moment + 1)), moment + 1);
}

TEST(QboJson, BoundsTextOnCharacterBoundaries) {
  EXPECT_EQ(bounded("  Ann  ", 10), "Ann");
  EXPECT_EQ(bounded("abcdef", 3), "abc");
  // "é" is two bytes but one character.
  EXPECT_EQ(bounded("\xC3\xA9\xC3\xA9\xC3\xA9", 2), "\xC3\xA9\xC3\xA9");
}

TEST(QboJson, TakesTheFirstUsableEmail) {
  EXPECT_EQ(usable_email(" ann@example.com "), "ann@example.com");
  EXPECT_EQ(usable_email("ann@example.com, bob@example.com"), "ann@example.com");
  EXPECT_EQ(usable_email("not an address"), "");
  EXPECT_EQ(usable_email("ann@localhost"), "");
  EXPECT_EQ(usable_email("ann@@example.com"), "");
}

TEST(QboJson, ReadsAmountsExactly) {
  const auto object = boost::json::parse(R"({"a":12.34,"b":"0.10","c":7,"d":true})").as_object();
  EXPECT_EQ(amount_at(object, "a")->to_string(), "12.34");
  EXPECT_EQ(amount_at(object, "b")->to_string(), "0.10");
  EXPECT_EQ(amount_at(object, "c")->to_string(), "7");
  EXPECT_FALSE(amount_at(object, "d"));
  EXPECT_FALSE(amount_at(object, "missing"));
}

}  // namespace
}  // namespace qbo_sync::inbound
