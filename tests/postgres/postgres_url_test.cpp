#include <gtest/gtest.h>

#include "store/postgres/postgres_url.h"

namespace qbo_sync::store {
namespace {

TEST(PostgresUrl, PrintsThePasswordOfTheUserPartMasked) {
  const auto url = PostgresUrl::parse("postgresql://sync:s3cret@db.internal:5432/crm");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->printable(), "postgresql://sync:***@db.internal:5432/crm");
  EXPECT_EQ(url->conninfo(), "postgresql://sync:s3cret@db.internal:5432/crm");
}

TEST(PostgresUrl, PrintsAPasswordOptionMasked) {
  const auto url = PostgresUrl::parse("postgres://db.internal/crm?user=sync&password=s3cret");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->printable(), "postgres://db.internal/crm?user=sync&password=***");
}

TEST(PostgresUrl, ScrubsThePasswordInEveryFormItWasWritten) {
  const auto url = PostgresUrl::parse("postgresql://sync:p%40ss%2Fword@db/crm");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->scrub("bad p@ss/word, also p%40ss%2Fword"), "bad ***, also ***");
  EXPECT_EQ(url->printable().find("p%40ss"), std::string::npos);
}

TEST(PostgresUrl, AUrlWithoutAPasswordPrintsAsItIs) {
  const auto url = PostgresUrl::parse("postgresql://sync@db/crm");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->printable(), "postgresql://sync@db/crm");
  EXPECT_EQ(url->scrub("nothing to hide"), "nothing to hide");
}

TEST(PostgresUrl, RefusesAnotherSchemeOrNoServerWithoutQuotingTheUrl) {
  const auto mysql = PostgresUrl::parse("mysql://sync:s3cret@db/crm");
  ASSERT_FALSE(mysql);
  EXPECT_EQ(mysql.error().find("s3cret"), std::string::npos);
  EXPECT_NE(mysql.error().find("postgresql://"), std::string::npos);
  EXPECT_FALSE(PostgresUrl::parse("postgresql:crm"));
  EXPECT_FALSE(PostgresUrl::parse("not a url at all"));
}

}  // namespace
}  // namespace qbo_sync::store
