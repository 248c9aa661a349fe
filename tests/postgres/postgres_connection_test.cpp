#include <gtest/gtest.h>

#include <string>

#include "store/postgres/postgres_connection.h"
#include "test_database.h"

namespace qbo_sync::store {
namespace {

using testing::SchemaPerTest;
using P = PostgresParam;

class PostgresConnectionTest : public SchemaPerTest {
 protected:
  void SetUp() override {
    SchemaPerTest::SetUp();
    db_ = std::make_unique<PostgresConnection>(url());
    db_->execute("CREATE TABLE item (id BIGINT PRIMARY KEY, name TEXT, body BYTEA)");
  }
  void TearDown() override {
    db_.reset();
    SchemaPerTest::TearDown();
  }
  int64_t count() { return db_->run("SELECT count(*) FROM item").integer(0, 0); }

  std::unique_ptr<PostgresConnection> db_;
};

TEST_F(PostgresConnectionTest, TextIntegersBytesAndNullGoInAndComeBackExactly) {
  // Built in pieces: a hex escape would swallow the letters after it.
  const std::string bytes = std::string("\x00\x01\xff\x7f zero", 9) + '\0' + "end";
  db_->run("INSERT INTO item (id, name, body) VALUES ($1, $2, $3)",
           {P::integer(-9'007'199'254'740'993), P::text("Zoë 🧾"), P::bytes(bytes)});
  db_->run("INSERT INTO item (id, name, body) VALUES ($1, $2, $3)",
           {P::integer(2), P::null(), P::null()});
  const auto rows = db_->run("SELECT id, name, body FROM item ORDER BY id");
  ASSERT_EQ(rows.size(), 2);
  EXPECT_EQ(rows.integer(0, 0), -9'007'199'254'740'993);
  EXPECT_EQ(rows.text(0, 1), "Zoë 🧾");
  EXPECT_EQ(rows.bytes(0, 2), bytes);
  EXPECT_TRUE(rows.is_null(1, 1));
  EXPECT_TRUE(rows.is_null(1, 2));
}

TEST_F(PostgresConnectionTest, TheSameStatementRunsManyTimesWithOtherValues) {
  for (int id = 1; id <= 50; ++id) {
    db_->run("INSERT INTO item (id, name) VALUES ($1, $2)",
             {P::integer(id), P::text("n" + std::to_string(id))});
  }
  EXPECT_EQ(count(), 50);
  const auto changed = db_->run("UPDATE item SET name = 'x' WHERE id > $1", {P::integer(40)});
  EXPECT_EQ(changed.affected(), 10);
}

TEST_F(PostgresConnectionTest, ATransactionNotCommittedIsRolledBack) {
  {
    PostgresTransaction transaction(*db_);
    db_->run("INSERT INTO item (id) VALUES ($1)", {P::integer(1)});
  }
  EXPECT_EQ(count(), 0);
  {
    PostgresTransaction transaction(*db_);
    db_->run("INSERT INTO item (id) VALUES ($1)", {P::integer(1)});
    transaction.commit();
  }
  EXPECT_EQ(count(), 1);
}

TEST_F(PostgresConnectionTest, AFailureCarriesTheServersStateAndTheConnectionGoesOn) {
  db_->run("INSERT INTO item (id) VALUES ($1)", {P::integer(7)});
  try {
    db_->run("INSERT INTO item (id) VALUES ($1)", {P::integer(7)});
    FAIL() << "a second row with the same key was accepted";
  } catch (const PostgresError& error) {
    EXPECT_EQ(error.sql_state(), "23505");  // unique_violation
    EXPECT_NE(std::string(error.what()).find("duplicate key"), std::string::npos) << error.what();
  }
  EXPECT_TRUE(db_->healthy());
  EXPECT_EQ(count(), 1);
}

TEST_F(PostgresConnectionTest, AWrongPasswordIsReportedWithoutThePassword) {
  const std::string good = testing::cluster_url_text();
  const auto at = good.find('@');
  const auto colon = good.rfind(':', at);
  const std::string wrong = good.substr(0, colon + 1) + "Wr0ngButSecret" + good.substr(at);
  try {
    PostgresConnection refused(*PostgresUrl::parse(wrong));
    FAIL() << "connected with a wrong password";
  } catch (const PostgresError& error) {
    const std::string message = error.what();
    EXPECT_EQ(message.find("Wr0ngButSecret"), std::string::npos) << message;
    EXPECT_NE(message.find(":***@127.0.0.1"), std::string::npos) << message;
    EXPECT_NE(message.find("password authentication failed"), std::string::npos) << message;
  }
}

}  // namespace
}  // namespace qbo_sync::store
