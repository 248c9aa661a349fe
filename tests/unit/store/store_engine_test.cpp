#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "store/store.h"
#include "temp_dir.h"

namespace qbo_sync::store {
namespace {

IncomingEvent payment(const std::string& id, int64_t revision = 1) {
  return {"acct-1",
          "evt-" + id + "-r" + std::to_string(revision),
          "payment.completed",
          "payment",
          "pay-" + id,
          revision,
          "2026-11-21T10:00:00Z",
          R"({"revision":)" + std::to_string(revision) + "}"};
}

class StoreEngineTest : public ::testing::Test {
 protected:
  testing::TempDir dir_;
  int64_t now_ms_ = 1'000'000;
  Store store_{dir_.path(), [this] { return now_ms_; }};
};

TEST_F(StoreEngineTest, LeasesDueRecordsOnceUntilTheLeaseExpires) {
  store_.commit_events({payment("1"), payment("2"), payment("3")});
  auto first = store_.lease_due_records("worker-a", now_ms_, now_ms_ + 30'000, 2);
  ASSERT_EQ(first.size(), 2u);
  auto second = store_.lease_due_records("worker-b", now_ms_, now_ms_ + 30'000, 10);
  ASSERT_EQ(second.size(), 1u);
  // The first batch took the newest arrival (pay-3) and the oldest (pay-1).
  EXPECT_EQ(second[0].object_id, "pay-2");
  EXPECT_TRUE(store_.lease_due_records("worker-b", now_ms_ + 1000, now_ms_ + 31'000, 10).empty());
  // worker-a died: its leases expire and another worker takes the records up.
  auto taken_over = store_.lease_due_records("worker-b", now_ms_ + 30'000, now_ms_ + 60'000, 10);
  EXPECT_EQ(taken_over.size(), 3u);
}

std::vector<std::string> ids_of(const std::vector<SyncRecord>& records) {
  std::vector<std::string> ids;
  for (const auto& record : records) ids.push_back(record.object_id);
  return ids;
}

TEST_F(StoreEngineTest, APaymentThatJustArrivedOvertakesABacklog) {
  std::vector<IncomingEvent> backlog;
  for (int i = 0; i < 500; ++i) backlog.push_back(payment("old-" + std::to_string(i)));
  store_.commit_events(backlog);
  store_.commit_events({payment("live")});
  const auto batch = store_.lease_due_records("w", now_ms_, now_ms_ + 30'000, 8);
  ASSERT_EQ(batch.size(), 8u);
  const auto ids = ids_of(batch);
  EXPECT_NE(std::find(ids.begin(), ids.end(), "pay-live"), ids.end());
  // The rest of the batch still drains the backlog from its oldest end.
  EXPECT_NE(std::find(ids.begin(), ids.end(), "pay-old-0"), ids.end());
}

TEST_F(StoreEngineTest, OneRecordLeasesAlsoServeTheNewestArrivalWithinFourCalls) {
  std::vector<IncomingEvent> backlog;
  for (int i = 0; i < 100; ++i) backlog.push_back(payment("old-" + std::to_string(i)));
  store_.commit_events(backlog);
  store_.commit_events({payment("live")});
  std::vector<std::string> taken;
  for (int call = 0; call < 4; ++call) {
    const int64_t at = now_ms_ + call;
    for (const auto& id : ids_of(store_.lease_due_records("w", at, at + 30'000, 1))) {
      taken.push_back(id);
    }
  }
  ASSERT_EQ(taken.size(), 4u);
  EXPECT_NE(std::find(taken.begin(), taken.end(), "pay-live"), taken.end());
  EXPECT_NE(std::find(taken.begin(), taken.end(), "pay-old-0"), taken.end());
}

TEST_F(StoreEngineTest, DueRetriesAreNotStarvedByAStreamOfArrivals) {
  const auto retried = store_.commit_events({payment("retry")})[0].record_id;
  store_.lease_due_records("w", now_ms_, now_ms_ + 1000, 1);
  store_.finish_attempt(retried, 1, "w",
                        {RecordStatus::todo, "", R"({"class":"transient"})", "", now_ms_ + 10, ""});
  // More never-attempted payments than a batch holds keep arriving.
  std::vector<IncomingEvent> arrivals;
  for (int i = 0; i < 50; ++i) arrivals.push_back(payment("new-" + std::to_string(i)));
  store_.commit_events(arrivals);
  const int64_t at = now_ms_ + 100;
  const auto ids = ids_of(store_.lease_due_records("w", at, at + 30'000, 4));
  ASSERT_EQ(ids.size(), 4u);
  EXPECT_NE(std::find(ids.begin(), ids.end(), "pay-retry"), ids.end());
  EXPECT_NE(std::find(ids.begin(), ids.end(), "pay-new-49"), ids.end());
  EXPECT_NE(std::find(ids.begin(), ids.end(), "pay-new-0"), ids.end());
}

TEST_F(StoreEngineTest, EveryDueRecordIsLeasedExactlyOnceAcrossMixedBatches) {
  std::vector<IncomingEvent> events;
  for (int i = 0; i < 37; ++i) events.push_back(payment(std::to_string(i)));
  store_.commit_events(events);
  std::set<std::string> seen;
  int64_t at = now_ms_;
  for (int limit : {1, 3, 8, 2, 5, 8, 8, 8, 8}) {
    for (const auto& id : ids_of(store_.lease_due_records("w", at, at + 1'000'000, limit))) {
      EXPECT_TRUE(seen.insert(id).second) << id << " leased twice";
    }
    ++at;
  }
  EXPECT_EQ(seen.size(), 37u);
}

TEST_F(StoreEngineTest, AnAttemptCutOffBeforeItsOutcomeWasRecordedIsStillCounted) {
  const auto id = store_.commit_events({payment("1")})[0].record_id;
  const auto first = store_.lease_due_records("w", now_ms_, now_ms_ + 1000, 10);
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].attempts_started, 0);
  // The process dies: no finish_attempt. Another takes the record once the lease expired.
  const auto again = store_.lease_due_records("v", now_ms_ + 2000, now_ms_ + 3000, 10);
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].attempts, 0);
  EXPECT_EQ(again[0].attempts_started, 1);
  store_.finish_attempt(id, 1, "v", {RecordStatus::completed, "", "", "145", 0, ""});
  EXPECT_EQ(store_.get_record(id)->attempts, 1);
  EXPECT_EQ(store_.get_record(id)->attempts_started, 2);
}

TEST_F(StoreEngineTest, RecordsCompletionAndReturnsThePayload) {
  const auto id = store_.commit_events({payment("1")})[0].record_id;
  EXPECT_EQ(store_.record_payload(id), R"({"revision":1})");
  store_.lease_due_records("w", now_ms_, now_ms_ + 1000, 10);
  store_.finish_attempt(id, 1, "w",
                        {RecordStatus::completed, "", "", "145", 0, R"({"qbo_id":"145"})"});
  auto record = store_.get_record(id);
  EXPECT_EQ(record->status, RecordStatus::completed);
  EXPECT_EQ(record->qbo_id, "145");
  EXPECT_EQ(record->attempts, 1);
  EXPECT_EQ(store_.audit_trail(id).back().action, "attempt");
  EXPECT_TRUE(store_.lease_due_records("w", now_ms_ + 5000, now_ms_ + 6000, 10).empty());
}

TEST_F(StoreEngineTest, ANewerRevisionArrivingDuringAnAttemptStaysTodo) {
  const auto id = store_.commit_events({payment("1", 1)})[0].record_id;
  store_.lease_due_records("w", now_ms_, now_ms_ + 1000, 10);
  store_.commit_events({payment("1", 2)});
  store_.finish_attempt(id, 1, "w", {RecordStatus::completed, "", "", "145", 0, ""});
  auto record = store_.get_record(id);
  EXPECT_EQ(record->status, RecordStatus::todo);
  EXPECT_EQ(record->revision, 2);
  EXPECT_EQ(record->qbo_id, "145");
  EXPECT_EQ(store_.record_payload(id), R"({"revision":2})");
}

TEST_F(StoreEngineTest, AttemptsAtARevisionStartAgainWithANewRevisionOrAnAdminRetry) {
  const auto id = store_.commit_events({payment("1", 1)})[0].record_id;
  const AttemptOutcome later{RecordStatus::todo, "", R"({"class":"transient"})", "", 0, ""};
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(store_.lease_due_records("w", now_ms_, now_ms_ + 1000, 10).size(), 1u);
    store_.finish_attempt(id, 1, "w", later);
  }
  EXPECT_EQ(store_.get_record(id)->attempts, 3);
  EXPECT_EQ(store_.get_record(id)->revision_attempts, 3);
  // An attempt at revision 1 that ends after revision 2 arrived does not count against 2.
  ASSERT_EQ(store_.lease_due_records("w", now_ms_, now_ms_ + 1000, 10).size(), 1u);
  store_.commit_events({payment("1", 2)});
  store_.finish_attempt(id, 1, "w", later);
  EXPECT_EQ(store_.get_record(id)->attempts, 4);
  EXPECT_EQ(store_.get_record(id)->revision_attempts, 0);
  ASSERT_EQ(store_.lease_due_records("w", now_ms_, now_ms_ + 1000, 10).size(), 1u);
  store_.finish_attempt(
      id, 2, "w",
      {RecordStatus::errored, "retries_exhausted", R"({"class":"transient"})", "", 0, ""});
  EXPECT_EQ(store_.get_record(id)->revision_attempts, 1);
  ASSERT_EQ(store_.retry_records("acct-1", {id}), 1);
  EXPECT_EQ(store_.get_record(id)->revision_attempts, 0);
  EXPECT_EQ(store_.get_record(id)->attempts, 5);
}

TEST_F(StoreEngineTest, RetryLaterThenErroredThenAdminRetryAndSkip) {
  const auto id = store_.commit_events({payment("1")})[0].record_id;
  store_.lease_due_records("w", now_ms_, now_ms_ + 1000, 10);
  store_.finish_attempt(
      id, 1, "w", {RecordStatus::todo, "", R"({"class":"transient"})", "", now_ms_ + 5000, ""});
  EXPECT_TRUE(store_.lease_due_records("w", now_ms_ + 4999, now_ms_ + 9000, 10).empty());
  ASSERT_EQ(store_.lease_due_records("w", now_ms_ + 5000, now_ms_ + 9000, 10).size(), 1u);
  store_.finish_attempt(
      id, 1, "w",
      {RecordStatus::errored, "qbo_validation", R"({"class":"validation"})", "", 0, ""});
  EXPECT_EQ(store_.get_record(id)->status, RecordStatus::errored);
  EXPECT_EQ(store_.retry_records("acct-other", {id}), 0);
  EXPECT_EQ(store_.retry_records("acct-1", {id, 999}), 1);
  EXPECT_EQ(store_.get_record(id)->status, RecordStatus::todo);
  EXPECT_EQ(store_.skip_records("acct-1", {id}, "skipped_by_admin"), 1);
  auto skipped = store_.get_record(id);
  EXPECT_EQ(skipped->status, RecordStatus::skipped);
  EXPECT_EQ(skipped->reason, "skipped_by_admin");
  EXPECT_EQ(store_.skip_records("acct-1", {id}, "again"), 0);
}

TEST_F(StoreEngineTest, WakingMakesOnlyTheAccountsRecordsWaitingForThatReasonDue) {
  const auto ids = store_.commit_events({payment("1"), payment("2"), payment("3")});
  store_.lease_due_records("w", now_ms_, now_ms_ + 1000, 10);
  const int64_t later = now_ms_ + 900'000;
  store_.finish_attempt(ids[0].record_id, 1, "w",
                        {RecordStatus::todo, "not_connected", "", "", later, ""});
  store_.finish_attempt(ids[1].record_id, 1, "w",
                        {RecordStatus::todo, "reconnect_needed", "", "", later, ""});
  store_.finish_attempt(ids[2].record_id, 1, "w",
                        {RecordStatus::skipped, "not_connected", "", "", later, ""});
  EXPECT_EQ(store_.wake_waiting_records("acct-other", "not_connected"), 0);
  EXPECT_EQ(store_.wake_waiting_records("acct-1", "not_connected"), 1);
  const auto due = store_.lease_due_records("w", now_ms_, now_ms_ + 1000, 10);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].id, ids[0].record_id);
  EXPECT_EQ(store_.get_record(ids[1].record_id)->next_attempt_at_ms, later);
}

TEST_F(StoreEngineTest, LinksAreFoundFromEitherSide) {
  store_.put_link({"acct-1", "contact", "ct-1", "Customer", "58", "0", "crm"});
  EXPECT_EQ(store_.link("acct-1", "contact", "ct-1")->qbo_id, "58");
  EXPECT_EQ(store_.link_by_qbo("acct-1", "Customer", "58")->crm_id, "ct-1");
  EXPECT_FALSE(store_.link("acct-2", "contact", "ct-1").has_value());
  store_.put_link({"acct-1", "contact", "ct-1", "Customer", "58", "3", "crm"});
  EXPECT_EQ(store_.link("acct-1", "contact", "ct-1")->sync_token, "3");
}

TEST_F(StoreEngineTest, ALinkMovesToAnotherCrmKeyButNotOntoATakenOne) {
  store_.put_link({"acct-1", "contact", "ann@lee.test", "Customer", "58", "2", "crm"});
  store_.put_link({"acct-1", "contact", "id:ct-9", "Customer", "59", "0", "crm"});
  EXPECT_TRUE(store_.rekey_link("acct-1", "contact", "ann@lee.test", "id:ct-1"));
  EXPECT_FALSE(store_.link("acct-1", "contact", "ann@lee.test").has_value());
  const auto moved = store_.link("acct-1", "contact", "id:ct-1");
  ASSERT_TRUE(moved.has_value());
  EXPECT_EQ(moved->qbo_id, "58");
  EXPECT_EQ(moved->sync_token, "2");
  EXPECT_EQ(store_.link_by_qbo("acct-1", "Customer", "58")->crm_id, "id:ct-1");

  EXPECT_FALSE(store_.rekey_link("acct-1", "contact", "nobody@x.test", "id:ct-2"));
  EXPECT_THROW(store_.rekey_link("acct-1", "contact", "id:ct-1", "id:ct-9"), StoreError);
  EXPECT_EQ(store_.link("acct-1", "contact", "id:ct-9")->qbo_id, "59");
}

}  // namespace
}  // namespace qbo_sync::store
