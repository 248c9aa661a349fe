#include "store/store.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>

#include "temp_dir.h"

namespace qbo_sync::store {
namespace {

IncomingEvent payment_event(std::string event_id, std::string payment_id, int64_t revision = 1,
                            std::string account = "acct-1") {
  return {std::move(account),     std::move(event_id),
          "payment.completed",    "payment",
          std::move(payment_id),  revision,
          "2026-11-21T10:00:00Z", R"({"payment":"body"})"};
}

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

class StoreTest : public ::testing::Test {
 protected:
  testing::TempDir dir_;
  Store store_{dir_.path(), [this] { return now_ms_; }};
  int64_t now_ms_ = 1'700'000'000'000;
};

TEST_F(StoreTest, FirstEventOfAnObjectCreatesATodoRecord) {
  auto outcomes = store_.commit_events({payment_event("evt-1", "pay-1")});
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_EQ(outcomes[0].result, IntakeResult::accepted);
  EXPECT_FALSE(outcomes[0].superseded);
  auto record = store_.get_record(outcomes[0].record_id);
  ASSERT_TRUE(record.has_value());
  EXPECT_EQ(record->status, RecordStatus::todo);
  EXPECT_EQ(record->account_id, "acct-1");
  EXPECT_EQ(record->object_type, "payment");
  EXPECT_EQ(record->object_id, "pay-1");
  EXPECT_EQ(record->revision, 1);
  EXPECT_EQ(record->created_at_ms, now_ms_);
  auto audit = store_.audit_trail(record->id);
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].action, "accepted");
}

TEST_F(StoreTest, RedeliveredEventIsADuplicateAndStoresNothing) {
  const auto first = store_.commit_events({payment_event("evt-1", "pay-1")})[0];
  const auto again = store_.commit_events({payment_event("evt-1", "pay-1")})[0];
  EXPECT_EQ(again.result, IntakeResult::duplicate);
  EXPECT_EQ(again.record_id, first.record_id);
  EXPECT_EQ(store_.count_records("acct-1", std::nullopt), 1);
  EXPECT_EQ(store_.audit_trail(first.record_id).size(), 1u);
}

TEST_F(StoreTest, DuplicateInsideOneBatchIsDetected) {
  auto outcomes =
      store_.commit_events({payment_event("evt-1", "pay-1"), payment_event("evt-1", "pay-1")});
  EXPECT_EQ(outcomes[0].result, IntakeResult::accepted);
  EXPECT_EQ(outcomes[1].result, IntakeResult::duplicate);
  EXPECT_EQ(outcomes[1].record_id, outcomes[0].record_id);
}

TEST_F(StoreTest, SameEventIdInAnotherAccountIsNotADuplicate) {
  auto outcomes = store_.commit_events(
      {payment_event("evt-1", "pay-1"), payment_event("evt-1", "pay-1", 1, "acct-2")});
  EXPECT_EQ(outcomes[1].result, IntakeResult::accepted);
  EXPECT_NE(outcomes[1].record_id, outcomes[0].record_id);
}

TEST_F(StoreTest, NewerRevisionReturnsTheRecordToTodo) {
  const auto first = store_.commit_events({payment_event("evt-1", "pay-1", 1)})[0];
  now_ms_ += 1000;
  const auto second = store_.commit_events({payment_event("evt-2", "pay-1", 2)})[0];
  EXPECT_EQ(second.result, IntakeResult::accepted);
  EXPECT_EQ(second.record_id, first.record_id);
  EXPECT_FALSE(second.superseded);
  auto record = store_.get_record(first.record_id);
  EXPECT_EQ(record->revision, 2);
  EXPECT_EQ(record->status, RecordStatus::todo);
  EXPECT_EQ(record->updated_at_ms, now_ms_);
  EXPECT_EQ(store_.audit_trail(first.record_id).back().action, "revision");
}

TEST_F(StoreTest, OlderRevisionIsKeptButSuperseded) {
  const auto newer = store_.commit_events({payment_event("evt-2", "pay-1", 2)})[0];
  const auto older = store_.commit_events({payment_event("evt-1", "pay-1", 1)})[0];
  EXPECT_EQ(older.result, IntakeResult::accepted);
  EXPECT_TRUE(older.superseded);
  EXPECT_EQ(older.record_id, newer.record_id);
  EXPECT_EQ(store_.get_record(newer.record_id)->revision, 2);
  EXPECT_EQ(store_.audit_trail(newer.record_id).back().action, "superseded");
}

TEST_F(StoreTest, SettingsKeepTheNewestRevision) {
  store_.commit_events({settings_event("s-1", 2, false)});
  auto older = store_.commit_events({settings_event("s-0", 1, true)})[0];
  EXPECT_TRUE(older.superseded);
  EXPECT_EQ(older.record_id, 0);
  auto stored = store_.account_settings("acct-1");
  ASSERT_TRUE(stored.has_value());
  EXPECT_NE(stored->find(R"("sync_payments":false)"), std::string::npos);
  store_.commit_events({settings_event("s-3", 3, true)});
  EXPECT_NE(store_.account_settings("acct-1")->find(R"("sync_payments":true)"), std::string::npos);
  EXPECT_FALSE(store_.account_settings("acct-other").has_value());
  EXPECT_EQ(store_.count_records("acct-1", std::nullopt), 0);
}

TEST_F(StoreTest, ListsRecordsByStatusAndPages) {
  std::vector<IncomingEvent> events;
  for (int i = 0; i < 7; ++i) {
    events.push_back(payment_event("evt-" + std::to_string(i), "pay-" + std::to_string(i)));
  }
  events.push_back(payment_event("evt-x", "pay-x", 1, "acct-2"));
  store_.commit_events(events);
  RecordFilter filter{"acct-1", RecordStatus::todo, std::nullopt, 0, 3};
  auto page1 = store_.list_records(filter);
  ASSERT_EQ(page1.size(), 3u);
  filter.after_id = page1.back().id;
  auto page2 = store_.list_records(filter);
  ASSERT_EQ(page2.size(), 3u);
  EXPECT_GT(page2.front().id, page1.back().id);
  filter.after_id = page2.back().id;
  EXPECT_EQ(store_.list_records(filter).size(), 1u);
  filter.status = RecordStatus::completed;
  filter.after_id = 0;
  EXPECT_TRUE(store_.list_records(filter).empty());
  EXPECT_EQ(store_.count_records("acct-1", RecordStatus::todo), 7);
  EXPECT_EQ(store_.count_records("acct-2", std::nullopt), 1);
}

TEST(StoreDurability, WhatWasCommittedSurvivesReopening) {
  testing::TempDir dir;
  int64_t record_id = 0;
  {
    Store store(dir.path());
    record_id = store.commit_events({payment_event("evt-1", "pay-1")})[0].record_id;
  }
  Store reopened(dir.path());
  EXPECT_TRUE(reopened.get_record(record_id).has_value());
  EXPECT_EQ(reopened.commit_events({payment_event("evt-1", "pay-1")})[0].result,
            IntakeResult::duplicate);
}

TEST(StoreDurability, AcceptedEventSurvivesAProcessKilledRightAfterTheCommit) {
  testing::TempDir dir;
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    Store store(dir.path());
    store.commit_events({payment_event("evt-killed", "pay-killed")});
    // No destructor, no checkpoint, no flush: the process dies the moment the commit returned.
    raise(SIGKILL);
    _exit(1);
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status));
  Store store(dir.path());
  auto records = store.list_records({"acct-1", std::nullopt, std::nullopt, 0, 10});
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].object_id, "pay-killed");
}

TEST(StoreDurability, TwoStoresOverOneFileSeeEachOthersEvents) {
  testing::TempDir dir;
  Store first(dir.path());
  Store second(dir.path());
  first.commit_events({payment_event("evt-1", "pay-1")});
  EXPECT_EQ(second.commit_events({payment_event("evt-1", "pay-1")})[0].result,
            IntakeResult::duplicate);
  EXPECT_EQ(second.count_records("acct-1", std::nullopt), 1);
}

TEST(StoreOpen, RefusesAnUnusableDataDirectory) {
  EXPECT_THROW(Store(std::filesystem::path("/proc/qbo_sync_cannot_exist")), StoreError);
  EXPECT_THROW(Store(std::filesystem::path()), StoreError);
}

}  // namespace
}  // namespace qbo_sync::store
