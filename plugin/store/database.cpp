#include "store/database.h"

namespace qbo_sync::store {

Statement& Statement::bind(int index, std::string_view text) {
  prepared_->bind_text(index, text);
  return *this;
}

Statement& Statement::bind(int index, int64_t value) {
  prepared_->bind_int(index, value);
  return *this;
}

Statement& Statement::bind(int index, Blob blob) {
  prepared_->bind_blob(index, blob.bytes);
  return *this;
}

Statement& Statement::bind_null(int index) {
  prepared_->bind_null(index);
  return *this;
}

void Statement::run() {
  while (step()) {
  }
  reset();
}

namespace {

std::string joined(const std::vector<std::string_view>& parts, std::string_view separator) {
  std::string text;
  for (const auto part : parts) {
    if (!text.empty()) text += separator;
    text += part;
  }
  return text;
}

}  // namespace

std::string Database::upsert_sql(const Upsert& upsert) const {
  std::vector<std::string_view> columns = upsert.key;
  columns.insert(columns.end(), upsert.values.begin(), upsert.values.end());
  const std::vector<std::string_view> marks(columns.size(), "?");
  std::string sql = "INSERT INTO " + std::string(upsert.table) + " (" + joined(columns, ", ") +
                    ") VALUES (" + joined(marks, ", ") + ") ON CONFLICT (" +
                    joined(upsert.key, ", ") + ") DO ";
  if (!upsert.update) return sql + "NOTHING";
  sql += "UPDATE SET ";
  for (std::size_t i = 0; i < upsert.values.size(); ++i) {
    if (i > 0) sql += ", ";
    sql.append(upsert.values[i]).append("=excluded.").append(upsert.values[i]);
  }
  if (!upsert.only_if.empty()) sql.append(" WHERE ").append(upsert.only_if);
  return sql;
}

Transaction::Transaction(Database& database, TransactionKind kind) : database_(database) {
  database_.begin(kind);
}

Transaction::~Transaction() {
  if (!open_) return;
  try {
    database_.rollback();
  } catch (...) {
    // The original failure is what is reported; a failed rollback is undone by the engine.
  }
}

void Transaction::commit() {
  database_.commit();
  open_ = false;
}

}  // namespace qbo_sync::store
