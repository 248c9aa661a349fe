#include "store/sqlite_connection.h"

#include <sqlite3.h>

namespace qbo_sync::store {
namespace {

constexpr long long kJournalSizeLimitBytes = 8LL * 1024 * 1024;

[[noreturn]] void fail(sqlite3* db, std::string_view what) {
  throw StoreError(std::string(what) + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

}  // namespace

// A statement SqliteConnection::prepare handed out; it goes back to the connection's cache when
// destroyed (reset, binds cleared), so the same SQL is compiled once per connection. It must not
// outlive its connection.
class SqliteStatement : public PreparedStatement {
 public:
  SqliteStatement(SqliteConnection& connection, sqlite3_stmt* statement, std::string sql)
      : connection_(connection), stmt_(statement), sql_(std::move(sql)) {}
  ~SqliteStatement() override {
    reset();
    connection_.give_back(std::move(sql_), stmt_);
  }
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  void bind_text(int index, std::string_view text) override {
    check(sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()),
                            SQLITE_TRANSIENT),
          "cannot bind text");
  }
  void bind_int(int index, int64_t value) override {
    check(sqlite3_bind_int64(stmt_, index, value), "cannot bind integer");
  }
  void bind_blob(int index, std::string_view bytes) override {
    check(sqlite3_bind_blob(stmt_, index, bytes.data(), static_cast<int>(bytes.size()),
                            SQLITE_TRANSIENT),
          "cannot bind blob");
  }
  void bind_null(int index) override { check(sqlite3_bind_null(stmt_, index), "cannot bind null"); }

  bool step() override {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    fail(connection_.handle(), "statement failed");
  }
  void reset() override {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

  int64_t column_int(int column) const override { return sqlite3_column_int64(stmt_, column); }
  std::string column_text(int column) const override {
    return bytes(sqlite3_column_text(stmt_, column), column);
  }
  std::string column_blob(int column) const override {
    return bytes(sqlite3_column_blob(stmt_, column), column);
  }
  bool column_is_null(int column) const override {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
  }

 private:
  void check(int rc, std::string_view what) const {
    if (rc != SQLITE_OK) fail(connection_.handle(), what);
  }
  // Read after the value, as SQLite asks: the length is that of the form just read.
  std::string bytes(const void* data, int column) const {
    if (!data) return {};
    return std::string(static_cast<const char*>(data),
                       static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
  }

  SqliteConnection& connection_;
  sqlite3_stmt* stmt_;
  std::string sql_;
};

SqliteConnection::SqliteConnection(const std::filesystem::path& file, Options options)
    : file_(file) {
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(file.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    std::string message = "cannot open the store at " + file.string();
    if (db_) message += std::string(": ") + sqlite3_errmsg(db_);
    sqlite3_close(db_);
    db_ = nullptr;
    throw StoreError(message);
  }
  sqlite3_busy_timeout(db_, options.busy_timeout_ms);
  execute("PRAGMA journal_mode=WAL");
  // NORMAL in WAL mode: a committed transaction is in the WAL file when COMMIT returns, so it
  // survives the process dying; FULL also waits for the disk, so it survives power loss.
  execute(options.sync_every_commit ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
  execute("PRAGMA foreign_keys=ON");
  // A burst (an import, a backlog, readers that held back every checkpoint for a while) can grow
  // the write-ahead log; SQLite reuses the file but never shrinks it. With a limit, the log is cut
  // back to it each time it starts over after a checkpoint.
  execute("PRAGMA journal_size_limit=" + std::to_string(kJournalSizeLimitBytes));
}

SqliteConnection::~SqliteConnection() {
  for (auto& [sql, statements] : cache_) {
    for (sqlite3_stmt* statement : statements) sqlite3_finalize(statement);
  }
  sqlite3_close(db_);
}

void SqliteConnection::execute(std::string_view sql) {
  std::string text(sql);
  char* error = nullptr;
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    throw StoreError("store statement failed: " + message);
  }
}

Statement SqliteConnection::prepare(std::string_view sql) {
  if (auto found = cache_.find(sql); found != cache_.end() && !found->second.empty()) {
    sqlite3_stmt* statement = found->second.back();
    found->second.pop_back();
    return Statement(std::make_unique<SqliteStatement>(*this, statement, found->first));
  }
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &statement, nullptr) !=
      SQLITE_OK) {
    fail(db_, "cannot prepare statement");
  }
  try {
    return Statement(std::make_unique<SqliteStatement>(*this, statement, std::string(sql)));
  } catch (...) {
    sqlite3_finalize(statement);
    throw;
  }
}

void SqliteConnection::give_back(std::string sql, sqlite3_stmt* statement) noexcept {
  try {
    cache_[std::move(sql)].push_back(statement);
  } catch (...) {
    sqlite3_finalize(statement);  // out of memory: not kept, compiled again next time
  }
}

void SqliteConnection::begin(TransactionKind kind) {
  // IMMEDIATE takes the write lock now rather than at the first write, so that a transaction
  // never reads, then fails to upgrade because another connection wrote meanwhile.
  execute(kind == TransactionKind::write ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
}

void SqliteConnection::commit() {
  execute("COMMIT");
}

void SqliteConnection::rollback() {
  execute("ROLLBACK");
}

int64_t SqliteConnection::last_insert_id() {
  return sqlite3_last_insert_rowid(db_);
}

int SqliteConnection::changes() {
  return sqlite3_changes(db_);
}

std::string SqliteConnection::schema_sql(std::string_view portable_ddl) const {
  return std::string(portable_ddl);  // the schema is written in SQLite's own types
}

std::string_view SqliteConnection::migrations_table_sql() const {
  return "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
         "applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')))";
}

std::string_view SqliteConnection::lock_selected_rows() const {
  return "";  // BEGIN IMMEDIATE already keeps every other writer out until the commit
}

}  // namespace qbo_sync::store
