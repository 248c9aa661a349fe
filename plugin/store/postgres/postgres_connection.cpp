#include "store/postgres/postgres_connection.h"

#include <libpq-fe.h>

#include <charconv>
#include <utility>

namespace qbo_sync::store {
namespace {

std::string trimmed(const char* text) {
  std::string message = text ? text : "";
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  return message;
}

bool succeeded(const PGresult* result) {
  const auto status = PQresultStatus(result);
  return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
}

}  // namespace

PostgresError::PostgresError(const std::string& message, std::string sql_state)
    : std::runtime_error(message), sql_state_(std::move(sql_state)) {}

PostgresParam PostgresParam::text(std::string_view value) {
  return PostgresParam(std::string(value), false);
}
PostgresParam PostgresParam::integer(int64_t value) {
  return PostgresParam(std::to_string(value), false);
}
PostgresParam PostgresParam::bytes(std::string_view value) {
  return PostgresParam(std::string(value), true);
}
PostgresParam PostgresParam::null() {
  return PostgresParam(std::nullopt, false);
}

PostgresRows::~PostgresRows() {
  PQclear(result_);
}
PostgresRows::PostgresRows(PostgresRows&& other) noexcept
    : result_(std::exchange(other.result_, nullptr)) {}

int PostgresRows::size() const {
  return PQntuples(result_);
}
bool PostgresRows::is_null(int row, int column) const {
  return PQgetisnull(result_, row, column) == 1;
}
std::string PostgresRows::text(int row, int column) const {
  return std::string(PQgetvalue(result_, row, column),
                     static_cast<std::size_t>(PQgetlength(result_, row, column)));
}
int64_t PostgresRows::integer(int row, int column) const {
  const char* first = PQgetvalue(result_, row, column);
  const char* last = first + PQgetlength(result_, row, column);
  int64_t value = 0;
  if (const auto [end, error] = std::from_chars(first, last, value);
      error != std::errc() || end != last) {
    throw PostgresError("column " + std::to_string(column) + " is not an integer", "");
  }
  return value;
}
std::string PostgresRows::bytes(int row, int column) const {
  std::size_t length = 0;
  unsigned char* raw = PQunescapeBytea(
      reinterpret_cast<const unsigned char*>(PQgetvalue(result_, row, column)), &length);
  if (!raw) throw PostgresError("column " + std::to_string(column) + " is not bytea", "");
  std::string value(reinterpret_cast<const char*>(raw), length);
  PQfreemem(raw);
  return value;
}
int64_t PostgresRows::affected() const {
  const char* count = PQcmdTuples(result_);
  int64_t value = 0;
  std::from_chars(count, count + std::char_traits<char>::length(count), value);
  return value;
}

PostgresConnection::PostgresConnection(const PostgresUrl& url)
    : url_(url), connection_(PQconnectdb(url.conninfo().c_str())) {
  if (!connection_ || PQstatus(connection_) != CONNECTION_OK) {
    const std::string reason = url_.scrub(trimmed(PQerrorMessage(connection_)));
    PQfinish(connection_);
    throw PostgresError("could not connect to PostgreSQL at " + url_.printable() + ": " + reason,
                        "");
  }
  // Errors read the same whatever the server's locale; times are UTC.
  execute("SET client_min_messages = warning; SET TIME ZONE 'UTC'");
}

PostgresConnection::~PostgresConnection() {
  PQfinish(connection_);
}

bool PostgresConnection::healthy() const {
  return PQstatus(connection_) == CONNECTION_OK;
}

void PostgresConnection::fail(std::string_view what, PGresult* result) const {
  std::string state;
  std::string reason;
  if (result) {
    if (const char* code = PQresultErrorField(result, PG_DIAG_SQLSTATE)) state = code;
    reason = trimmed(PQresultErrorMessage(result));
  }
  if (reason.empty()) reason = trimmed(PQerrorMessage(connection_));
  PQclear(result);
  throw PostgresError(url_.scrub(std::string(what) + ": " + reason), std::move(state));
}

void PostgresConnection::execute(std::string_view sql) {
  PGresult* result = PQexec(connection_, std::string(sql).c_str());
  if (!succeeded(result)) fail("PostgreSQL statement failed", result);
  PQclear(result);
}

std::string PostgresConnection::prepared_name(std::string_view sql, int parameter_count) {
  const std::string key(sql);
  if (auto found = prepared_.find(key); found != prepared_.end()) return found->second;
  std::string name = "s" + std::to_string(prepared_.size() + 1);
  PGresult* result = PQprepare(connection_, name.c_str(), key.c_str(), parameter_count, nullptr);
  if (!succeeded(result)) fail("PostgreSQL could not prepare a statement", result);
  PQclear(result);
  prepared_.emplace(key, name);
  return name;
}

PostgresRows PostgresConnection::run(std::string_view sql,
                                     const std::vector<PostgresParam>& params) {
  const auto count = static_cast<int>(params.size());
  const std::string name = prepared_name(sql, count);
  std::vector<const char*> values;
  std::vector<int> lengths;
  std::vector<int> formats;
  for (const auto& param : params) {
    values.push_back(param.data());
    lengths.push_back(param.length());
    formats.push_back(param.binary() ? 1 : 0);
  }
  PGresult* result = PQexecPrepared(connection_, name.c_str(), count, values.data(), lengths.data(),
                                    formats.data(), /*resultFormat=*/0);
  if (!succeeded(result)) fail("PostgreSQL statement failed", result);
  return PostgresRows(result);
}

PostgresTransaction::PostgresTransaction(PostgresConnection& connection) : connection_(connection) {
  connection_.execute("BEGIN");
}

PostgresTransaction::~PostgresTransaction() {
  if (!open_) return;
  try {
    connection_.execute("ROLLBACK");
  } catch (...) {  // a lost connection rolls back by itself
  }
}

void PostgresTransaction::commit() {
  connection_.execute("COMMIT");
  open_ = false;
}

}  // namespace qbo_sync::store
