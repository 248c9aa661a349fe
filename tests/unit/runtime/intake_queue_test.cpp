#include "runtime/intake_queue.h"

#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "store/temp_dir.h"

namespace qbo_sync::runtime {
namespace {

store::IncomingEvent payment(const std::string& event_id, const std::string& payment_id) {
  return {"acct-1",   event_id, "payment.completed",    "payment",
          payment_id, 1,        "2026-11-21T10:00:00Z", "{}"};
}

TEST(IntakeQueue, CommitsEveryEventFromManyThreads) {
  testing::TempDir dir;
  store::Store store(dir.path());
  IntakeQueue queue(store);
  constexpr int kThreads = 8;
  constexpr int kPerThread = 40;
  std::vector<std::thread> threads;
  std::mutex ids_mutex;
  std::set<int64_t> record_ids;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        const auto id = std::to_string(t) + "-" + std::to_string(i);
        auto outcome = queue.submit(payment("evt-" + id, "pay-" + id));
        EXPECT_EQ(outcome.result, store::IntakeResult::accepted);
        std::lock_guard lock(ids_mutex);
        record_ids.insert(outcome.record_id);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(record_ids.size(), static_cast<std::size_t>(kThreads * kPerThread));
  EXPECT_EQ(store.count_records("acct-1", store::RecordStatus::todo), kThreads * kPerThread);
  EXPECT_EQ(queue.events_committed(), static_cast<std::size_t>(kThreads * kPerThread));
  EXPECT_LE(queue.commits(), queue.events_committed());
}

TEST(IntakeQueue, ConcurrentRedeliveriesAcceptExactlyOne) {
  testing::TempDir dir;
  store::Store store(dir.path());
  IntakeQueue queue(store);
  std::atomic<int> accepted{0};
  std::atomic<int> duplicates{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      auto outcome = queue.submit(payment("evt-same", "pay-same"));
      (outcome.result == store::IntakeResult::accepted ? accepted : duplicates)++;
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(accepted.load(), 1);
  EXPECT_EQ(duplicates.load(), 7);
  EXPECT_EQ(store.count_records("acct-1", std::nullopt), 1);
}

TEST(IntakeQueue, AnEventTheStoreRefusesFailsAloneAndKeepsItsNeighbours) {
  testing::TempDir dir;
  store::Store store(dir.path());
  {
    // Make the database itself refuse one particular object, as a disk or constraint error would.
    store::SqliteConnection saboteur(store.database_file());
    saboteur.execute(
        "CREATE TRIGGER refuse_poison BEFORE INSERT ON events WHEN NEW.object_id = 'poison' "
        "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
  }
  IntakeQueue queue(store);
  queue.submit(payment("evt-0", "pay-0"));
  std::atomic<int> refused{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        const bool poison = (t == 3 && i % 3 == 0);
        const auto id = std::to_string(t) + "-" + std::to_string(i);
        try {
          auto outcome = queue.submit(payment("evt-" + id, poison ? "poison" : "pay-" + id));
          EXPECT_FALSE(poison);
          EXPECT_EQ(outcome.result, store::IntakeResult::accepted);
        } catch (const store::StoreError& error) {
          EXPECT_TRUE(poison) << error.what();
          ++refused;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(refused.load(), 4);
  EXPECT_EQ(store.count_records("acct-1", std::nullopt), 1 + 80 - 4);
}

}  // namespace
}  // namespace qbo_sync::runtime
