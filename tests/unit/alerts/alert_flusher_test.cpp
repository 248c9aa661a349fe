#include "alerts/alert_flusher.h"

#include <gtest/gtest.h>

#include <atomic>

#include "clock/manual_clock.h"
#include "store/temp_dir.h"

namespace qbo_sync::alerts {
namespace {

using namespace std::chrono_literals;

class AlertFlusherTest : public ::testing::Test {
 protected:
  AlertFlusherTest() : store_(dir_.path()) { scheduler_.start(); }

  std::unique_ptr<AlertDigest> make_digest(const AlertOptions& options) {
    return std::make_unique<AlertDigest>(
        store_,
        [this](const std::string&) {
          ++sent_;
          return EmailDelivery::taken;
        },
        [this] { return clock_.now_ms(); }, options);
  }

  static void fail_one(AlertDigest& digest) {
    store::SyncRecord record;
    record.id = 1;
    record.account_id = "acct";
    record.object_type = "payment";
    record.object_id = "pay-1";
    store::AttemptOutcome outcome;
    outcome.status = store::RecordStatus::errored;
    digest.on_finished(record, outcome);
  }

  // A digest gathering for `gather_ms` that already holds one errored payment.
  std::unique_ptr<AlertDigest> digest_with_one_failure(int64_t gather_ms) {
    AlertOptions options;
    options.gather_ms = gather_ms;
    auto digest = make_digest(options);
    fail_one(*digest);
    return digest;
  }

  testing::TempDir dir_;
  store::Store store_;
  clock::ManualClock clock_;
  clock::Scheduler scheduler_{clock_};
  std::atomic<int> sent_{0};
};

TEST_F(AlertFlusherTest, SendsADueDigestAtItsNextLookOnTheClock) {
  const auto digest = digest_with_one_failure(1000);
  AlertFlusher flusher(*digest, scheduler_, 5s);
  flusher.start();
  flusher.start();  // idempotent
  ASSERT_TRUE(scheduler_.advance(4999ms));
  EXPECT_EQ(sent_.load(), 0);  // not looked yet
  ASSERT_TRUE(scheduler_.advance(1ms));
  EXPECT_EQ(sent_.load(), 1);
  ASSERT_TRUE(scheduler_.advance(1h));
  EXPECT_EQ(sent_.load(), 1);  // sent once
}

TEST_F(AlertFlusherTest, SendsNothingOnceStopped) {
  const auto digest = digest_with_one_failure(0);
  AlertFlusher flusher(*digest, scheduler_, 5s);
  flusher.start();
  flusher.stop();
  flusher.stop();  // idempotent
  ASSERT_TRUE(scheduler_.advance(1h));
  EXPECT_EQ(sent_.load(), 0);
}

TEST_F(AlertFlusherTest, LooksAtHalfTheGatheringDelayWithinBounds) {
  AlertOptions options;
  options.gather_ms = 2000;
  EXPECT_EQ(AlertFlusher::interval_for(*make_digest(options)), 1000ms);
  options.gather_ms = 60000;
  EXPECT_EQ(AlertFlusher::interval_for(*make_digest(options)), 5000ms);
  options.gather_ms = 0;
  EXPECT_EQ(AlertFlusher::interval_for(*make_digest(options)), 5ms);
}

}  // namespace
}  // namespace qbo_sync::alerts
