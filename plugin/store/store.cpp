#include "store/store.h"

#include "store/migrations.h"
#include "store/private_files.h"
#include "store/sqlite_connection.h"
#include "store/wal_checkpointer.h"

namespace qbo_sync::store {
namespace {

constexpr const char* kDatabaseFileName = "qbo_sync.db";

std::filesystem::path database_path(const std::filesystem::path& data_dir) {
  prepare_private_directory(data_dir);
  const auto database = data_dir / kDatabaseFileName;
  prepare_private_file(database);
  // Journals an earlier version left with a wider mode are narrowed too.
  for (const char* suffix : {"-wal", "-shm"}) {
    std::error_code error;
    auto journal = database;
    journal += suffix;
    if (std::filesystem::exists(journal, error)) {
      std::filesystem::permissions(
          journal, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
          std::filesystem::perm_options::replace, error);
    }
  }
  return database;
}

}  // namespace

Store::Store(const std::filesystem::path& data_dir, Clock clock, Durability durability)
    : Store(
          std::make_unique<SqliteConnection>(
              database_path(data_dir),
              SqliteConnection::Options{.sync_every_commit = durability == Durability::power_loss}),
          std::move(clock)) {}

Store::Store(std::unique_ptr<SqliteConnection> writer, Clock clock)
    : file_(writer->file()),
      writer_(*writer),
      access_(std::move(writer), std::make_unique<SqliteConnection>(file_), std::move(clock)) {
  migrate(*access_.write());
  checkpointer_ = std::make_unique<WalCheckpointer>(file_, writer_);
}

Store::~Store() = default;

int Store::schema_version() {
  auto db = access_.read();
  auto query = db->prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  query.step();
  return static_cast<int>(query.column_int(0));
}

}  // namespace qbo_sync::store
