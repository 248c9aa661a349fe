#include "store/record_queue.h"

#include "store/record_rows.h"
#include "store/row_reader.h"

namespace qbo_sync::store {
namespace {

std::string select_records(std::string_view where) {
  return std::string("SELECT ") + kSyncRecordColumns + " FROM sync_records WHERE " +
         std::string(where);
}

std::vector<SyncRecord> read_records(Statement& query) {
  std::vector<SyncRecord> records;
  while (query.step()) records.push_back(read_sync_record(query));
  return records;
}

// How many of a lease's `limit` slots go to the newest arrivals and to due retries: a quarter
// each, dealt by position from `now_ms`, so that a one-record lease also gets each share over time.
struct LeaseSlots {
  int newest = 0;
  int retries = 0;
};

LeaseSlots lease_slots(int64_t now_ms, int limit) {
  LeaseSlots slots;
  for (int slot = 0; slot < limit; ++slot) {
    const int64_t position = (now_ms + slot) % 4;
    if (position == 0) ++slots.newest;
    if (position == 2) ++slots.retries;
  }
  return slots;
}

}  // namespace

std::vector<SyncRecord> RecordQueue::list(const RecordFilter& filter) {
  std::string sql = select_records("account_id=? AND id>?");
  if (filter.status) sql += " AND status=?";
  if (filter.object_type) sql += " AND object_type=?";
  if (filter.reason) sql += " AND reason=?";
  sql += " ORDER BY id LIMIT ?";
  auto db = access_.read();
  auto query = db->prepare(sql);
  query.bind_all(filter.account_id, filter.after_id);
  int index = 3;
  if (filter.status) query.bind(index++, to_string(*filter.status));
  if (filter.object_type) query.bind(index++, *filter.object_type);
  if (filter.reason) query.bind(index++, *filter.reason);
  query.bind(index, static_cast<int64_t>(filter.limit));
  return read_records(query);
}

std::optional<SyncRecord> RecordQueue::get(int64_t record_id) {
  auto db = access_.read();
  auto query = db->prepare(select_records("id=?"));
  query.bind(1, record_id);
  if (!query.step()) return std::nullopt;
  return read_sync_record(query);
}

std::vector<AuditEntry> RecordQueue::audit_trail(int64_t record_id) {
  auto db = access_.read();
  auto query = db->prepare(
      "SELECT id, record_id, at, action, detail FROM audit WHERE record_id=? ORDER BY id");
  query.bind(1, record_id);
  std::vector<AuditEntry> entries;
  using A = AuditEntry;
  while (query.step()) {
    entries.push_back(read_row<A>(query, &A::id, &A::record_id, &A::at_ms, &A::action, &A::detail));
  }
  return entries;
}

int64_t RecordQueue::count(const std::string& account_id, std::optional<RecordStatus> status) {
  auto db = access_.read();
  auto query =
      db->prepare(status ? "SELECT COUNT(*) FROM sync_records WHERE account_id=? AND status=?"
                         : "SELECT COUNT(*) FROM sync_records WHERE account_id=?");
  query.bind(1, account_id);
  if (status) query.bind(2, to_string(*status));
  query.step();
  return query.column_int(0);
}

std::vector<ReasonCount> RecordQueue::count_by_reason(const std::string& account_id) {
  auto db = access_.read();
  auto query = db->prepare(
      "SELECT status, reason, COUNT(*) FROM sync_records WHERE account_id=? "
      "GROUP BY status, reason ORDER BY status, reason");
  query.bind(1, account_id);
  std::vector<ReasonCount> counts;
  while (query.step()) {
    const auto status = parse_record_status(query.column_text(0));
    if (!status) continue;  // the schema's CHECK admits no other
    counts.push_back(ReasonCount{*status, query.column_text(1), query.column_int(2)});
  }
  return counts;
}

std::vector<SyncRecord> RecordQueue::lease_due(const std::string& owner, int64_t now_ms,
                                               int64_t lease_until_ms, int limit) {
  auto db = access_.write();
  Transaction transaction(*db);
  // A batch is filled from three ends so that neither a backlog nor a stream of new arrivals can
  // starve the other: the newest arrivals (never attempted, highest id first: a payment that just
  // came in overtakes a backlog after an outage or a bulk import), due retries (oldest due first:
  // a flood of arrivals cannot starve them), the rest oldest-first over everything due. Every
  // query follows the partial due index.
  const std::string lock(db->lock_selected_rows());
  auto newest = db->prepare(select_records(
      "status='todo' AND next_attempt_at=0 AND lease_expires_at<=? ORDER BY id DESC LIMIT ?" +
      lock));
  auto retries = db->prepare(select_records(
      "status='todo' AND next_attempt_at>0 AND next_attempt_at<=? AND lease_expires_at<=? "
      "ORDER BY next_attempt_at, id LIMIT ?" +
      lock));
  auto oldest = db->prepare(select_records(
      "status='todo' AND next_attempt_at<=? AND lease_expires_at<=? ORDER BY next_attempt_at, id "
      "LIMIT ?" +
      lock));
  // The lease also records, durably, that an attempt is starting: see SyncRecord.
  auto take = db->prepare(
      "UPDATE sync_records SET lease_owner=?, lease_expires_at=?, "
      "attempts_started=attempts_started+1 WHERE id=?");
  std::vector<SyncRecord> records;
  // Leases what `query` selects; a leased record no longer matches the next query.
  const auto lease_selected = [&](Statement& query) {
    for (auto& record : read_records(query)) {
      take.bind_all(owner, lease_until_ms, record.id).run();
      records.push_back(std::move(record));
    }
  };
  const LeaseSlots slots = lease_slots(now_ms, limit);
  if (slots.newest > 0) lease_selected(newest.bind_all(now_ms, int64_t{slots.newest}));
  if (slots.retries > 0) lease_selected(retries.bind_all(now_ms, now_ms, int64_t{slots.retries}));
  const int64_t rest = limit - static_cast<int64_t>(records.size());
  if (rest > 0) lease_selected(oldest.bind_all(now_ms, now_ms, rest));
  transaction.commit();
  return records;
}

std::optional<std::string> RecordQueue::payload(int64_t record_id) {
  auto db = access_.read();
  auto query = db->prepare(
      "SELECT e.payload FROM sync_records r JOIN events e ON e.seq = r.event_seq WHERE r.id=?");
  query.bind(1, record_id);
  if (!query.step()) return std::nullopt;
  return query.column_text(0);
}

void RecordQueue::finish_attempt(int64_t record_id, int64_t revision, const std::string& owner,
                                 const AttemptOutcome& outcome) {
  auto db = access_.write();
  const int64_t at = access_.now();
  Transaction transaction(*db);
  auto current = db->prepare("SELECT revision FROM sync_records WHERE id=?");
  current.bind(1, record_id);
  if (!current.step()) return;
  const bool newer_revision_waiting = current.column_int(0) != revision;
  if (newer_revision_waiting) {
    // Keep it todo for the newer revision; only count the attempt and note what happened.
    db->prepare(
          "UPDATE sync_records SET attempts=attempts+1, lease_owner=NULL, lease_expires_at=0, "
          "qbo_id=CASE WHEN ?<>'' THEN ? ELSE qbo_id END, updated_at=? WHERE id=? AND "
          "(lease_owner IS NULL OR lease_owner=?)")
        .bind_all(outcome.qbo_id, outcome.qbo_id, at, record_id, owner)
        .run();
  } else {
    db->prepare(
          "UPDATE sync_records SET status=?, reason=?, last_error=?, "
          "qbo_id=CASE WHEN ?<>'' THEN ? ELSE qbo_id END, next_attempt_at=?, "
          "attempts=attempts+1, revision_attempts=revision_attempts+1, lease_owner=NULL, "
          "lease_expires_at=0, updated_at=? WHERE id=? "
          "AND (lease_owner IS NULL OR lease_owner=?)")
        .bind_all(to_string(outcome.status), outcome.reason, outcome.error_json, outcome.qbo_id,
                  outcome.qbo_id, outcome.next_attempt_at_ms, at, record_id, owner)
        .run();
  }
  add_audit(*db, record_id, at, "attempt",
            outcome.audit_detail.empty() ? std::string("{}") : outcome.audit_detail);
  transaction.commit();
}

int RecordQueue::update_each(const std::vector<int64_t>& record_ids, std::string_view update_sql,
                             const BindUpdate& bind, std::string_view action) {
  auto db = access_.write();
  const int64_t at = access_.now();
  Transaction transaction(*db);
  int changed = 0;
  auto update = db->prepare(update_sql);
  for (int64_t id : record_ids) {
    bind(update, id, at);
    update.run();
    if (db->changes() > 0) {
      ++changed;
      add_audit(*db, id, at, action, "{}");
    }
  }
  transaction.commit();
  return changed;
}

int RecordQueue::retry(const std::string& account_id, const std::vector<int64_t>& record_ids) {
  return update_each(
      record_ids,
      "UPDATE sync_records SET status='todo', reason='', next_attempt_at=?, revision_attempts=0, "
      "updated_at=? WHERE id=? AND account_id=? AND status IN ('errored','skipped')",
      [&](Statement& update, int64_t id, int64_t at) { update.bind_all(at, at, id, account_id); },
      "retry");
}

int RecordQueue::skip(const std::string& account_id, const std::vector<int64_t>& record_ids,
                      const std::string& reason) {
  return update_each(
      record_ids,
      "UPDATE sync_records SET status='skipped', reason=?, updated_at=? "
      "WHERE id=? AND account_id=? AND status IN ('todo','errored')",
      [&](Statement& update, int64_t id, int64_t at) {
        update.bind_all(reason, at, id, account_id);
      },
      "skip");
}

int RecordQueue::wake_waiting(const std::string& account_id, const std::string& reason) {
  auto db = access_.write();
  const int64_t at = access_.now();
  db->prepare(
        "UPDATE sync_records SET next_attempt_at=?, updated_at=? "
        "WHERE account_id=? AND status='todo' AND reason=? AND next_attempt_at>?")
      .bind_all(at, at, account_id, reason, at)
      .run();
  return db->changes();
}

}  // namespace qbo_sync::store
