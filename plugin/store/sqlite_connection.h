// The SQLite implementation of Database: one connection to the store's file in WAL mode, so that
// several processes can share it, with each compiled statement kept for the next use of its SQL.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/database.h"

struct sqlite3;
struct sqlite3_stmt;

namespace qbo_sync::store {

class SqliteConnection : public Database {
 public:
  struct Options {
    // Each commit waits for the disk (survives power loss); without it a commit survives any crash
    // of the process but not of the machine.
    bool sync_every_commit = false;
    // How long a statement waits for another connection's write lock before it fails.
    int busy_timeout_ms = 5000;
  };

  // Opens, creating if needed, the database file. Throws StoreError.
  explicit SqliteConnection(const std::filesystem::path& file, Options options);
  explicit SqliteConnection(const std::filesystem::path& file)
      : SqliteConnection(file, Options{}) {}
  ~SqliteConnection() override;
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  Statement prepare(std::string_view sql) override;
  void execute(std::string_view sql) override;
  void begin(TransactionKind kind) override;
  void commit() override;
  void rollback() override;
  int64_t last_insert_id() override;
  int changes() override;
  std::string schema_sql(std::string_view portable_ddl) const override;
  std::string_view migrations_table_sql() const override;
  std::string_view lock_selected_rows() const override;

  sqlite3* handle() const { return db_; }
  const std::filesystem::path& file() const { return file_; }

 private:
  friend class SqliteStatement;
  struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const noexcept {
      return std::hash<std::string_view>{}(text);
    }
  };
  // Takes back a statement prepare() handed out; finalizes it if it cannot be kept.
  void give_back(std::string sql, sqlite3_stmt* statement) noexcept;

  std::filesystem::path file_;
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, std::vector<sqlite3_stmt*>, TextHash, std::equal_to<>> cache_;
};

}  // namespace qbo_sync::store
