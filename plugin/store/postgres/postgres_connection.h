// A thin RAII layer over libpq: one connection, statements prepared once per connection and run
// with typed parameters, rows read by column, errors as exceptions carrying the server's message
// (never the password). libpq directly rather than a C++ wrapper: the store needs only
// parameterised statements and transactions, and libpq is the interface PostgreSQL itself keeps
// stable.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/postgres/postgres_url.h"

struct pg_conn;
struct pg_result;

namespace qbo_sync::store {

class PostgresError : public std::runtime_error {
 public:
  PostgresError(const std::string& message, std::string sql_state);
  // The five-character SQLSTATE ("40001" serialization failure, "23505" unique violation…), or
  // empty when the failure was not the server's (a lost connection).
  const std::string& sql_state() const { return sql_state_; }

 private:
  std::string sql_state_;
};

// One statement parameter: text, an integer, bytes or NULL.
class PostgresParam {
 public:
  static PostgresParam text(std::string_view value);
  static PostgresParam integer(int64_t value);
  static PostgresParam bytes(std::string_view value);
  static PostgresParam null();

  const char* data() const { return value_ ? value_->data() : nullptr; }
  int length() const { return value_ ? static_cast<int>(value_->size()) : 0; }
  bool binary() const { return binary_; }

 private:
  PostgresParam(std::optional<std::string> value, bool binary)
      : value_(std::move(value)), binary_(binary) {}
  std::optional<std::string> value_;
  bool binary_ = false;
};

// The rows a statement returned. Values are read in libpq's text format; bytea columns are
// unescaped by bytes().
class PostgresRows {
 public:
  explicit PostgresRows(pg_result* result) noexcept : result_(result) {}
  ~PostgresRows();
  PostgresRows(const PostgresRows&) = delete;
  PostgresRows& operator=(const PostgresRows&) = delete;
  PostgresRows(PostgresRows&& other) noexcept;
  PostgresRows& operator=(PostgresRows&&) = delete;

  int size() const;
  bool is_null(int row, int column) const;
  std::string text(int row, int column) const;
  int64_t integer(int row, int column) const;
  std::string bytes(int row, int column) const;
  // Rows changed by an INSERT, UPDATE or DELETE.
  int64_t affected() const;

 private:
  pg_result* result_;
};

class PostgresConnection {
 public:
  // Connects, or throws PostgresError with the server's reason (the password masked).
  explicit PostgresConnection(const PostgresUrl& url);
  ~PostgresConnection();
  PostgresConnection(const PostgresConnection&) = delete;
  PostgresConnection& operator=(const PostgresConnection&) = delete;

  // Runs SQL without parameters (several statements allowed), e.g. a migration.
  void execute(std::string_view sql);
  // Runs one statement with $1…$n parameters, prepared on this connection the first time.
  PostgresRows run(std::string_view sql, const std::vector<PostgresParam>& params = {});
  // False once the server went away; the pool then opens a new connection.
  bool healthy() const;

 private:
  std::string prepared_name(std::string_view sql, int parameter_count);
  [[noreturn]] void fail(std::string_view what, pg_result* result) const;

  PostgresUrl url_;
  pg_conn* connection_ = nullptr;
  std::unordered_map<std::string, std::string> prepared_;  // SQL → statement name
};

// BEGIN … COMMIT, rolled back if not committed before destruction.
class PostgresTransaction {
 public:
  explicit PostgresTransaction(PostgresConnection& connection);
  ~PostgresTransaction();
  PostgresTransaction(const PostgresTransaction&) = delete;
  PostgresTransaction& operator=(const PostgresTransaction&) = delete;
  void commit();

 private:
  PostgresConnection& connection_;
  bool open_ = true;
};

}  // namespace qbo_sync::store
