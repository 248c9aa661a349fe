// The one interface every concern of the store speaks to a database through, whatever the engine:
// prepared statements with `?` placeholders, typed binds and row reads, transactions, and the few
// pieces of SQL that differ between engines. SqliteConnection is the SQLite implementation; another
// engine implements Database and PreparedStatement and nothing else (docs/store.md).
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace qbo_sync::store {

class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Bytes to bind as a binary value (e.g. ciphertext) rather than text.
struct Blob {
  std::string_view bytes;
};

// An engine's compiled statement. Indexes are 1-based for binds and 0-based for columns, as in
// the SQL standard's call-level interface.
class PreparedStatement {
 public:
  virtual ~PreparedStatement() = default;
  virtual void bind_text(int index, std::string_view text) = 0;
  virtual void bind_int(int index, int64_t value) = 0;
  virtual void bind_blob(int index, std::string_view bytes) = 0;
  virtual void bind_null(int index) = 0;
  // Advances; true while a row is available. Throws StoreError.
  virtual bool step() = 0;
  // Ready to run again; clears the binds.
  virtual void reset() = 0;
  virtual int64_t column_int(int column) const = 0;
  virtual std::string column_text(int column) const = 0;
  virtual std::string column_blob(int column) const = 0;
  virtual bool column_is_null(int column) const = 0;
};

// A prepared statement as the concerns use it: chained typed binds, steps, column reads.
class Statement {
 public:
  explicit Statement(std::unique_ptr<PreparedStatement> prepared)
      : prepared_(std::move(prepared)) {}

  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, int64_t value);
  Statement& bind(int index, Blob blob);
  Statement& bind_null(int index);
  // Binds every value in order from index 1.
  template <typename... Values>
  Statement& bind_all(const Values&... values) {
    int index = 0;
    (bind(++index, values), ...);
    return *this;
  }

  bool step() { return prepared_->step(); }
  // Runs a statement that returns no rows.
  void run();
  void reset() { prepared_->reset(); }

  int64_t column_int(int column) const { return prepared_->column_int(column); }
  std::string column_text(int column) const { return prepared_->column_text(column); }
  std::string column_blob(int column) const { return prepared_->column_blob(column); }
  bool column_is_null(int column) const { return prepared_->column_is_null(column); }

 private:
  std::unique_ptr<PreparedStatement> prepared_;
};

// An INSERT that, where a row with the same key exists, updates that row instead or leaves it.
// Binds: the key columns, then the value columns, then any `?` of `only_if`.
struct Upsert {
  std::string_view table{};
  std::vector<std::string_view> key{};     // the columns of the unique key it may conflict on
  std::vector<std::string_view> values{};  // the other columns written
  bool update = true;                      // false: an existing row is left as it is
  // Updates only where this holds; it names the kept row by the table's name and the row offered
  // as `excluded`.
  std::string_view only_if{};
};

enum class TransactionKind {
  read,   // sees one consistent state; takes no write lock
  write,  // takes the write lock at BEGIN, so that what it reads stays true until it commits
};

// One connection to the store's database, used by one thread at a time.
class Database {
 public:
  virtual ~Database() = default;

  // `sql` uses `?` placeholders; an engine with another syntax rewrites them. Throws StoreError.
  virtual Statement prepare(std::string_view sql) = 0;
  // Runs one or more statements that return no rows.
  virtual void execute(std::string_view sql) = 0;

  virtual void begin(TransactionKind kind) = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;

  // The id the last INSERT of this connection generated.
  virtual int64_t last_insert_id() = 0;
  // Rows the last INSERT, UPDATE or DELETE of this connection changed.
  virtual int changes() = 0;

  // The SQL that differs between engines.
  // The schema is written in SQLite's types (INTEGER is 64-bit, INTEGER PRIMARY KEY an id the
  // database assigns, BLOB bytes); an engine returns its own DDL for `portable_ddl`.
  virtual std::string schema_sql(std::string_view portable_ddl) const = 0;
  // Creates the migration history table if it is missing.
  virtual std::string_view migrations_table_sql() const = 0;
  // By default `INSERT ... ON CONFLICT (key) DO UPDATE SET column=excluded.column ... WHERE
  // only_if`, which SQLite and PostgreSQL both read.
  virtual std::string upsert_sql(const Upsert& upsert) const;
  // Appended to a SELECT inside a write transaction whose rows it then updates, so that two
  // connections never take the same rows (empty where a write transaction already excludes others).
  virtual std::string_view lock_selected_rows() const = 0;
};

// A transaction rolled back unless committed before it goes out of scope (e.g. on an exception).
class Transaction {
 public:
  explicit Transaction(Database& database, TransactionKind kind = TransactionKind::write);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Database& database_;
  bool open_ = true;
};

}  // namespace qbo_sync::store
