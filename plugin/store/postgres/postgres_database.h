// The PostgreSQL implementation of Database: one libpq connection, the store's `?` placeholders
// rewritten to PostgreSQL's `$n`, SQLite's schema types translated, and write transactions that
// exclude each other across every node, as SQLite's BEGIN IMMEDIATE does across processes, so
// that the store's concerns behave the same on both engines.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "store/database.h"
#include "store/postgres/postgres_connection.h"

namespace qbo_sync::store {

class PostgresDatabase : public Database {
 public:
  // Connects, or throws StoreError with the server's reason (the password masked).
  explicit PostgresDatabase(const PostgresUrl& url);

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

  // What a statement of this connection changed last (set by its statements).
  void set_changes(int64_t changes) { changes_ = changes; }
  PostgresConnection& connection() { return connection_; }

 private:
  PostgresConnection connection_;
  int64_t changes_ = 0;
};

// `?` placeholders as `$1`, `$2`… (outside quoted text), and how many there were.
std::pair<std::string, int> numbered_placeholders(std::string_view sql);

}  // namespace qbo_sync::store
