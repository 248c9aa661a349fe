// Reading and writing sync-record and audit rows; shared by the record queue and event intake.
#pragma once

#include <cstdint>
#include <string_view>

#include "store/database.h"
#include "store/sync_record.h"

namespace qbo_sync::store {

// The columns read_sync_record expects, in order.
inline constexpr const char* kSyncRecordColumns =
    "id, account_id, object_type, object_id, revision, status, reason, attempts, "
    "next_attempt_at, last_error, qbo_id, created_at, updated_at, revision_attempts, "
    "attempts_started";

SyncRecord read_sync_record(const Statement& row);

void add_audit(Database& database, int64_t record_id, int64_t at, std::string_view action,
               std::string_view detail);

}  // namespace qbo_sync::store
