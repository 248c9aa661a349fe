#include "store/migrations.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "store/sqlite_connection.h"
#include "store/store.h"
#include "temp_dir.h"

namespace qbo_sync::store {
namespace {

TEST(Migrations, NewStoreIsAtTheLatestVersion) {
  testing::TempDir dir;
  Store store(dir.path());
  EXPECT_EQ(store.schema_version(), latest_schema_version());
}

TEST(Migrations, RunOnceAndReportTheVersionFound) {
  testing::TempDir dir;
  SqliteConnection connection(dir.path() / "db");
  EXPECT_EQ(migrate(connection), 0);
  EXPECT_EQ(migrate(connection), latest_schema_version());
  auto count = connection.prepare("SELECT COUNT(*) FROM schema_migrations");
  count.step();
  EXPECT_EQ(count.column_int(0), latest_schema_version());
}

TEST(Migrations, RefuseAStoreWrittenByANewerPlugin) {
  testing::TempDir dir;
  {
    SqliteConnection connection(dir.path() / "qbo_sync.db");
    migrate(connection);
    connection.prepare("INSERT INTO schema_migrations (version) VALUES (?)")
        .bind(1, static_cast<int64_t>(latest_schema_version() + 1))
        .run();
  }
  try {
    Store store(dir.path());
    FAIL() << "a newer store was opened";
  } catch (const StoreError& error) {
    EXPECT_NE(std::string(error.what()).find("newer than this plugin"), std::string::npos);
  }
}

// A store the plugin wrote before the store was split by concern, restored from its dump.
void restore_version_6_store(const std::filesystem::path& data_dir) {
  std::ifstream dump(std::filesystem::path(QBO_SYNC_STORE_TEST_DATA) / "store_schema_v6.sql");
  ASSERT_TRUE(dump) << "the dump of a version 6 store is missing";
  std::stringstream sql;
  sql << dump.rdbuf();
  SqliteConnection(data_dir / "qbo_sync.db").execute(sql.str());
}

TEST(Migrations, AStoreWrittenAtVersion6OpensWithEverythingItHeld) {
  testing::TempDir dir;
  restore_version_6_store(dir.path());
  Store store(dir.path(), [] { return int64_t{1'700'000'002'000}; });
  EXPECT_EQ(store.schema_version(), 6);
  const auto paid = store.records().get(1);
  ASSERT_TRUE(paid.has_value());
  EXPECT_EQ(paid->status, RecordStatus::completed);
  EXPECT_EQ(paid->qbo_id, "145");
  const auto waiting = store.records().get(2);
  EXPECT_EQ(waiting->revision, 2);
  EXPECT_EQ(waiting->reason, "not_connected");
  EXPECT_EQ(store.records().payload(2), R"({"invoice":{"id":"inv-1","rev":2}})");
  EXPECT_EQ(store.records().get(3)->last_error_json, R"({"class":"validation"})");
  EXPECT_EQ(store.records().audit_trail(2).size(), 3u);
  EXPECT_EQ(store.links().by_qbo("acct-1", "Customer", "58")->origin, "quickbooks");
  const auto connection = store.connections().get("acct-1");
  ASSERT_TRUE(connection.has_value());
  EXPECT_EQ(connection->sealed_tokens, std::string("\x00\x01sealed\xff", 9));
  EXPECT_TRUE(connection->reconnect_needed);
  EXPECT_EQ(store.connections().connected_accounts().size(), 1u);
  EXPECT_EQ(store.connections().consume_oauth_state("state-old", 600'000), "acct-3");
  EXPECT_FALSE(store.marks_and_leases().try_acquire_lease("refresh:acct-1", "new",
                                                          1'700'000'002'000, 1'700'000'062'000));
  EXPECT_EQ(store.account_state().get("acct-1", "cdc_watermark"), "2026-11-22T01:00:00Z");
  EXPECT_NE(store.account_state().settings("acct-1")->find(R"("revision":3)"), std::string::npos);
  EXPECT_FALSE(store.marks_and_leases().mark_once("acct-1", "review_request", "ct-9"));
}

TEST(Migrations, AStoreWrittenAtVersion6TakesNewEventsWhereItLeftOff) {
  testing::TempDir dir;
  restore_version_6_store(dir.path());
  Store store(dir.path());
  const auto duplicate = store.intake().commit_events(
      {{"acct-1", "evt-pay-1", "payment.completed", "payment", "pay-1", 1, "", "{}"}});
  EXPECT_EQ(duplicate[0].result, IntakeResult::duplicate);
  EXPECT_EQ(duplicate[0].record_id, 1);
  const auto newer = store.intake().commit_events(
      {{"acct-1", "evt-inv-2b", "invoice.updated", "invoice", "inv-2", 2, "", "{}"},
       {"acct-1", "evt-pay-2", "payment.completed", "payment", "pay-2", 1, "", "{}"}});
  EXPECT_EQ(newer[0].record_id, 3);
  EXPECT_EQ(store.records().get(3)->status, RecordStatus::todo);
  EXPECT_EQ(newer[1].record_id, 4);
}

}  // namespace
}  // namespace qbo_sync::store
