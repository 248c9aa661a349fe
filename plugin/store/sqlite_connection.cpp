#include "store/sqlite_connection.h"

#include <sqlite3.h>

namespace qbo_sync::store {

namespace {
constexpr long long kJournalSizeLimitBytes = 8LL * 1024 * 1024;
}  // namespace
namespace {

[[noreturn]] void fail(sqlite3* db, std::string_view what) {
  throw StoreError(std::string(what) + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

}  // namespace

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
  if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr) !=
      SQLITE_OK) {
    fail(db, "cannot prepare statement");
  }
}

Statement::Statement(sqlite3* db, sqlite3_stmt* stmt, Connection* cache, std::string sql)
    : db_(db), stmt_(stmt), cache_(cache), sql_(std::move(sql)) {}

Statement::~Statement() {
  if (stmt_ == nullptr) return;
  if (cache_ == nullptr) {
    sqlite3_finalize(stmt_);
    return;
  }
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  cache_->give_back(std::move(sql_), stmt_);
}

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_), stmt_(other.stmt_), cache_(other.cache_), sql_(std::move(other.sql_)) {
  other.stmt_ = nullptr;
}

Statement& Statement::bind(int index, std::string_view text) {
  if (sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()),
                        SQLITE_TRANSIENT) != SQLITE_OK) {
    fail(db_, "cannot bind text");
  }
  return *this;
}

Statement& Statement::bind(int index, int64_t value) {
  if (sqlite3_bind_int64(stmt_, index, value) != SQLITE_OK) fail(db_, "cannot bind integer");
  return *this;
}

Statement& Statement::bind_blob(int index, std::string_view bytes) {
  if (sqlite3_bind_blob(stmt_, index, bytes.data(), static_cast<int>(bytes.size()),
                        SQLITE_TRANSIENT) != SQLITE_OK) {
    fail(db_, "cannot bind blob");
  }
  return *this;
}

Statement& Statement::bind_null(int index) {
  if (sqlite3_bind_null(stmt_, index) != SQLITE_OK) fail(db_, "cannot bind null");
  return *this;
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  fail(db_, "statement failed");
}

void Statement::run() {
  while (step()) {
  }
  reset();
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

int64_t Statement::column_int(int column) const {
  return sqlite3_column_int64(stmt_, column);
}

std::string Statement::column_text(int column) const {
  const auto* text = sqlite3_column_text(stmt_, column);
  if (!text) return {};
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::string Statement::column_blob(int column) const {
  const void* data = sqlite3_column_blob(stmt_, column);
  if (!data) return {};
  return std::string(static_cast<const char*>(data),
                     static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

bool Statement::column_is_null(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

Connection::Connection(const std::filesystem::path& file, bool sync_every_commit) {
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(file.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    std::string message = "cannot open the store at " + file.string();
    if (db_) message += std::string(": ") + sqlite3_errmsg(db_);
    sqlite3_close(db_);
    db_ = nullptr;
    throw StoreError(message);
  }
  sqlite3_busy_timeout(db_, 5000);
  execute("PRAGMA journal_mode=WAL");
  // NORMAL in WAL mode: a committed transaction is in the WAL file when COMMIT returns, so it
  // survives the process dying; FULL also waits for the disk, so it survives power loss.
  execute(sync_every_commit ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
  execute("PRAGMA foreign_keys=ON");
  // A burst (an import, a backlog, readers that held back every checkpoint for a while) can grow
  // the write-ahead log; SQLite reuses the file but never shrinks it. With a limit, the log is cut
  // back to it each time it starts over after a checkpoint.
  execute("PRAGMA journal_size_limit=" + std::to_string(kJournalSizeLimitBytes));
}

Connection::~Connection() {
  for (auto& [sql, statements] : cache_) {
    for (sqlite3_stmt* statement : statements) sqlite3_finalize(statement);
  }
  sqlite3_close(db_);
}

void Connection::execute(std::string_view sql) {
  std::string text(sql);
  char* error = nullptr;
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    throw StoreError("store statement failed: " + message);
  }
}

Statement Connection::prepare(std::string_view sql) {
  if (auto found = cache_.find(sql); found != cache_.end() && !found->second.empty()) {
    sqlite3_stmt* statement = found->second.back();
    found->second.pop_back();
    return Statement(db_, statement, this, found->first);
  }
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &statement, nullptr) !=
      SQLITE_OK) {
    fail(db_, "cannot prepare statement");
  }
  return Statement(db_, statement, this, std::string(sql));
}

void Connection::give_back(std::string sql, sqlite3_stmt* statement) noexcept {
  try {
    cache_[std::move(sql)].push_back(statement);
  } catch (...) {
    sqlite3_finalize(statement);  // out of memory: not kept, compiled again next time
  }
}

int64_t Connection::last_insert_id() const {
  return sqlite3_last_insert_rowid(db_);
}

int Connection::changes() const {
  return sqlite3_changes(db_);
}

Transaction::Transaction(Connection& connection) : connection_(connection) {
  connection_.execute("BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
  if (open_) {
    try {
      connection_.execute("ROLLBACK");
    } catch (...) {
      // The connection reports the original failure; a failed rollback leaves SQLite to undo it.
    }
  }
}

void Transaction::commit() {
  connection_.execute("COMMIT");
  open_ = false;
}

}  // namespace qbo_sync::store
