#include <gtest/gtest.h>

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
  EXPECT_EQ(second[0].object_id, "pay-3");
  EXPECT_TRUE(store_.lease_due_records("worker-b", now_ms_ + 1000, now_ms_ + 31'000, 10).empty());
  // worker-a died: its leases expire and another worker takes the records up.
  auto taken_over = store_.lease_due_records("worker-b", now_ms_ + 30'000, now_ms_ + 60'000, 10);
  EXPECT_EQ(taken_over.size(), 3u);
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

TEST_F(StoreEngineTest, LinksAreFoundFromEitherSide) {
  store_.put_link({"acct-1", "contact", "ct-1", "Customer", "58", "0", "crm"});
  EXPECT_EQ(store_.link("acct-1", "contact", "ct-1")->qbo_id, "58");
  EXPECT_EQ(store_.link_by_qbo("acct-1", "Customer", "58")->crm_id, "ct-1");
  EXPECT_FALSE(store_.link("acct-2", "contact", "ct-1").has_value());
  store_.put_link({"acct-1", "contact", "ct-1", "Customer", "58", "3", "crm"});
  EXPECT_EQ(store_.link("acct-1", "contact", "ct-1")->sync_token, "3");
}

}  // namespace
}  // namespace qbo_sync::store
