#include "alerts/pending_alerts.h"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

namespace qbo_sync::alerts {
namespace {

FailedRecord failure(int64_t id, std::string code) {
  const std::string number = std::to_string(id);
  return {.record_id = id,
          .revision = 1,
          .object_type = "payment",
          .object_id = "pay-" + number,
          .reason = "validation",
          .error_class = "validation",
          .code = std::move(code),
          .message = "fix it",
          .intuit_tid = "tid-" + number};
}

TEST(AlertBatch, CountsEveryFailureByCauseAndKeepsTheFirstOnes) {
  AlertBatch batch;
  for (int64_t id = 1; id <= 30; ++id)
    batch.add(failure(id, id % 3 == 0 ? "6240" : "6000"), id * 10, 5);
  EXPECT_EQ(batch.total, 30);
  EXPECT_EQ(batch.first_at_ms, 10);
  EXPECT_EQ(batch.last_at_ms, 300);
  ASSERT_EQ(batch.causes.size(), 2u);
  EXPECT_EQ(batch.causes[0].code, "6000");
  EXPECT_EQ(batch.causes[0].count, 20);
  EXPECT_EQ(batch.causes[1].code, "6240");
  EXPECT_EQ(batch.causes[1].count, 10);
  ASSERT_EQ(batch.records.size(), 5u);
  EXPECT_EQ(batch.records.front().record_id, 1);
  EXPECT_EQ(batch.records.back().record_id, 5);
}

TEST(AlertState, RoundTripsThroughItsStoredText) {
  AlertState state;
  state.pending.emplace();
  state.pending->add(failure(7, "6000"), 100, 20);
  state.sending.emplace();
  state.sending->add(failure(8, "610"), 50, 20);
  state.last_sent_at_ms = 42;
  state.retry_send_at_ms = 99;
  const AlertState back = AlertState::parse(boost::json::serialize(state.to_json()));
  ASSERT_TRUE(back.pending);
  ASSERT_TRUE(back.sending);
  EXPECT_EQ(back.pending->total, 1);
  EXPECT_EQ(back.pending->records.at(0).intuit_tid, "tid-7");
  EXPECT_EQ(back.pending->records.at(0).object_id, "pay-7");
  EXPECT_EQ(back.pending->causes.at(0).message, "fix it");
  EXPECT_EQ(back.sending->records.at(0).code, "610");
  EXPECT_EQ(back.last_sent_at_ms, 42);
  EXPECT_EQ(back.retry_send_at_ms, 99);
}

TEST(AlertState, UnreadableOrMissingTextIsAnEmptyState) {
  for (const std::optional<std::string>& text :
       {std::optional<std::string>(), std::optional<std::string>("not json"),
        std::optional<std::string>("[1,2]")}) {
    const AlertState state = AlertState::parse(text);
    EXPECT_FALSE(state.pending);
    EXPECT_FALSE(state.sending);
    EXPECT_EQ(state.last_sent_at_ms, 0);
  }
}

TEST(FailedRecord, ReadsTheLastErrorAndExplainsAMissingOne) {
  const FailedRecord read = failed_record(
      3, 2, "payment", "pay-3", "validation",
      R"({"class":"validation","code":"6000","http_status":400,"message":"Fix the books","intuit_tid":"1-abc"})");
  EXPECT_EQ(read.code, "6000");
  EXPECT_EQ(read.error_class, "validation");
  EXPECT_EQ(read.message, "Fix the books");
  EXPECT_EQ(read.intuit_tid, "1-abc");
  EXPECT_EQ(read.revision, 2);

  const FailedRecord bare = failed_record(4, 1, "invoice", "inv-4", "total_mismatch", "");
  EXPECT_TRUE(bare.code.empty());
  EXPECT_NE(bare.message.find("total_mismatch"), std::string::npos);
}

}  // namespace
}  // namespace qbo_sync::alerts
