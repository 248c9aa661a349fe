#include "store/event_intake.h"

#include <optional>

#include "store/record_rows.h"

namespace qbo_sync::store {
namespace {

// The record an earlier event created, if the event names a duplicate.
std::optional<int64_t> known_event(Database& db, const IncomingEvent& event) {
  auto known =
      db.prepare("SELECT COALESCE(record_id, 0) FROM events WHERE account_id=? AND event_id=?");
  known.bind_all(event.account_id, event.event_id);
  if (!known.step()) return std::nullopt;
  return known.column_int(0);
}

int64_t insert_event(Database& db, const IncomingEvent& event, int64_t at) {
  auto insert = db.prepare(
      "INSERT INTO events (account_id, event_id, kind, object_type, object_id, revision, "
      "occurred_at, received_at, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq");
  insert.bind_all(event.account_id, event.event_id, event.kind, event.object_type, event.object_id,
                  event.revision, event.occurred_at, at, event.payload_json);
  insert.step();
  const int64_t seq = insert.column_int(0);
  insert.run();
  return seq;
}

// True when the settings are newer than those kept, and so replaced them.
bool replace_settings(Database& db, const IncomingEvent& event, int64_t at) {
  db.prepare(db.upsert_sql({.table = "account_settings",
                            .key = {"account_id"},
                            .values = {"revision", "settings", "updated_at"},
                            .only_if = "excluded.revision > account_settings.revision"}))
      .bind_all(event.account_id, event.revision, event.payload_json, at)
      .run();
  return db.changes() > 0;
}

}  // namespace

std::vector<IntakeOutcome> EventIntake::commit_events(const std::vector<IncomingEvent>& events) {
  std::vector<IntakeOutcome> outcomes;
  outcomes.reserve(events.size());
  auto db = access_.write();
  const int64_t at = access_.now();
  Transaction transaction(*db);
  for (const auto& event : events) outcomes.push_back(commit_one(*db, event, at));
  transaction.commit();
  return outcomes;
}

IntakeOutcome EventIntake::commit_one(Database& db, const IncomingEvent& event, int64_t at) {
  IntakeOutcome outcome;
  if (auto record_id = known_event(db, event)) {
    outcome.result = IntakeResult::duplicate;
    outcome.record_id = *record_id;
    return outcome;
  }
  const int64_t event_seq = insert_event(db, event, at);
  if (event.object_type == "settings") {
    outcome.superseded = !replace_settings(db, event, at);
    return outcome;
  }
  outcome.record_id = apply_to_record(db, event, event_seq, at, outcome.superseded);
  db.prepare("UPDATE events SET record_id=? WHERE seq=?")
      .bind_all(outcome.record_id, event_seq)
      .run();
  return outcome;
}

int64_t EventIntake::apply_to_record(Database& db, const IncomingEvent& event, int64_t event_seq,
                                     int64_t at, bool& superseded) {
  const std::string audit_detail = "{\"event_id\":\"" + event.event_id +
                                   "\",\"revision\":" + std::to_string(event.revision) + "}";
  auto existing = db.prepare(
      "SELECT id, revision FROM sync_records WHERE account_id=? AND object_type=? AND "
      "object_id=?");
  existing.bind_all(event.account_id, event.object_type, event.object_id);
  if (!existing.step()) {
    auto insert = db.prepare(
        "INSERT INTO sync_records (account_id, object_type, object_id, revision, event_seq, "
        "status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'todo', ?, ?) RETURNING id");
    insert.bind_all(event.account_id, event.object_type, event.object_id, event.revision, event_seq,
                    at, at);
    insert.step();
    const int64_t record_id = insert.column_int(0);
    insert.run();
    add_audit(db, record_id, at, "accepted", audit_detail);
    return record_id;
  }
  const int64_t record_id = existing.column_int(0);
  if (event.revision <= existing.column_int(1)) {
    superseded = true;
    add_audit(db, record_id, at, "superseded", audit_detail);
    return record_id;
  }
  // A newer state of the CRM object: it needs syncing again, whatever happened before.
  db.prepare(
        "UPDATE sync_records SET revision=?, event_seq=?, status='todo', reason='', "
        "next_attempt_at=0, revision_attempts=0, updated_at=? WHERE id=?")
      .bind_all(event.revision, event_seq, at, record_id)
      .run();
  add_audit(db, record_id, at, "revision", audit_detail);
  return record_id;
}

}  // namespace qbo_sync::store
