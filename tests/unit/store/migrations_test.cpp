#include "store/migrations.h"

#include <gtest/gtest.h>

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
  Connection connection(dir.path() / "db");
  EXPECT_EQ(migrate(connection), 0);
  EXPECT_EQ(migrate(connection), latest_schema_version());
  auto count = connection.prepare("SELECT COUNT(*) FROM schema_migrations");
  count.step();
  EXPECT_EQ(count.column_int(0), latest_schema_version());
}

TEST(Migrations, RefuseAStoreWrittenByANewerPlugin) {
  testing::TempDir dir;
  {
    Connection connection(dir.path() / "qbo_sync.db");
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

}  // namespace
}  // namespace qbo_sync::store
