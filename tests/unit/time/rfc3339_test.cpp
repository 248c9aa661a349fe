#include "time/rfc3339.h"

#include <gtest/gtest.h>

namespace qbo_sync::time {
namespace {

using std::chrono::minutes;

TEST(Rfc3339Test, DatesMustNameRealDays) {
  // 2024 and 2000 are leap years, 1900 is not; year 0 is no CRM or QBO date.
  for (const char* text : {"2026-03-14", "2024-02-29", "2000-02-29"}) {
    EXPECT_TRUE(is_date(text)) << text;
  }
  for (const char* text : {"1900-02-29", "2026-02-29", "2026-13-01", "2026-04-31", "0000-01-01",
                           "2026-3-14", "2026-03-14T00:00:00Z", ""}) {
    EXPECT_FALSE(is_date(text)) << text;
  }
}

TEST(Rfc3339Test, DateTimesNeedARealMomentAndAnOffset) {
  for (const char* text : {"2026-03-14T15:09:26Z", "2026-03-14T15:09:26.535897-05:00",
                           "2016-12-31T23:59:60+00:00", "2026-03-14T15:09:26+23:59"}) {
    EXPECT_TRUE(is_date_time(text)) << text;
  }
  for (const char* text :
       {"2026-03-14T15:09:26", "2026-03-14", "2026-03-14T24:00:00Z", "2026-03-14T12:60:00Z",
        "2026-03-14T12:00:61Z", "2026-02-30T12:00:00Z", "2026-03-14T12:00:00.Z",
        "2026-03-14T12:00:00+24:00", "2026-03-14T12:00:00+05:60", "2026-03-14T12:00:00+0500",
        "2026-03-14 12:00:00Z", "2026-03-14T12:00:00Zjunk"}) {
    EXPECT_FALSE(is_date_time(text)) << text;
  }
}

TEST(Rfc3339Test, LowerCaseTAndZAreTheSameAsUpperCase) {
  EXPECT_TRUE(is_date_time("2026-03-14t15:09:26z"));
  EXPECT_EQ(epoch_ms("2026-03-02t15:40:00z"), epoch_ms("2026-03-02T15:40:00Z"));
  EXPECT_FALSE(is_date_time("2026-03-14x15:09:26Z"));
}

TEST(Rfc3339Test, InstantsApplyTheOffset) {
  EXPECT_EQ(epoch_ms("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(epoch_ms("2026-03-02T15:40:00Z"), 1772466000000);
  EXPECT_EQ(epoch_ms("2026-03-02T10:40:00-05:00"), 1772466000000);
  EXPECT_EQ(epoch_ms("2026-03-02T16:10:00+00:30"), 1772466000000);
  EXPECT_EQ(epoch_ms("2015-07-24T10:33:39-07:00"), epoch_ms("2015-07-24T17:33:39Z"));
  EXPECT_EQ(epoch_ms("1969-12-31T23:59:59Z"), -1000);
  EXPECT_EQ(epoch_ms("2024-02-29T00:00:00Z"), 1709164800000);
}

TEST(Rfc3339Test, FractionsAreReadToTheMillisecond) {
  EXPECT_EQ(epoch_ms("1970-01-01T00:00:01.25Z"), 1250);
  EXPECT_EQ(epoch_ms("1970-01-01T00:00:01.250Z"), 1250);
  EXPECT_EQ(epoch_ms("1970-01-01T00:00:01.2509999Z"), 1250);
  const auto parts = read_rfc3339("2025-09-10T21:31:25.179851517Z");
  ASSERT_TRUE(parts);
  EXPECT_EQ(parts->fraction_digits, 9);
  EXPECT_EQ(parts->time_of_day.count() % 1000, 179);
}

TEST(Rfc3339Test, LeapSecondReadsAsTheNextMinute) {
  EXPECT_EQ(epoch_ms("2016-12-31T23:59:60Z"), epoch_ms("2017-01-01T00:00:00Z"));
}

TEST(Rfc3339Test, OtherFormsOnlyWhenAskedFor) {
  EXPECT_FALSE(read_rfc3339("2026-03-14"));
  EXPECT_FALSE(read_rfc3339("2026-03-14T10:00:00"));
  const auto date = read_rfc3339("2026-03-14", {.date_only = true});
  ASSERT_TRUE(date);
  EXPECT_FALSE(date->has_time);
  EXPECT_FALSE(date->offset);
  const auto local = read_rfc3339("2026-03-14T10:00:00.5", {.without_offset = true});
  ASSERT_TRUE(local);
  EXPECT_TRUE(local->has_time);
  EXPECT_FALSE(local->offset);
  EXPECT_EQ(local->time_of_day, std::chrono::hours(10) + std::chrono::milliseconds(500));
  const auto offset = read_rfc3339("2026-03-14T10:00:00-07:30");
  ASSERT_TRUE(offset);
  EXPECT_EQ(offset->offset, minutes(-450));
}

TEST(Rfc3339Test, FormatsUtcWithMilliseconds) {
  EXPECT_EQ(format_utc_ms(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(format_utc_ms(1709164800000 + 1), "2024-02-29T00:00:00.001Z");
  EXPECT_EQ(format_utc_ms(-1), "1969-12-31T23:59:59.999Z");
  const int64_t moment = *epoch_ms("2026-03-14T15:09:26.120Z");
  EXPECT_EQ(format_utc_ms(moment), "2026-03-14T15:09:26.120Z");
  EXPECT_EQ(epoch_ms(format_utc_ms(moment + 1)), moment + 1);
}

TEST(Rfc3339Test, EveryYearFromOneToNineThousandNineHundredNinetyNineFormatsAndReadsBack) {
  for (const char* text :
       {"0001-01-01T00:00:00.000Z", "0022-09-30T12:15:17.000Z", "1600-02-29T23:59:59.999Z",
        "2263-01-01T00:00:00.001Z", "9999-12-31T23:59:59.999Z"}) {
    const auto moment = epoch_ms(text);
    ASSERT_TRUE(moment) << text;
    EXPECT_EQ(format_utc_ms(*moment), text);
  }
}

TEST(Rfc3339Test, FormatsLocalTimesWithTheirOffset) {
  const auto at = std::chrono::sys_time<std::chrono::nanoseconds>(
      std::chrono::nanoseconds(1601384296187654321));  // 2020-09-29T12:58:16.187654321Z
  EXPECT_EQ(format_date_time(at, minutes(-7 * 60), 3), "2020-09-29T05:58:16.187-07:00");
  EXPECT_EQ(format_date_time(at, minutes(-7 * 60), 0), "2020-09-29T05:58:16-07:00");
  EXPECT_EQ(format_date_time(at, minutes(330), 6), "2020-09-29T18:28:16.187654+05:30");
  EXPECT_EQ(format_date_time(at, minutes(0), 9), "2020-09-29T12:58:16.187654321Z");
  EXPECT_EQ(format_date(std::chrono::floor<std::chrono::milliseconds>(at), minutes(-13 * 60)),
            "2020-09-28");
}

}  // namespace
}  // namespace qbo_sync::time
