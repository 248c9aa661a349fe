// Accepting the CRM's events: each is kept once, creates or revives the sync record of its CRM
// object, or (settings) replaces the account's settings when newer.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/database_access.h"

namespace qbo_sync::store {

// An event that passed validation, ready to be committed.
struct IncomingEvent {
  std::string account_id;
  std::string event_id;
  std::string kind;         // payment.completed, invoice.sent, invoice.updated, settings.changed
  std::string object_type;  // payment | invoice | settings
  std::string object_id;
  int64_t revision = 0;
  std::string occurred_at;
  std::string payload_json;
};

enum class IntakeResult { accepted, duplicate };

struct IntakeOutcome {
  IntakeResult result = IntakeResult::accepted;
  int64_t record_id = 0;    // the sync record (0 for settings, which have none)
  bool superseded = false;  // accepted, but an equal or newer revision was already known
};

class EventIntake {
 public:
  explicit EventIntake(DatabaseAccess& access) : access_(access) {}

  // Commits every event in one transaction (group commit) and returns their outcomes in order: a
  // known (account_id, event_id) is a duplicate and changes nothing; the first event of a CRM
  // object creates its sync record with status todo; a newer revision moves the record back to
  // todo. Throws StoreError with nothing committed.
  std::vector<IntakeOutcome> commit_events(const std::vector<IncomingEvent>& events);

 private:
  IntakeOutcome commit_one(Database& db, const IncomingEvent& event, int64_t at);
  // The record the event is of; its revision decides whether the record is due again.
  int64_t apply_to_record(Database& db, const IncomingEvent& event, int64_t event_seq, int64_t at,
                          bool& superseded);

  DatabaseAccess& access_;
};

}  // namespace qbo_sync::store
