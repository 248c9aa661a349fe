#include "store/record_rows.h"

#include "store/row_reader.h"

namespace qbo_sync::store {

// An unknown status (a newer plugin's) reads as todo: the record is looked at again.
void read_column(const Statement& statement, int column, SyncRecord& record,
                 RecordStatus SyncRecord::*member) {
  record.*member = parse_record_status(statement.column_text(column)).value_or(RecordStatus::todo);
}

SyncRecord read_sync_record(const Statement& row) {
  using R = SyncRecord;
  return read_row<SyncRecord>(
      row, &R::id, &R::account_id, &R::object_type, &R::object_id, &R::revision, &R::status,
      &R::reason, &R::attempts, &R::next_attempt_at_ms, &R::last_error_json, &R::qbo_id,
      &R::created_at_ms, &R::updated_at_ms, &R::revision_attempts, &R::attempts_started);
}

void add_audit(Database& database, int64_t record_id, int64_t at, std::string_view action,
               std::string_view detail) {
  database.prepare("INSERT INTO audit (record_id, at, action, detail) VALUES (?, ?, ?, ?)")
      .bind_all(record_id, at, action, detail)
      .run();
}

}  // namespace qbo_sync::store
