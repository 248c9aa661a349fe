#include "engine/sync_engine.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "clock/scaled_clock.h"
#include "connected_sandbox.h"

namespace qbo_sync::engine {
namespace {

namespace json = boost::json;
using testing::ConnectedSandbox;

class SyncEngineTest : public ::testing::Test {
 protected:
  SyncEngineTest() { scheduler_.start(); }

  std::unique_ptr<SyncEngine> make_engine(const std::string& owner) {
    SyncEngineServices services;
    services.store = &sandbox_.store();
    services.scheduler = &scheduler_;
    services.api = &sandbox_.api();
    services.active_connection = [this](const std::string& account) {
      return sandbox_.qbo().connections().active(account);
    };
    SyncEngineOptions options;
    options.worker_threads = 2;
    options.poll_interval_ms = 6000;  // 10 ms of real time
    options.owner = owner;
    return std::make_unique<SyncEngine>(std::move(services), options);
  }

  // Stores a payment event built from an example, with the changes `edit` makes.
  int64_t accept(const std::string& example, const std::function<void(json::object&)>& edit = {}) {
    json::value event = json::parse(testing::read_example(example));
    if (edit) edit(event.as_object());
    const auto& object = event.as_object();
    const auto& payment = object.at("payment").as_object();
    store::IncomingEvent incoming{std::string(object.at("account_id").as_string()),
                                  std::string(object.at("event_id").as_string()),
                                  "payment.completed",
                                  "payment",
                                  std::string(payment.at("id").as_string()),
                                  payment.at("revision").as_int64(),
                                  std::string(object.at("occurred_at").as_string()),
                                  json::serialize(event)};
    return sandbox_.store().commit_events({incoming}).at(0).record_id;
  }

  store::SyncRecord wait_for(int64_t record_id) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    for (;;) {
      auto record = sandbox_.store().get_record(record_id);
      if (record->status != store::RecordStatus::todo ||
          std::chrono::steady_clock::now() > deadline) {
        return *record;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }

  ConnectedSandbox sandbox_;
  clock::ScaledClock clock_{600};  // leases and backoffs pass 600 times faster
  clock::Scheduler scheduler_{clock_};
};

TEST_F(SyncEngineTest, SkipsTestOrdersAndComplimentaryOrdersAndKeepsUnconnectedAccountsWaiting) {
  auto engine = make_engine("engine-a");
  const auto not_connected = accept("01-ca-on-order-form.json");
  engine->start();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  auto waiting = sandbox_.store().get_record(not_connected);
  while (waiting->attempts == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    waiting = sandbox_.store().get_record(not_connected);
  }
  EXPECT_EQ(waiting->status, store::RecordStatus::todo);
  EXPECT_EQ(waiting->reason, "not_connected");

  sandbox_.connect();
  engine->notify();
  EXPECT_EQ(wait_for(not_connected).status, store::RecordStatus::completed);
  const auto test_order = accept("01-ca-on-order-form.json", [](json::object& event) {
    event["event_id"] = "evt-test";
    event["test"] = true;
    event["payment"].as_object()["id"] = "pay-test";
  });
  engine->notify();
  EXPECT_EQ(wait_for(test_order).reason, "test_order");
  // A complimentary order, skipped by default settings before any connection is needed.
  const auto complimentary = accept("10-us-ca-zero-total-complimentary.json");
  engine->notify();
  EXPECT_EQ(wait_for(complimentary).reason, "zero_total");
  // Only the payment that waited for the connection.
  EXPECT_EQ(sandbox_.ledger_objects("SalesReceipt").size(), 1u);
}

TEST_F(SyncEngineTest, CompletesPaymentsAndRecordsTheReceipt) {
  sandbox_.connect();
  auto engine = make_engine("engine-a");
  engine->start();
  const auto first = accept("01-ca-on-order-form.json");
  const auto second = accept("02-ca-qc-subscription.json");
  engine->notify();
  for (const auto id : {first, second}) {
    const auto record = wait_for(id);
    EXPECT_EQ(record.status, store::RecordStatus::completed) << record.last_error_json;
    EXPECT_FALSE(record.qbo_id.empty());
    const auto link = sandbox_.store().link(testing::kAccount, "payment", record.object_id);
    ASSERT_TRUE(link);
    EXPECT_EQ(link->qbo_id, record.qbo_id);
  }
  EXPECT_EQ(sandbox_.ledger_objects("SalesReceipt").size(), 2u);
  engine->stop();
  EXPECT_GE(engine->attempts_finished(), 2);
}

TEST_F(SyncEngineTest, ARecordLeasedByADeadProcessIsTakenUpAgain) {
  sandbox_.connect();
  const auto id = accept("01-ca-on-order-form.json");
  // Another process leased it and died: its lease runs out, then this engine takes it.
  const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  ASSERT_EQ(sandbox_.store().lease_due_records("dead-process", now, now + 300, 10).size(), 1u);
  auto engine = make_engine("engine-b");
  engine->start();
  const auto record = wait_for(id);
  EXPECT_EQ(record.status, store::RecordStatus::completed) << record.last_error_json;
  EXPECT_EQ(sandbox_.ledger_objects("SalesReceipt").size(), 1u);
}

}  // namespace
}  // namespace qbo_sync::engine
