#include "engine/invoice_sync.h"

#include <gtest/gtest.h>

#include <chrono>

#include "connected_sandbox.h"
#include "schema_example.h"
#include "utc_text.h"

namespace qbo_sync::engine {
namespace {

namespace json = boost::json;
using testing::ConnectedSandbox;

class InvoiceSyncUnitTest : public ::testing::Test {
 protected:
  InvoiceSyncUnitTest()
      : created_at_(qbo_sync::testing::utc_text_in(std::chrono::seconds{2})),
        context_(
            sandbox_.store(), sandbox_.api(),
            [this](const std::string& account) {
              return sandbox_.qbo().connections().active(account);
            },
            [this] { return now_ms_; }, SyncOptions{1.0 / 600}),
        sync_(context_) {}

  void SetUp() override { sandbox_.connect(); }

  // Stores the example as the invoice "inv-unit" created now; returns its sync record.
  store::SyncRecord accept(const std::string& hook, const std::string& file,
                           const std::function<void(json::object&)>& edit = {}) {
    json::object event = qbo_sync::testing::valid_example(hook, file);
    event["event_id"] = std::string(event["event_id"].as_string()) + "-unit";
    auto& invoice = event["invoice"].as_object();
    invoice["id"] = "inv-unit";
    invoice["number"] = "U-1001";
    invoice["created_at"] = created_at_;
    invoice["sent_at"] = created_at_;
    if (edit) edit(invoice);
    store::IncomingEvent incoming{kAccount,
                                  std::string(event.at("event_id").as_string()),
                                  hook == "invoice.sent.v1" ? "invoice.sent" : "invoice.updated",
                                  "invoice",
                                  "inv-unit",
                                  invoice.at("revision").as_int64(),
                                  std::string(event.at("occurred_at").as_string()),
                                  json::serialize(event)};
    const auto id = sandbox_.store().commit_events({incoming}).at(0).record_id;
    return *sandbox_.store().get_record(id);
  }

  json::object qbo_invoice() {
    const auto invoices = sandbox_.ledger_objects("Invoice");
    EXPECT_EQ(invoices.size(), 1u);
    return invoices.empty() ? json::object() : invoices.front().as_object();
  }

  static constexpr const char* kAccount = testing::kAccount;
  ConnectedSandbox sandbox_;
  std::string created_at_;
  int64_t now_ms_ = 1'000'000;
  SyncContext context_;
  InvoiceSync sync_;
};

TEST_F(InvoiceSyncUnitTest, UpdatesWaitForTheBurstToEndAndApplyOnlyTheLatest) {
  auto outcome = sync_.run(accept("invoice.sent.v1", "01-ca-on-inv-1001.json"));
  ASSERT_EQ(outcome.status, store::RecordStatus::completed) << outcome.error_json;

  // Revision 2 arrives: nothing is sent yet, the record waits the quiet period.
  outcome = sync_.run(accept("invoice.updated.v1", "01-ca-on-inv-1001-discount-added.json"));
  EXPECT_EQ(outcome.status, store::RecordStatus::todo);
  EXPECT_EQ(outcome.reason, "collecting_updates");
  EXPECT_EQ(outcome.next_attempt_at_ms, now_ms_ + InvoiceSync::kMinUpdateQuietMs);
  const int64_t due = outcome.next_attempt_at_ms;

  // Revision 3 within the period: the period is not extended.
  now_ms_ += 100;
  const auto latest = accept("invoice.updated.v1", "02-ca-on-inv-1001-partly-paid.json");
  outcome = sync_.run(latest);
  EXPECT_EQ(outcome.status, store::RecordStatus::todo);
  EXPECT_EQ(outcome.next_attempt_at_ms, due);
  EXPECT_EQ(qbo_invoice().at("SyncToken"), "0");

  now_ms_ = due;
  outcome = sync_.run(latest);
  ASSERT_EQ(outcome.status, store::RecordStatus::completed) << outcome.error_json;
  const auto invoice = qbo_invoice();
  EXPECT_EQ(invoice.at("SyncToken"), "1");  // one update, carrying revision 3
  EXPECT_EQ(sandbox_.ledger_objects("Payment").size(), 1u);

  // A retry of the same revision does not wait again and changes nothing.
  outcome = sync_.run(latest);
  EXPECT_EQ(outcome.status, store::RecordStatus::completed);
  EXPECT_EQ(qbo_invoice().at("SyncToken"), "1");
  EXPECT_EQ(sandbox_.ledger_objects("Payment").size(), 1u);
}

TEST_F(InvoiceSyncUnitTest, APaymentIsNotPostedTwiceWhenTheProgressWasLost) {
  auto paid = [](json::object& invoice) { invoice["revision"] = 1; };
  const auto record = accept("invoice.updated.v1", "02-ca-on-inv-1001-partly-paid.json", paid);
  auto outcome = sync_.run(record);
  ASSERT_EQ(outcome.status, store::RecordStatus::completed) << outcome.error_json;
  ASSERT_EQ(sandbox_.ledger_objects("Payment").size(), 1u);

  // As if the process died after QBO took the payment and before the progress was saved.
  InvoiceProgress progress = InvoiceProgress::from_json(*sandbox_.store().state(
      kAccount, InvoiceSync::progress_key(sandbox_.sandbox().realm_id(), "inv-unit")));
  EXPECT_EQ(progress.paid_minor, 50000);
  progress.paid_minor = 0;
  sandbox_.store().put_state(kAccount,
                             InvoiceSync::progress_key(sandbox_.sandbox().realm_id(), "inv-unit"),
                             progress.to_json());

  outcome = sync_.run(record);
  ASSERT_EQ(outcome.status, store::RecordStatus::completed) << outcome.error_json;
  EXPECT_EQ(sandbox_.ledger_objects("Payment").size(), 1u);
  EXPECT_EQ(InvoiceProgress::from_json(
                *sandbox_.store().state(
                    kAccount, InvoiceSync::progress_key(sandbox_.sandbox().realm_id(), "inv-unit")))
                .paid_minor,
            50000);
}

TEST_F(InvoiceSyncUnitTest, RetriesCountFromTheRevisionNotFromTheInvoicesWholeHistory) {
  ASSERT_EQ(sync_.run(accept("invoice.sent.v1", "01-ca-on-inv-1001.json")).status,
            store::RecordStatus::completed);
  // A long-lived invoice: many revisions, many attempts, all of them done.
  store::SyncRecord record = accept("invoice.updated.v1", "01-ca-on-inv-1001-discount-added.json");
  record.attempts = 40;
  EXPECT_EQ(sync_.run(record).reason, "collecting_updates");
  now_ms_ += InvoiceSync::kMinUpdateQuietMs;
  sandbox_.sandbox().control(
      "POST", "/faults",
      json::serialize(json::object{{"kind", "http_500"},
                                   {"count", 1},
                                   {"realm_id", sandbox_.sandbox().realm_id()},
                                   {"entity", "Invoice"},
                                   {"method", "POST"}}));
  record.attempts = 41;
  auto outcome = sync_.run(record);
  EXPECT_EQ(outcome.status, store::RecordStatus::todo) << outcome.error_json;  // retried
  EXPECT_GE(outcome.next_attempt_at_ms, now_ms_);  // the backoff, scaled down for tests
  EXPECT_NE(outcome.error_json.find("\"http_status\":500"), std::string::npos)
      << outcome.error_json;
  record.attempts = 42;
  outcome = sync_.run(record);
  ASSERT_EQ(outcome.status, store::RecordStatus::completed) << outcome.error_json;
  EXPECT_EQ(qbo_invoice().at("SyncToken"), "1");
}

TEST(InvoiceProgressTest, RoundTripsAndStartsOverFromUnreadableText) {
  InvoiceProgress progress;
  progress.fingerprint = "00ff00ff00ff00ff";
  progress.paid_minor = 111870;
  progress.voided = true;
  progress.applied_revision = 4;
  progress.pending_since_ms = 1234;
  progress.attempts_before_revision = 17;
  progress.crm_paid_minor = 50000;
  progress.crm_payments = {"pay-1", "pay-2"};
  const auto read = InvoiceProgress::from_json(progress.to_json());
  EXPECT_EQ(read.fingerprint, progress.fingerprint);
  EXPECT_EQ(read.paid_minor, 111870);
  EXPECT_TRUE(read.voided);
  EXPECT_EQ(read.applied_revision, 4);
  EXPECT_EQ(read.pending_since_ms, 1234);
  EXPECT_EQ(read.attempts_before_revision, 17);
  EXPECT_EQ(read.crm_paid_minor, 50000);
  EXPECT_EQ(read.crm_payments, (std::vector<std::string>{"pay-1", "pay-2"}));

  const auto fresh = InvoiceProgress::from_json("not json");
  EXPECT_TRUE(fresh.fingerprint.empty());
  EXPECT_EQ(fresh.paid_minor, 0);
  EXPECT_FALSE(fresh.voided);
}

}  // namespace
}  // namespace qbo_sync::engine
