// The Store's sync-engine side: leasing due records, recording attempts, admin retry and skip,
// and the link table.
#include "store/store.h"

#include "store/record_rows.h"

namespace qbo_sync::store {
namespace {

Link read_link(const Statement& row) {
  return {row.column_text(0), row.column_text(1), row.column_text(2), row.column_text(3),
          row.column_text(4), row.column_text(5), row.column_text(6)};
}

}  // namespace

std::vector<SyncRecord> Store::lease_due_records(const std::string& owner, int64_t now_ms,
                                                 int64_t lease_until_ms, int limit) {
  std::lock_guard lock(write_mutex_);
  Transaction transaction(writer_);
  // A batch is filled from three ends so that neither a backlog nor a stream of new arrivals can
  // starve the other: a quarter of the slots go to the newest arrivals (never attempted, highest
  // id first: a payment that just came in overtakes a backlog after an outage or a bulk import), a
  // quarter to due retries (oldest due first: a flood of arrivals cannot starve them), the rest
  // oldest-first over everything due. Slots are dealt by position from `now_ms`, so a one-record
  // lease also gets each share over time; every query follows the partial due index.
  int newest_slots = 0;
  int retry_slots = 0;
  for (int slot = 0; slot < limit; ++slot) {
    const int64_t position = (now_ms + slot) % 4;
    if (position == 0) ++newest_slots;
    if (position == 2) ++retry_slots;
  }
  auto newest = writer_.prepare(std::string("SELECT ") + kSyncRecordColumns +
                                " FROM sync_records WHERE status='todo' AND next_attempt_at=0 AND "
                                "lease_expires_at<=? ORDER BY id DESC LIMIT ?");
  auto retries = writer_.prepare(std::string("SELECT ") + kSyncRecordColumns +
                                 " FROM sync_records WHERE status='todo' AND next_attempt_at>0 AND "
                                 "next_attempt_at<=? AND lease_expires_at<=? "
                                 "ORDER BY next_attempt_at, id LIMIT ?");
  auto oldest = writer_.prepare(std::string("SELECT ") + kSyncRecordColumns +
                                " FROM sync_records WHERE status='todo' AND next_attempt_at<=? AND "
                                "lease_expires_at<=? ORDER BY next_attempt_at, id LIMIT ?");
  // The lease also records, durably, that an attempt is starting: see SyncRecord.
  auto take = writer_.prepare(
      "UPDATE sync_records SET lease_owner=?, lease_expires_at=?, "
      "attempts_started=attempts_started+1 WHERE id=?");
  std::vector<SyncRecord> records;
  // Leases what `query` selects; a leased record no longer matches the next query.
  const auto lease_selected = [&](Statement& query) {
    const std::size_t first = records.size();
    while (query.step()) records.push_back(read_sync_record(query));
    for (std::size_t i = first; i < records.size(); ++i) {
      take.bind(1, owner).bind(2, lease_until_ms).bind(3, records[i].id);
      take.run();
    }
  };
  if (newest_slots > 0) {
    newest.bind(1, now_ms).bind(2, static_cast<int64_t>(newest_slots));
    lease_selected(newest);
  }
  if (retry_slots > 0) {
    retries.bind(1, now_ms).bind(2, now_ms).bind(3, static_cast<int64_t>(retry_slots));
    lease_selected(retries);
  }
  const int64_t rest = limit - static_cast<int64_t>(records.size());
  if (rest > 0) {
    oldest.bind(1, now_ms).bind(2, now_ms).bind(3, rest);
    lease_selected(oldest);
  }
  transaction.commit();
  return records;
}

std::optional<std::string> Store::record_payload(int64_t record_id) {
  std::lock_guard lock(read_mutex_);
  auto query = reader_.prepare(
      "SELECT e.payload FROM sync_records r JOIN events e ON e.seq = r.event_seq WHERE r.id=?");
  query.bind(1, record_id);
  if (!query.step()) return std::nullopt;
  return query.column_text(0);
}

void Store::finish_attempt(int64_t record_id, int64_t revision, const std::string& owner,
                           const AttemptOutcome& outcome) {
  std::lock_guard lock(write_mutex_);
  const int64_t at = now();
  Transaction transaction(writer_);
  auto current = writer_.prepare("SELECT revision FROM sync_records WHERE id=?");
  current.bind(1, record_id);
  if (!current.step()) return;
  const bool newer_revision_waiting = current.column_int(0) != revision;
  if (newer_revision_waiting) {
    // Keep it todo for the newer revision; only count the attempt and note what happened.
    writer_
        .prepare(
            "UPDATE sync_records SET attempts=attempts+1, lease_owner=NULL, lease_expires_at=0, "
            "qbo_id=CASE WHEN ?<>'' THEN ? ELSE qbo_id END, updated_at=? WHERE id=? AND "
            "(lease_owner IS NULL OR lease_owner=?)")
        .bind(1, outcome.qbo_id)
        .bind(2, outcome.qbo_id)
        .bind(3, at)
        .bind(4, record_id)
        .bind(5, owner)
        .run();
  } else {
    writer_
        .prepare(
            "UPDATE sync_records SET status=?, reason=?, last_error=?, "
            "qbo_id=CASE WHEN ?<>'' THEN ? ELSE qbo_id END, next_attempt_at=?, "
            "attempts=attempts+1, revision_attempts=revision_attempts+1, lease_owner=NULL, "
            "lease_expires_at=0, updated_at=? WHERE id=? "
            "AND (lease_owner IS NULL OR lease_owner=?)")
        .bind(1, to_string(outcome.status))
        .bind(2, outcome.reason)
        .bind(3, outcome.error_json)
        .bind(4, outcome.qbo_id)
        .bind(5, outcome.qbo_id)
        .bind(6, outcome.next_attempt_at_ms)
        .bind(7, at)
        .bind(8, record_id)
        .bind(9, owner)
        .run();
  }
  add_audit(writer_, record_id, at, "attempt",
            outcome.audit_detail.empty() ? std::string("{}") : outcome.audit_detail);
  transaction.commit();
}

int Store::retry_records(const std::string& account_id, const std::vector<int64_t>& record_ids) {
  std::lock_guard lock(write_mutex_);
  const int64_t at = now();
  Transaction transaction(writer_);
  int changed = 0;
  auto retry = writer_.prepare(
      "UPDATE sync_records SET status='todo', reason='', next_attempt_at=?, "
      "revision_attempts=0, updated_at=? "
      "WHERE id=? AND account_id=? AND status IN ('errored','skipped')");
  for (int64_t id : record_ids) {
    retry.bind(1, at).bind(2, at).bind(3, id).bind(4, account_id);
    retry.run();
    if (writer_.changes() > 0) {
      ++changed;
      add_audit(writer_, id, at, "retry", "{}");
    }
  }
  transaction.commit();
  return changed;
}

int Store::wake_waiting_records(const std::string& account_id, const std::string& reason) {
  std::lock_guard lock(write_mutex_);
  const int64_t at = now();
  writer_
      .prepare(
          "UPDATE sync_records SET next_attempt_at=?, updated_at=? "
          "WHERE account_id=? AND status='todo' AND reason=? AND next_attempt_at>?")
      .bind(1, at)
      .bind(2, at)
      .bind(3, account_id)
      .bind(4, reason)
      .bind(5, at)
      .run();
  return writer_.changes();
}

int Store::skip_records(const std::string& account_id, const std::vector<int64_t>& record_ids,
                        const std::string& reason) {
  std::lock_guard lock(write_mutex_);
  const int64_t at = now();
  Transaction transaction(writer_);
  int changed = 0;
  auto skip = writer_.prepare(
      "UPDATE sync_records SET status='skipped', reason=?, updated_at=? "
      "WHERE id=? AND account_id=? AND status IN ('todo','errored')");
  for (int64_t id : record_ids) {
    skip.bind(1, reason).bind(2, at).bind(3, id).bind(4, account_id);
    skip.run();
    if (writer_.changes() > 0) {
      ++changed;
      add_audit(writer_, id, at, "skip", "{}");
    }
  }
  transaction.commit();
  return changed;
}

std::optional<Link> Store::link(const std::string& account_id, const std::string& crm_type,
                                const std::string& crm_id) {
  std::lock_guard lock(read_mutex_);
  auto query = reader_.prepare(
      "SELECT account_id, crm_type, crm_id, qbo_type, qbo_id, sync_token, origin FROM links "
      "WHERE account_id=? AND crm_type=? AND crm_id=?");
  query.bind(1, account_id).bind(2, crm_type).bind(3, crm_id);
  if (!query.step()) return std::nullopt;
  return read_link(query);
}

std::optional<Link> Store::link_by_qbo(const std::string& account_id, const std::string& qbo_type,
                                       const std::string& qbo_id) {
  std::lock_guard lock(read_mutex_);
  auto query = reader_.prepare(
      "SELECT account_id, crm_type, crm_id, qbo_type, qbo_id, sync_token, origin FROM links "
      "WHERE account_id=? AND qbo_type=? AND qbo_id=? LIMIT 1");
  query.bind(1, account_id).bind(2, qbo_type).bind(3, qbo_id);
  if (!query.step()) return std::nullopt;
  return read_link(query);
}

void Store::put_link(const Link& link) {
  std::lock_guard lock(write_mutex_);
  writer_
      .prepare(
          "INSERT INTO links (account_id, crm_type, crm_id, qbo_type, qbo_id, sync_token, origin, "
          "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (account_id, crm_type, crm_id) "
          "DO UPDATE SET qbo_type=excluded.qbo_type, qbo_id=excluded.qbo_id, "
          "sync_token=excluded.sync_token, origin=excluded.origin, updated_at=excluded.updated_at")
      .bind(1, link.account_id)
      .bind(2, link.crm_type)
      .bind(3, link.crm_id)
      .bind(4, link.qbo_type)
      .bind(5, link.qbo_id)
      .bind(6, link.sync_token)
      .bind(7, link.origin)
      .bind(8, now())
      .run();
}

bool Store::rekey_link(const std::string& account_id, const std::string& crm_type,
                       const std::string& from_crm_id, const std::string& to_crm_id) {
  std::lock_guard lock(write_mutex_);
  writer_
      .prepare(
          "UPDATE links SET crm_id=?, updated_at=? WHERE account_id=? AND crm_type=? AND crm_id=?")
      .bind(1, to_crm_id)
      .bind(2, now())
      .bind(3, account_id)
      .bind(4, crm_type)
      .bind(5, from_crm_id)
      .run();
  return writer_.changes() > 0;
}

void Store::forget_links(const std::string& account_id) {
  std::lock_guard lock(write_mutex_);
  writer_.prepare("DELETE FROM links WHERE account_id=?").bind(1, account_id).run();
}

}  // namespace qbo_sync::store
