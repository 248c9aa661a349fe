#include "store/record_queue.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "store_fixture.h"

namespace qbo_sync::store {
namespace {

IncomingEvent payment(const std::string& id, int64_t revision = 1) {
  return payment_event("evt-" + id + "-r" + std::to_string(revision), "pay-" + id, revision);
}

std::vector<std::string> ids_of(const std::vector<SyncRecord>& records) {
  std::vector<std::string> ids;
  for (const auto& record : records) ids.push_back(record.object_id);
  return ids;
}

using RecordQueueTest = StoreFixture;
QBO_SYNC_ON_EVERY_BACKEND(RecordQueueTest);

TEST_P(RecordQueueTest, LeasesDueRecordsOnceUntilTheLeaseExpires) {
  store_.intake().commit_events({payment("1"), payment("2"), payment("3")});
  auto first = store_.records().lease_due("worker-a", now_ms_, now_ms_ + 30'000, 2);
  ASSERT_EQ(first.size(), 2u);
  auto second = store_.records().lease_due("worker-b", now_ms_, now_ms_ + 30'000, 10);
  ASSERT_EQ(second.size(), 1u);
  // The first batch took the newest arrival (pay-3) and the oldest (pay-1).
  EXPECT_EQ(second[0].object_id, "pay-2");
  EXPECT_TRUE(store_.records().lease_due("worker-b", now_ms_ + 1000, now_ms_ + 31'000, 10).empty());
  // worker-a died: its leases expire and another worker takes the records up.
  auto taken_over = store_.records().lease_due("worker-b", now_ms_ + 30'000, now_ms_ + 60'000, 10);
  EXPECT_EQ(taken_over.size(), 3u);
}

TEST_P(RecordQueueTest, APaymentThatJustArrivedOvertakesABacklog) {
  std::vector<IncomingEvent> backlog;
  for (int i = 0; i < 500; ++i) backlog.push_back(payment("old-" + std::to_string(i)));
  store_.intake().commit_events(backlog);
  store_.intake().commit_events({payment("live")});
  const auto batch = store_.records().lease_due("w", now_ms_, now_ms_ + 30'000, 8);
  ASSERT_EQ(batch.size(), 8u);
  const auto ids = ids_of(batch);
  EXPECT_NE(std::find(ids.begin(), ids.end(), "pay-live"), ids.end());
  // The rest of the batch still drains the backlog from its oldest end.
  EXPECT_NE(std::find(ids.begin(), ids.end(), "pay-old-0"), ids.end());
}

TEST_P(RecordQueueTest, OneRecordLeasesAlsoServeTheNewestArrivalWithinFourCalls) {
  std::vector<IncomingEvent> backlog;
  for (int i = 0; i < 100; ++i) backlog.push_back(payment("old-" + std::to_string(i)));
  store_.intake().commit_events(backlog);
  store_.intake().commit_events({payment("live")});
  std::vector<std::string> taken;
  for (int call = 0; call < 4; ++call) {
    const int64_t at = now_ms_ + call;
    for (const auto& id : ids_of(store_.records().lease_due("w", at, at + 30'000, 1))) {
      taken.push_back(id);
    }
  }
  ASSERT_EQ(taken.size(), 4u);
  EXPECT_NE(std::find(taken.begin(), taken.end(), "pay-live"), taken.end());
  EXPECT_NE(std::find(taken.begin(), taken.end(), "pay-old-0"), taken.end());
}

TEST_P(RecordQueueTest, DueRetriesAreNotStarvedByAStreamOfArrivals) {
  const auto retried = store_.intake().commit_events({payment("retry")})[0].record_id;
  store_.records().lease_due("w", now_ms_, now_ms_ + 1000, 1);
  store_.records().finish_attempt(
      retried, 1, "w", {RecordStatus::todo, "", R"({"class":"transient"})", "", now_ms_ + 10, ""});
  // More never-attempted payments than a batch holds keep arriving.
  std::vector<IncomingEvent> arrivals;
  for (int i = 0; i < 50; ++i) arrivals.push_back(payment("new-" + std::to_string(i)));
  store_.intake().commit_events(arrivals);
  const int64_t at = now_ms_ + 100;
  const auto ids = ids_of(store_.records().lease_due("w", at, at + 30'000, 4));
  ASSERT_EQ(ids.size(), 4u);
  EXPECT_NE(std::find(ids.begin(), ids.end(), "pay-retry"), ids.end());
  EXPECT_NE(std::find(ids.begin(), ids.end(), "pay-new-49"), ids.end());
  EXPECT_NE(std::find(ids.begin(), ids.end(), "pay-new-0"), ids.end());
}

TEST_P(RecordQueueTest, EveryDueRecordIsLeasedExactlyOnceAcrossMixedBatches) {
  std::vector<IncomingEvent> events;
  for (int i = 0; i < 37; ++i) events.push_back(payment(std::to_string(i)));
  store_.intake().commit_events(events);
  std::set<std::string> seen;
  int64_t at = now_ms_;
  for (int limit : {1, 3, 8, 2, 5, 8, 8, 8, 8}) {
    for (const auto& id : ids_of(store_.records().lease_due("w", at, at + 1'000'000, limit))) {
      EXPECT_TRUE(seen.insert(id).second) << id << " leased twice";
    }
    ++at;
  }
  EXPECT_EQ(seen.size(), 37u);
}

TEST_P(RecordQueueTest, AnAttemptCutOffBeforeItsOutcomeWasRecordedIsStillCounted) {
  const auto id = store_.intake().commit_events({payment("1")})[0].record_id;
  const auto first = store_.records().lease_due("w", now_ms_, now_ms_ + 1000, 10);
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].attempts_started, 0);
  // The process dies: no finish_attempt. Another takes the record once the lease expired.
  const auto again = store_.records().lease_due("v", now_ms_ + 2000, now_ms_ + 3000, 10);
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].attempts, 0);
  EXPECT_EQ(again[0].attempts_started, 1);
  store_.records().finish_attempt(id, 1, "v", {RecordStatus::completed, "", "", "145", 0, ""});
  EXPECT_EQ(store_.records().get(id)->attempts, 1);
  EXPECT_EQ(store_.records().get(id)->attempts_started, 2);
}

TEST_P(RecordQueueTest, RecordsCompletionAndReturnsThePayload) {
  const auto id = store_.intake().commit_events({payment("1")})[0].record_id;
  EXPECT_EQ(store_.records().payload(id), R"({"revision":1})");
  store_.records().lease_due("w", now_ms_, now_ms_ + 1000, 10);
  store_.records().finish_attempt(
      id, 1, "w", {RecordStatus::completed, "", "", "145", 0, R"({"qbo_id":"145"})"});
  auto record = store_.records().get(id);
  EXPECT_EQ(record->status, RecordStatus::completed);
  EXPECT_EQ(record->qbo_id, "145");
  EXPECT_EQ(record->attempts, 1);
  EXPECT_EQ(store_.records().audit_trail(id).back().action, "attempt");
  EXPECT_TRUE(store_.records().lease_due("w", now_ms_ + 5000, now_ms_ + 6000, 10).empty());
}

TEST_P(RecordQueueTest, ANewerRevisionArrivingDuringAnAttemptStaysTodo) {
  const auto id = store_.intake().commit_events({payment("1", 1)})[0].record_id;
  store_.records().lease_due("w", now_ms_, now_ms_ + 1000, 10);
  store_.intake().commit_events({payment("1", 2)});
  store_.records().finish_attempt(id, 1, "w", {RecordStatus::completed, "", "", "145", 0, ""});
  auto record = store_.records().get(id);
  EXPECT_EQ(record->status, RecordStatus::todo);
  EXPECT_EQ(record->revision, 2);
  EXPECT_EQ(record->qbo_id, "145");
  EXPECT_EQ(store_.records().payload(id), R"({"revision":2})");
}

TEST_P(RecordQueueTest, AttemptsAtARevisionStartAgainWithANewRevisionOrAnAdminRetry) {
  const auto id = store_.intake().commit_events({payment("1", 1)})[0].record_id;
  const AttemptOutcome later{RecordStatus::todo, "", R"({"class":"transient"})", "", 0, ""};
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(store_.records().lease_due("w", now_ms_, now_ms_ + 1000, 10).size(), 1u);
    store_.records().finish_attempt(id, 1, "w", later);
  }
  EXPECT_EQ(store_.records().get(id)->attempts, 3);
  EXPECT_EQ(store_.records().get(id)->revision_attempts, 3);
  // An attempt at revision 1 that ends after revision 2 arrived does not count against 2.
  ASSERT_EQ(store_.records().lease_due("w", now_ms_, now_ms_ + 1000, 10).size(), 1u);
  store_.intake().commit_events({payment("1", 2)});
  store_.records().finish_attempt(id, 1, "w", later);
  EXPECT_EQ(store_.records().get(id)->attempts, 4);
  EXPECT_EQ(store_.records().get(id)->revision_attempts, 0);
  ASSERT_EQ(store_.records().lease_due("w", now_ms_, now_ms_ + 1000, 10).size(), 1u);
  store_.records().finish_attempt(
      id, 2, "w",
      {RecordStatus::errored, "retries_exhausted", R"({"class":"transient"})", "", 0, ""});
  EXPECT_EQ(store_.records().get(id)->revision_attempts, 1);
  ASSERT_EQ(store_.records().retry("acct-1", {id}), 1);
  EXPECT_EQ(store_.records().get(id)->revision_attempts, 0);
  EXPECT_EQ(store_.records().get(id)->attempts, 5);
}

TEST_P(RecordQueueTest, RetryLaterThenErroredThenAdminRetryAndSkip) {
  const auto id = store_.intake().commit_events({payment("1")})[0].record_id;
  store_.records().lease_due("w", now_ms_, now_ms_ + 1000, 10);
  store_.records().finish_attempt(
      id, 1, "w", {RecordStatus::todo, "", R"({"class":"transient"})", "", now_ms_ + 5000, ""});
  EXPECT_TRUE(store_.records().lease_due("w", now_ms_ + 4999, now_ms_ + 9000, 10).empty());
  ASSERT_EQ(store_.records().lease_due("w", now_ms_ + 5000, now_ms_ + 9000, 10).size(), 1u);
  store_.records().finish_attempt(
      id, 1, "w",
      {RecordStatus::errored, "qbo_validation", R"({"class":"validation"})", "", 0, ""});
  EXPECT_EQ(store_.records().get(id)->status, RecordStatus::errored);
  EXPECT_EQ(store_.records().retry("acct-other", {id}), 0);
  EXPECT_EQ(store_.records().retry("acct-1", {id, 999}), 1);
  EXPECT_EQ(store_.records().get(id)->status, RecordStatus::todo);
  EXPECT_EQ(store_.records().skip("acct-1", {id}, "skipped_by_admin"), 1);
  auto skipped = store_.records().get(id);
  EXPECT_EQ(skipped->status, RecordStatus::skipped);
  EXPECT_EQ(skipped->reason, "skipped_by_admin");
  EXPECT_EQ(store_.records().skip("acct-1", {id}, "again"), 0);
}

TEST_P(RecordQueueTest, WakingMakesOnlyTheAccountsRecordsWaitingForThatReasonDue) {
  const auto ids = store_.intake().commit_events({payment("1"), payment("2"), payment("3")});
  store_.records().lease_due("w", now_ms_, now_ms_ + 1000, 10);
  const int64_t later = now_ms_ + 900'000;
  store_.records().finish_attempt(ids[0].record_id, 1, "w",
                                  {RecordStatus::todo, "not_connected", "", "", later, ""});
  store_.records().finish_attempt(ids[1].record_id, 1, "w",
                                  {RecordStatus::todo, "reconnect_needed", "", "", later, ""});
  store_.records().finish_attempt(ids[2].record_id, 1, "w",
                                  {RecordStatus::skipped, "not_connected", "", "", later, ""});
  EXPECT_EQ(store_.records().wake_waiting("acct-other", "not_connected"), 0);
  EXPECT_EQ(store_.records().wake_waiting("acct-1", "not_connected"), 1);
  const auto due = store_.records().lease_due("w", now_ms_, now_ms_ + 1000, 10);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].id, ids[0].record_id);
  EXPECT_EQ(store_.records().get(ids[1].record_id)->next_attempt_at_ms, later);
}

TEST_P(RecordQueueTest, ListsRecordsByStatusAndPages) {
  std::vector<IncomingEvent> events;
  for (int i = 0; i < 7; ++i) {
    events.push_back(payment_event("evt-" + std::to_string(i), "pay-" + std::to_string(i)));
  }
  events.push_back(payment_event("evt-x", "pay-x", 1, "acct-2"));
  store_.intake().commit_events(events);
  RecordFilter filter{"acct-1", RecordStatus::todo, std::nullopt, 0, 3, std::nullopt};
  auto page1 = store_.records().list(filter);
  ASSERT_EQ(page1.size(), 3u);
  filter.after_id = page1.back().id;
  auto page2 = store_.records().list(filter);
  ASSERT_EQ(page2.size(), 3u);
  EXPECT_GT(page2.front().id, page1.back().id);
  filter.after_id = page2.back().id;
  EXPECT_EQ(store_.records().list(filter).size(), 1u);
  filter.status = RecordStatus::completed;
  filter.after_id = 0;
  EXPECT_TRUE(store_.records().list(filter).empty());
  EXPECT_EQ(store_.records().count("acct-1", RecordStatus::todo), 7);
  EXPECT_EQ(store_.records().count("acct-2", std::nullopt), 1);
}

TEST_P(RecordQueueTest, ListsAndCountsRecordsByReasonAcrossEveryPage) {
  std::vector<IncomingEvent> events;
  for (int i = 0; i < 6; ++i) events.push_back(payment(std::to_string(i)));
  events.push_back(payment_event("evt-other", "pay-other", 1, "acct-2"));
  const auto ids = store_.intake().commit_events(events);
  store_.records().lease_due("w", now_ms_, now_ms_ + 1000, 10);
  const int64_t later = now_ms_ + 900'000;
  const char* reasons[] = {"company_data", "not_connected", "company_data", "company_data", "",
                           "not_connected"};
  for (int i = 0; i < 6; ++i) {
    const auto status = i == 5 ? RecordStatus::skipped : RecordStatus::errored;
    store_.records().finish_attempt(ids[static_cast<std::size_t>(i)].record_id, 1, "w",
                                    {status, reasons[i], "", "", later, ""});
  }
  store_.records().finish_attempt(ids[6].record_id, 1, "w",
                                  {RecordStatus::errored, "company_data", "", "", later, ""});

  RecordFilter filter{"acct-1", std::nullopt, std::nullopt, 0, 2, std::nullopt};
  filter.reason = "company_data";
  auto page1 = store_.records().list(filter);
  ASSERT_EQ(page1.size(), 2u);
  filter.after_id = page1.back().id;
  auto page2 = store_.records().list(filter);
  ASSERT_EQ(page2.size(), 1u);
  EXPECT_EQ(page2[0].id, ids[3].record_id);
  filter = RecordFilter{"acct-1", std::nullopt, std::nullopt, 0, 10, std::nullopt};
  filter.reason = "";
  ASSERT_EQ(store_.records().list(filter).size(), 1u);

  const auto counts = store_.records().count_by_reason("acct-1");
  ASSERT_EQ(counts.size(), 4u);
  auto count_of = [&](RecordStatus status, const std::string& reason) -> int64_t {
    for (const auto& counted : counts)
      if (counted.status == status && counted.reason == reason) return counted.count;
    return 0;
  };
  EXPECT_EQ(count_of(RecordStatus::errored, "company_data"), 3);
  EXPECT_EQ(count_of(RecordStatus::errored, "not_connected"), 1);
  EXPECT_EQ(count_of(RecordStatus::errored, ""), 1);
  EXPECT_EQ(count_of(RecordStatus::skipped, "not_connected"), 1);
}

}  // namespace
}  // namespace qbo_sync::store
