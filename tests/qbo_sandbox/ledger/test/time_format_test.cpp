#include "ledger/time_format.h"

#include <gtest/gtest.h>

namespace qbo_sandbox {
namespace {

using namespace std::chrono;

TEST(TimeFormat, WritesQboTimesInTheCompanyOffset) {
  const system_clock::time_point at =
      sys_days(2020y / September / 29) + hours(12) + minutes(58) + seconds(16) + milliseconds(187);
  EXPECT_EQ(format_metadata_time(at), "2020-09-29T05:58:16-07:00");
  EXPECT_EQ(format_response_time(at), "2020-09-29T05:58:16.187-07:00");
  EXPECT_EQ(format_local_date(at), "2020-09-29");
  EXPECT_EQ(format_local_date(sys_days(2020y / September / 29) + hours(3)), "2020-09-28");
}

TEST(TimeFormat, ReadsOffsetsZuluDatesAndFractions) {
  const system_clock::time_point utc = sys_days(2015y / December / 23) + hours(17);
  EXPECT_EQ(parse_time("2015-12-23T10:00:00-07:00"), utc);
  EXPECT_EQ(parse_time("2015-12-23T17:00:00Z"), utc);
  EXPECT_EQ(parse_time("2015-12-23T22:30:00+05:30"), utc);
  EXPECT_EQ(parse_time("2015-12-23T10:00:00"), utc);
  EXPECT_EQ(parse_time("2015-12-23T10:00:00.250-07:00"), utc + milliseconds(250));
  EXPECT_EQ(parse_time("2015-12-23"), sys_days(2015y / December / 23) + hours(7));
  const auto round_trip = sys_days(2024y / February / 29) + hours(23) + minutes(1);
  EXPECT_EQ(parse_time(format_metadata_time(round_trip)), round_trip);
}

TEST(TimeFormat, RefusesWhatIsNotATime) {
  for (const char* text :
       {"", "yesterday", "2015-13-01", "2015-02-30", "2015-12-23T25:00:00Z",
        "2015-12-23T10:00:00+0700", "2015-12-23 10:00:00", "2015-12-23T10:00:00Zjunk"}) {
    EXPECT_EQ(parse_time(text), std::nullopt) << text;
  }
}

TEST(TimeFormat, AddsDaysToADate) {
  EXPECT_EQ(add_days("2020-09-29", 30), "2020-10-29");
  EXPECT_EQ(add_days("2020-12-15", 30), "2021-01-14");
  EXPECT_EQ(add_days("not a date", 30), std::nullopt);
}

}  // namespace
}  // namespace qbo_sandbox
