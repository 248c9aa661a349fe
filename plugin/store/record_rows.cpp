#include "store/record_rows.h"

namespace qbo_sync::store {

SyncRecord read_sync_record(const Statement& row) {
  SyncRecord record;
  record.id = row.column_int(0);
  record.account_id = row.column_text(1);
  record.object_type = row.column_text(2);
  record.object_id = row.column_text(3);
  record.revision = row.column_int(4);
  record.status = parse_record_status(row.column_text(5)).value_or(RecordStatus::todo);
  record.reason = row.column_text(6);
  record.attempts = row.column_int(7);
  record.next_attempt_at_ms = row.column_int(8);
  record.last_error_json = row.column_text(9);
  record.qbo_id = row.column_text(10);
  record.created_at_ms = row.column_int(11);
  record.updated_at_ms = row.column_int(12);
  record.revision_attempts = row.column_int(13);
  record.attempts_started = row.column_int(14);
  return record;
}

void add_audit(Connection& connection, int64_t record_id, int64_t at, std::string_view action,
               std::string_view detail) {
  connection.prepare("INSERT INTO audit (record_id, at, action, detail) VALUES (?, ?, ?, ?)")
      .bind(1, record_id)
      .bind(2, at)
      .bind(3, action)
      .bind(4, detail)
      .run();
}

}  // namespace qbo_sync::store
