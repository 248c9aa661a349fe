#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "store/postgres/postgres_pool.h"
#include "test_database.h"

namespace qbo_sync::store {
namespace {

using testing::SchemaPerTest;
using P = PostgresParam;

class PostgresPoolTest : public SchemaPerTest {};

TEST_F(PostgresPoolTest, ThreadsShareAFewConnectionsAndEveryWriteLands) {
  admin_->execute("CREATE TABLE hit (thread INT, n INT)");
  PostgresPool pool(url(), 3);
  std::vector<std::thread> threads;
  for (int thread = 0; thread < 8; ++thread) {
    threads.emplace_back([&pool, thread] {
      for (int n = 0; n < 25; ++n) {
        auto db = pool.take();
        db->run("INSERT INTO hit (thread, n) VALUES ($1, $2)", {P::integer(thread), P::integer(n)});
      }
    });
  }
  for (auto& thread : threads) thread.join();
  const auto rows = admin_->run("SELECT count(*), count(DISTINCT (thread, n)) FROM hit");
  EXPECT_EQ(rows.integer(0, 0), 200);
  EXPECT_EQ(rows.integer(0, 1), 200);
  const auto sessions = admin_->run(
      "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
      "AND pid <> pg_backend_pid() AND query LIKE 'INSERT INTO hit%'");
  EXPECT_LE(sessions.integer(0, 0), 3);
}

TEST_F(PostgresPoolTest, AConnectionTheServerDroppedIsReplaced) {
  PostgresPool pool(url(), 1);
  int64_t first_pid = 0;
  {
    auto db = pool.take();
    first_pid = db->run("SELECT pg_backend_pid()").integer(0, 0);
  }
  admin_->run("SELECT pg_terminate_backend($1)", {P::integer(first_pid)});
  {
    auto db = pool.take();
    // The dropped connection fails its next statement and is not given out again.
    EXPECT_THROW(db->run("SELECT 1"), PostgresError);
  }
  auto db = pool.take();
  EXPECT_NE(db->run("SELECT pg_backend_pid()").integer(0, 0), first_pid);
}

TEST_F(PostgresPoolTest, AWrongUrlIsReportedWhenThePoolOpens) {
  auto wrong = PostgresUrl::parse("postgresql://nobody:Secr3tNope@127.0.0.1:1/none");
  ASSERT_TRUE(wrong);
  try {
    PostgresPool pool(*wrong, 2);
    FAIL() << "a pool opened on a server that is not there";
  } catch (const PostgresError& error) {
    EXPECT_EQ(std::string(error.what()).find("Secr3tNope"), std::string::npos);
  }
}

}  // namespace
}  // namespace qbo_sync::store
