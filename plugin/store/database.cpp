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
