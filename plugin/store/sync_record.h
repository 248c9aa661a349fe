// What the admin sees of every CRM object the plugin was asked to sync.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace qbo_sync::store {

enum class RecordStatus { todo, completed, errored, skipped };

std::string_view to_string(RecordStatus status);
std::optional<RecordStatus> parse_record_status(std::string_view text);

struct SyncRecord {
  int64_t id = 0;
  std::string account_id;
  std::string object_type;  // payment | invoice
  std::string object_id;    // the CRM's id
  int64_t revision = 0;     // the newest revision the plugin has accepted
  RecordStatus status = RecordStatus::todo;
  std::string reason;    // why it is skipped or errored, e.g. not_connected, total_mismatch
  int64_t attempts = 0;  // every attempt, whatever its revision
  int64_t revision_attempts = 0;  // attempts at `revision` since it arrived or an admin retried
  // Attempts begun before this one, counted in the same commit that leased the record, before
  // anything is sent: an attempt cut off by a crash counts here though its outcome was never
  // recorded, so the next attempt knows to look in QBO before writing again.
  int64_t attempts_started = 0;
  int64_t next_attempt_at_ms = 0;
  std::string last_error_json;  // {class, code, message, intuit_tid, ...} or empty
  std::string qbo_id;           // the QBO object it produced
  int64_t created_at_ms = 0;
  int64_t updated_at_ms = 0;
};

struct AuditEntry {
  int64_t id = 0;
  int64_t record_id = 0;
  int64_t at_ms = 0;
  std::string action;  // accepted, revision, attempt, retry, skip, ...
  std::string detail;  // JSON
};

}  // namespace qbo_sync::store
