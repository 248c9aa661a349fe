#include "store/event_intake.h"

#include <gtest/gtest.h>

#include "store_fixture.h"

namespace qbo_sync::store {
namespace {

IncomingEvent settings_event(std::string event_id, int64_t revision, bool sync_payments) {
  return {"acct-1",
          std::move(event_id),
          "settings.changed",
          "settings",
          "acct-1",
          revision,
          "2026-11-21T10:00:00Z",
          std::string(R"({"settings":{"revision":)") + std::to_string(revision) +
              R"(,"sync_payments":)" + (sync_payments ? "true" : "false") + "}}"};
}

using EventIntakeTest = StoreFixture;

TEST_F(EventIntakeTest, FirstEventOfAnObjectCreatesATodoRecord) {
  auto outcomes = store_.intake().commit_events({payment_event("evt-1", "pay-1")});
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_EQ(outcomes[0].result, IntakeResult::accepted);
  EXPECT_FALSE(outcomes[0].superseded);
  auto record = store_.records().get(outcomes[0].record_id);
  ASSERT_TRUE(record.has_value());
  EXPECT_EQ(record->status, RecordStatus::todo);
  EXPECT_EQ(record->account_id, "acct-1");
  EXPECT_EQ(record->object_type, "payment");
  EXPECT_EQ(record->object_id, "pay-1");
  EXPECT_EQ(record->revision, 1);
  EXPECT_EQ(record->created_at_ms, now_ms_);
  auto audit = store_.records().audit_trail(record->id);
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].action, "accepted");
}

TEST_F(EventIntakeTest, RedeliveredEventIsADuplicateAndStoresNothing) {
  const auto first = store_.intake().commit_events({payment_event("evt-1", "pay-1")})[0];
  const auto again = store_.intake().commit_events({payment_event("evt-1", "pay-1")})[0];
  EXPECT_EQ(again.result, IntakeResult::duplicate);
  EXPECT_EQ(again.record_id, first.record_id);
  EXPECT_EQ(store_.records().count("acct-1", std::nullopt), 1);
  EXPECT_EQ(store_.records().audit_trail(first.record_id).size(), 1u);
}

TEST_F(EventIntakeTest, DuplicateInsideOneBatchIsDetected) {
  auto outcomes = store_.intake().commit_events(
      {payment_event("evt-1", "pay-1"), payment_event("evt-1", "pay-1")});
  EXPECT_EQ(outcomes[0].result, IntakeResult::accepted);
  EXPECT_EQ(outcomes[1].result, IntakeResult::duplicate);
  EXPECT_EQ(outcomes[1].record_id, outcomes[0].record_id);
}

TEST_F(EventIntakeTest, SameEventIdInAnotherAccountIsNotADuplicate) {
  auto outcomes = store_.intake().commit_events(
      {payment_event("evt-1", "pay-1"), payment_event("evt-1", "pay-1", 1, "acct-2")});
  EXPECT_EQ(outcomes[1].result, IntakeResult::accepted);
  EXPECT_NE(outcomes[1].record_id, outcomes[0].record_id);
}

TEST_F(EventIntakeTest, NewerRevisionReturnsTheRecordToTodo) {
  const auto first = store_.intake().commit_events({payment_event("evt-1", "pay-1", 1)})[0];
  now_ms_ += 1000;
  const auto second = store_.intake().commit_events({payment_event("evt-2", "pay-1", 2)})[0];
  EXPECT_EQ(second.result, IntakeResult::accepted);
  EXPECT_EQ(second.record_id, first.record_id);
  EXPECT_FALSE(second.superseded);
  auto record = store_.records().get(first.record_id);
  EXPECT_EQ(record->revision, 2);
  EXPECT_EQ(record->status, RecordStatus::todo);
  EXPECT_EQ(record->updated_at_ms, now_ms_);
  EXPECT_EQ(store_.records().audit_trail(first.record_id).back().action, "revision");
}

TEST_F(EventIntakeTest, OlderRevisionIsKeptButSuperseded) {
  const auto newer = store_.intake().commit_events({payment_event("evt-2", "pay-1", 2)})[0];
  const auto older = store_.intake().commit_events({payment_event("evt-1", "pay-1", 1)})[0];
  EXPECT_EQ(older.result, IntakeResult::accepted);
  EXPECT_TRUE(older.superseded);
  EXPECT_EQ(older.record_id, newer.record_id);
  EXPECT_EQ(store_.records().get(newer.record_id)->revision, 2);
  EXPECT_EQ(store_.records().audit_trail(newer.record_id).back().action, "superseded");
}

TEST_F(EventIntakeTest, SettingsKeepTheNewestRevision) {
  store_.intake().commit_events({settings_event("s-1", 2, false)});
  auto older = store_.intake().commit_events({settings_event("s-0", 1, true)})[0];
  EXPECT_TRUE(older.superseded);
  EXPECT_EQ(older.record_id, 0);
  auto stored = store_.account_state().settings("acct-1");
  ASSERT_TRUE(stored.has_value());
  EXPECT_NE(stored->find(R"("sync_payments":false)"), std::string::npos);
  store_.intake().commit_events({settings_event("s-3", 3, true)});
  EXPECT_NE(store_.account_state().settings("acct-1")->find(R"("sync_payments":true)"),
            std::string::npos);
  EXPECT_FALSE(store_.account_state().settings("acct-other").has_value());
  EXPECT_EQ(store_.records().count("acct-1", std::nullopt), 0);
}

}  // namespace
}  // namespace qbo_sync::store
