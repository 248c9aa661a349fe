// A thin RAII layer over the SQLite C API: one connection, prepared statements, errors as
// exceptions carrying SQLite's message.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace qbo_sync::store {

class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Connection;

// A prepared statement. One made by Connection::prepare goes back to the connection's cache when
// destroyed (reset, bindings cleared), so the same SQL is compiled once per connection; it must
// not outlive its connection.
class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;

  // Binds by 1-based index; returns *this for chaining.
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, int64_t value);
  Statement& bind_null(int index);
  // Binds bytes as a BLOB (e.g. ciphertext).
  Statement& bind_blob(int index, std::string_view bytes);

  // Advances; true while a row is available.
  bool step();
  // Runs a statement that returns no rows.
  void run();
  void reset();

  int64_t column_int(int column) const;
  std::string column_text(int column) const;
  std::string column_blob(int column) const;
  bool column_is_null(int column) const;

 private:
  friend class Connection;
  Statement(sqlite3* db, sqlite3_stmt* stmt, Connection* cache, std::string sql);

  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  Connection* cache_ = nullptr;  // where to return the statement; null: finalize it
  std::string sql_;
};

class Connection {
 public:
  // Opens (creating if needed) the database file in WAL mode with a busy timeout, so that several
  // processes can share it. `sync_every_commit` makes each commit wait for the disk (survives power
  // loss); without it a commit survives any crash of the process but not of the machine.
  explicit Connection(const std::filesystem::path& file, bool sync_every_commit = false);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  void execute(std::string_view sql);
  Statement prepare(std::string_view sql);
  int64_t last_insert_id() const;
  int changes() const;
  sqlite3* handle() const { return db_; }

 private:
  friend class Statement;
  struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const noexcept {
      return std::hash<std::string_view>{}(text);
    }
  };
  // Takes back a statement prepare() handed out; finalizes it if it cannot be kept.
  void give_back(std::string sql, sqlite3_stmt* statement) noexcept;

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, std::vector<sqlite3_stmt*>, TextHash, std::equal_to<>> cache_;
};

// BEGIN IMMEDIATE … COMMIT, rolled back if not committed before destruction.
class Transaction {
 public:
  explicit Transaction(Connection& connection);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Connection& connection_;
  bool open_ = true;
};

}  // namespace qbo_sync::store
