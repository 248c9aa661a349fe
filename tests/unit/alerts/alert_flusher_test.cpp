#include "alerts/alert_flusher.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "store/temp_dir.h"

namespace qbo_sync::alerts {
namespace {

TEST(AlertFlusher, SendsDueDigestsOnItsOwnThreadUntilStopped) {
  testing::TempDir dir;
  store::Store store(dir.path());
  std::atomic<int> sent{0};
  std::atomic<int64_t> now{5'000'000};  // a millisecond passes at every look at the clock
  AlertOptions options;
  options.gather_ms = 0;
  AlertDigest digest(
      store,
      [&](const std::string&) {
        ++sent;
        return EmailDelivery::taken;
      },
      [&] { return now++; }, options);
  store::SyncRecord record;
  record.id = 1;
  record.account_id = "acct";
  record.object_type = "payment";
  record.object_id = "pay-1";
  store::AttemptOutcome outcome;
  outcome.status = store::RecordStatus::errored;
  digest.on_finished(record, outcome);

  AlertFlusher flusher(digest, std::chrono::milliseconds(5));
  flusher.start();
  flusher.start();  // idempotent
  for (int i = 0; i < 400 && sent.load() == 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  flusher.stop();
  EXPECT_EQ(sent.load(), 1);
  flusher.stop();  // idempotent
}

TEST(AlertFlusher, LooksAtHalfTheScaledGatheringDelayWithinBounds) {
  testing::TempDir dir;
  store::Store store(dir.path());
  AlertOptions options;
  options.gather_ms = 60000;
  options.time_scale = 600;  // 100 ms
  AlertDigest fast(
      store, [](const std::string&) { return EmailDelivery::taken; }, [] { return int64_t{0}; },
      options);
  EXPECT_EQ(AlertFlusher::interval_for(fast), std::chrono::milliseconds(50));
  options.time_scale = 1;
  AlertDigest slow(
      store, [](const std::string&) { return EmailDelivery::taken; }, [] { return int64_t{0}; },
      options);
  EXPECT_EQ(AlertFlusher::interval_for(slow), std::chrono::milliseconds(5000));
}

}  // namespace
}  // namespace qbo_sync::alerts
