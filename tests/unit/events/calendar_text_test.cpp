#include "events/calendar_text.h"

#include <gtest/gtest.h>

namespace qbo_sync::events {
namespace {

TEST(CalendarText, DatesMustBeRealDays) {
  EXPECT_TRUE(is_real_date("2026-03-14"));
  EXPECT_TRUE(is_real_date("2024-02-29"));
  EXPECT_FALSE(is_real_date("2026-02-29"));
  EXPECT_FALSE(is_real_date("2026-13-01"));
  EXPECT_FALSE(is_real_date("2026-04-31"));
  EXPECT_FALSE(is_real_date("2026-3-14"));
  EXPECT_FALSE(is_real_date("2026-03-14T00:00:00Z"));
  EXPECT_FALSE(is_real_date(""));
}

TEST(CalendarText, TimesNeedAValidClockAndAnOffset) {
  EXPECT_TRUE(is_real_date_time("2026-03-14T15:09:26Z"));
  EXPECT_TRUE(is_real_date_time("2026-03-14T15:09:26.535897-05:00"));
  EXPECT_TRUE(is_real_date_time("2016-12-31T23:59:60+00:00"));  // leap second
  EXPECT_FALSE(is_real_date_time("2026-03-14T15:09:26"));       // no offset
  EXPECT_FALSE(is_real_date_time("2026-03-14T24:00:00Z"));
  EXPECT_FALSE(is_real_date_time("2026-03-14T12:60:00Z"));
  EXPECT_FALSE(is_real_date_time("2026-02-30T12:00:00Z"));
  EXPECT_FALSE(is_real_date_time("2026-03-14T12:00:00.Z"));
  EXPECT_FALSE(is_real_date_time("2026-03-14T12:00:00+24:00"));
  EXPECT_FALSE(is_real_date_time("2026-03-14 12:00:00Z"));
}

}  // namespace
}  // namespace qbo_sync::events
