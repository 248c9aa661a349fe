#include "qbo_time.h"

#include <gtest/gtest.h>

namespace qbo_sandbox {
namespace {

using namespace std::chrono;

TEST(QboTime, PacificTimestampInSummerMatchesTheRecording) {
  // recorded/error/400.yml: Date 13:52:56 GMT, "time":"2020-09-29T06:52:56.527-07:00".
  const auto at =
      sys_days{year(2020) / 9 / 29} + hours(13) + minutes(52) + seconds(56) + milliseconds(527);
  EXPECT_EQ(pacific_timestamp(at), "2020-09-29T06:52:56.527-07:00");
}

TEST(QboTime, PacificTimestampInWinterIsEightHoursBehind) {
  const auto at = sys_days{year(2020) / 1 / 15} + hours(3);
  EXPECT_EQ(pacific_timestamp(at), "2020-01-14T19:00:00.000-08:00");
}

TEST(QboTime, DaylightSavingStartsOnTheSecondSundayOfMarch) {
  const auto starts = sys_days{year(2024) / 3 / 10} + hours(10);  // 02:00 PST
  EXPECT_EQ(pacific_timestamp(starts - seconds(1)), "2024-03-10T01:59:59.000-08:00");
  EXPECT_EQ(pacific_timestamp(starts), "2024-03-10T03:00:00.000-07:00");
}

TEST(QboTime, DaylightSavingEndsOnTheFirstSundayOfNovember) {
  const auto ends = sys_days{year(2024) / 11 / 3} + hours(9);  // 02:00 PDT
  EXPECT_EQ(pacific_timestamp(ends - seconds(1)), "2024-11-03T01:59:59.000-07:00");
  EXPECT_EQ(pacific_timestamp(ends), "2024-11-03T01:00:00.000-08:00");
}

TEST(QboTime, UtcTimestampsForWebhooks) {
  const auto at =
      sys_days{year(2016) / 10 / 5} + hours(3) + minutes(9) + seconds(4) + nanoseconds(179851517);
  EXPECT_EQ(utc_timestamp_millis(time_point_cast<system_clock::duration>(at)),
            "2016-10-05T03:09:04.179Z");
  EXPECT_EQ(utc_timestamp_nanos(time_point_cast<system_clock::duration>(at)),
            "2016-10-05T03:09:04.179851517Z");
}

TEST(QboTime, EpochMillis) {
  EXPECT_EQ(epoch_millis(system_clock::time_point(milliseconds(1601391072830))), 1601391072830);
}

}  // namespace
}  // namespace qbo_sandbox
