#include "store/sqlite_connection.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <thread>

#include "temp_dir.h"

namespace qbo_sync::store {
namespace {

class SqliteConnectionTest : public ::testing::Test {
 protected:
  SqliteConnectionTest() {
    db_.execute(
        "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT, number INTEGER, bytes BLOB)");
  }

  int64_t count(Database& db) {
    auto query = db.prepare("SELECT COUNT(*) FROM notes");
    query.step();
    return query.column_int(0);
  }

  testing::TempDir dir_;
  std::filesystem::path file_ = dir_.path() / "test.db";
  SqliteConnection db_{file_};
};

TEST_F(SqliteConnectionTest, ReadsBackTextIntegersBytesAndNullAsBound) {
  const std::string text = "Café Ñandú 東京 \xF0\x9F\x98\x80";
  const std::string bytes("\x00\x01\xfe\xff", 4);
  db_.prepare("INSERT INTO notes (text, number, bytes) VALUES (?, ?, ?)")
      .bind_all(text, std::numeric_limits<int64_t>::min(), Blob{bytes})
      .run();
  db_.prepare("INSERT INTO notes (text, number, bytes) VALUES (?, ?, ?)")
      .bind(1, std::string_view("a\0b", 3))
      .bind(2, std::numeric_limits<int64_t>::max())
      .bind_null(3)
      .run();
  auto query = db_.prepare("SELECT text, number, bytes FROM notes ORDER BY id");
  ASSERT_TRUE(query.step());
  EXPECT_EQ(query.column_text(0), text);
  EXPECT_EQ(query.column_int(1), std::numeric_limits<int64_t>::min());
  EXPECT_EQ(query.column_blob(2), bytes);
  EXPECT_FALSE(query.column_is_null(2));
  ASSERT_TRUE(query.step());
  EXPECT_EQ(query.column_text(0), std::string("a\0b", 3));
  EXPECT_EQ(query.column_int(1), std::numeric_limits<int64_t>::max());
  EXPECT_TRUE(query.column_is_null(2));
  EXPECT_EQ(query.column_blob(2), "");
  EXPECT_FALSE(query.step());
}

TEST_F(SqliteConnectionTest, ATransactionLeftByAnExceptionIsRolledBack) {
  try {
    Transaction transaction(db_);
    db_.prepare("INSERT INTO notes (text) VALUES (?)").bind(1, "lost").run();
    throw std::runtime_error("failure in the middle of a transaction");
  } catch (const std::runtime_error&) {
  }
  EXPECT_EQ(count(db_), 0);
  {
    Transaction transaction(db_);
    db_.prepare("INSERT INTO notes (text) VALUES (?)").bind(1, "kept").run();
    transaction.commit();
  }
  SqliteConnection other(file_);
  EXPECT_EQ(count(other), 1);
}

TEST_F(SqliteConnectionTest, CountsTheLastInsertIdAndTheRowsChanged) {
  db_.prepare("INSERT INTO notes (text) VALUES ('a')").run();
  db_.prepare("INSERT INTO notes (text) VALUES ('b')").run();
  EXPECT_EQ(db_.last_insert_id(), 2);
  db_.prepare("UPDATE notes SET number=? WHERE text IN ('a','b')").bind(1, int64_t{7}).run();
  EXPECT_EQ(db_.changes(), 2);
  db_.prepare("UPDATE notes SET number=8 WHERE text='none'").run();
  EXPECT_EQ(db_.changes(), 0);
}

TEST_F(SqliteConnectionTest, TheSameSqlPreparedTwiceAtOnceGivesTwoIndependentStatements) {
  db_.prepare("INSERT INTO notes (text) VALUES ('a'), ('b')").run();
  const char* sql = "SELECT text FROM notes ORDER BY id";
  auto outer = db_.prepare(sql);
  ASSERT_TRUE(outer.step());
  {
    auto inner = db_.prepare(sql);
    ASSERT_TRUE(inner.step());
    EXPECT_EQ(inner.column_text(0), "a");
  }
  ASSERT_TRUE(outer.step());
  EXPECT_EQ(outer.column_text(0), "b");
  // Given back, the statement starts over with its binds cleared.
  auto again = db_.prepare(sql);
  ASSERT_TRUE(again.step());
  EXPECT_EQ(again.column_text(0), "a");
}

TEST_F(SqliteConnectionTest, FailuresAreStoreErrorsWithSqlitesReason) {
  EXPECT_THROW(db_.prepare("SELECT nothing FROM nowhere"), StoreError);
  db_.prepare("INSERT INTO notes (id) VALUES (1)").run();
  try {
    db_.prepare("INSERT INTO notes (id) VALUES (1)").run();
    FAIL() << "a duplicate key was inserted";
  } catch (const StoreError& error) {
    EXPECT_NE(std::string(error.what()).find("UNIQUE"), std::string::npos) << error.what();
  }
}

TEST_F(SqliteConnectionTest, AWriteTransactionGivesUpWithBusyAfterItsTimeout) {
  Transaction holding(db_);
  SqliteConnection other(file_, {.busy_timeout_ms = 50});
  const auto started = std::chrono::steady_clock::now();
  try {
    Transaction waiting(other);
    FAIL() << "two write transactions at once";
  } catch (const StoreError& error) {
    EXPECT_NE(std::string(error.what()).find("locked"), std::string::npos) << error.what();
  }
  EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(40));
}

TEST_F(SqliteConnectionTest, AWriteTransactionWaitsForTheOtherToCommit) {
  auto holding = std::make_unique<Transaction>(db_);
  db_.prepare("INSERT INTO notes (text) VALUES ('first')").run();
  std::thread second([this] {
    SqliteConnection other(file_, {.busy_timeout_ms = 10'000});
    Transaction waiting(other);
    other.prepare("INSERT INTO notes (text) VALUES ('second')").run();
    waiting.commit();
  });
  // Holds the lock a while so that the other connection has to wait for it.
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  holding->commit();
  second.join();
  auto order = db_.prepare("SELECT text FROM notes ORDER BY id");
  ASSERT_TRUE(order.step());
  EXPECT_EQ(order.column_text(0), "first");
  ASSERT_TRUE(order.step());
  EXPECT_EQ(order.column_text(0), "second");
}

TEST_F(SqliteConnectionTest, AReadTransactionSeesOneStateWhileAnotherConnectionWrites) {
  SqliteConnection reader(file_);
  Transaction reading(reader, TransactionKind::read);
  EXPECT_EQ(count(reader), 0);
  db_.prepare("INSERT INTO notes (text) VALUES ('later')").run();
  EXPECT_EQ(count(reader), 0);
  reading.commit();
  EXPECT_EQ(count(reader), 1);
}

TEST_F(SqliteConnectionTest, AnUpsertInsertsUpdatesOrLeavesTheRowByItsKey) {
  db_.execute("CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER, note TEXT)");
  const auto put = [this](const Upsert& upsert, std::string_view name, int64_t value) {
    db_.prepare(db_.upsert_sql(upsert)).bind_all(name, value, "note").run();
    return db_.changes();
  };
  const Upsert replace{.table = "counters", .key = {"name"}, .values = {"value", "note"}};
  Upsert keep = replace;
  keep.update = false;
  Upsert grow = replace;
  grow.only_if = "excluded.value > counters.value";
  EXPECT_EQ(put(replace, "a", 1), 1);
  EXPECT_EQ(put(replace, "a", 5), 1);
  EXPECT_EQ(put(keep, "a", 9), 0);
  EXPECT_EQ(put(grow, "a", 3), 0);
  EXPECT_EQ(put(keep, "b", 2), 1);
  EXPECT_EQ(put(grow, "a", 7), 1);
  auto values = db_.prepare("SELECT name, value FROM counters ORDER BY name");
  ASSERT_TRUE(values.step());
  EXPECT_EQ(values.column_int(1), 7);
  ASSERT_TRUE(values.step());
  EXPECT_EQ(values.column_text(0), "b");
  EXPECT_EQ(values.column_int(1), 2);
}

}  // namespace
}  // namespace qbo_sync::store
