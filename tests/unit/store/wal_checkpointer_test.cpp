#include "store/wal_checkpointer.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "temp_dir.h"

namespace qbo_sync::store {
namespace {

std::uintmax_t wal_size(const std::filesystem::path& file) {
  std::error_code error;
  const auto size = std::filesystem::file_size(file.string() + "-wal", error);
  return error ? 0 : size;
}

TEST(WalCheckpointer, CheckpointsOnItsOwnThreadOnceTheLogPassesItsThreshold) {
  testing::TempDir dir;
  const auto file = dir.path() / "wal.db";
  SqliteConnection writer(file);
  writer.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)");
  WalCheckpointer checkpointer(file, writer, 8);
  const std::string text(2000, 'x');
  for (int i = 0; i < 200; ++i) {
    writer.prepare("INSERT INTO notes (text) VALUES (?)").bind(1, text).run();
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (checkpointer.checkpoints() == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_GE(checkpointer.checkpoints(), 1);
  SqliteConnection reader(file);
  auto count = reader.prepare("SELECT COUNT(*) FROM notes");
  ASSERT_TRUE(count.step());
  EXPECT_EQ(count.column_int(0), 200);
}

TEST(WalCheckpointer, WithoutItTheWriterCheckpointsForItselfAgain) {
  testing::TempDir dir;
  const auto file = dir.path() / "wal.db";
  SqliteConnection writer(file);
  writer.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)");
  { WalCheckpointer checkpointer(file, writer, 8); }
  // SQLite's own automatic checkpoint (here every 8 pages) keeps the log from growing without end
  // (it restarts from the beginning once checkpointed).
  const std::string text(2000, 'y');
  for (int i = 0; i < 400; ++i) {
    writer.prepare("INSERT INTO notes (text) VALUES (?)").bind(1, text).run();
  }
  EXPECT_LT(wal_size(file), 100u * 4096u);
}

TEST(WalCheckpointer, ALogGrownLargeByABurstIsCutBackOnceCheckpointed) {
  testing::TempDir dir;
  const auto file = dir.path() / "wal.db";
  SqliteConnection writer(file);
  writer.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)");
  {
    // A reader holding a snapshot keeps every checkpoint from finishing: the log grows.
    SqliteConnection reader(file);
    reader.execute("BEGIN");
    ASSERT_TRUE(reader.prepare("SELECT COUNT(*) FROM notes").step());
    const std::string text(4000, 'z');
    for (int i = 0; i < 5000; ++i) {
      writer.prepare("INSERT INTO notes (text) VALUES (?)").bind(1, text).run();
    }
    ASSERT_GT(wal_size(file), 16u * 1024 * 1024);
    reader.execute("COMMIT");
  }
  WalCheckpointer checkpointer(file, writer, 8);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (wal_size(file) > 8u * 1024 * 1024 && std::chrono::steady_clock::now() < deadline) {
    writer.prepare("INSERT INTO notes (text) VALUES ('after')").run();
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_LE(wal_size(file), 8u * 1024 * 1024);
}

}  // namespace
}  // namespace qbo_sync::store
