// The handlers the engine builds share one sync context: a payment and an invoice of the same new
// contact, worked at the same moment on two workers, make one QBO customer.
#include "engine/sync_context.h"

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <thread>

#include "connected_sandbox.h"
#include "engine/record_handler.h"
#include "schema_example.h"
#include "utc_text.h"

namespace qbo_sync::engine {
namespace {

namespace json = boost::json;
using testing::ConnectedSandbox;

class SharedContextTest : public ::testing::Test {
 protected:
  SharedContextTest()
      : context_(
            sandbox_.store(), sandbox_.api(),
            [this](const std::string& account) {
              return sandbox_.qbo().connections().active(account);
            },
            [] {
              return std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                  .count();
            },
            SyncOptions{1.0 / 600}),
        handlers_(record_handlers(context_)) {}

  void SetUp() override { sandbox_.connect(); }

  // Stores `event` (its object under `key`) as the newest revision of a record; returns it.
  store::SyncRecord accept(const json::object& event, const std::string& type,
                           const std::string& key) {
    const auto& object = event.at(key).as_object();
    store::IncomingEvent incoming{testing::kAccount,
                                  std::string(event.at("event_id").as_string()),
                                  type,
                                  key,
                                  std::string(object.at("id").as_string()),
                                  object.at("revision").as_int64(),
                                  std::string(event.at("occurred_at").as_string()),
                                  json::serialize(event)};
    const auto id = sandbox_.store().commit_events({incoming}).at(0).record_id;
    return *sandbox_.store().get_record(id);
  }

  // The payment and the invoice of the same contact, new to QBO.
  std::pair<store::SyncRecord, store::SyncRecord> payment_and_invoice_of_one_contact() {
    json::object payment =
        qbo_sync::testing::valid_example("payment.completed.v1", "01-ca-on-order-form.json");
    json::object invoice =
        qbo_sync::testing::valid_example("invoice.sent.v1", "01-ca-on-inv-1001.json");
    const std::string now = qbo_sync::testing::utc_text_in(std::chrono::seconds{2});
    invoice["invoice"].as_object()["created_at"] = now;
    invoice["invoice"].as_object()["sent_at"] = now;
    EXPECT_EQ(payment.at("payment").at("contact"), invoice.at("invoice").at("contact"));
    return {accept(payment, "payment.completed", "payment"),
            accept(invoice, "invoice.sent", "invoice")};
  }

  // Every customer look-up and create takes a while, so that two resolutions of one contact
  // overlap unless they are serialised; and QBO replays no create by its requestid, so that only
  // that serialisation stops a second customer.
  void slow_customer_calls_without_replays() {
    sandbox_.sandbox().server().ledger().set_request_id_ttl(std::chrono::seconds(0));
    sandbox_.sandbox().control(
        "POST", "/faults",
        json::serialize(json::object{{"kind", "delay"},
                                     {"realm_id", sandbox_.sandbox().realm_id()},
                                     {"entity", "Customer"},
                                     {"delay_ms", 300},
                                     {"count", 8}}));
  }

  ConnectedSandbox sandbox_;
  SyncContext context_;
  HandlerTable handlers_;
};

TEST_F(SharedContextTest, HandlersAreFoundByObjectTypeAndOthersAreNot) {
  EXPECT_NE(handlers_.find("payment"), nullptr);
  EXPECT_NE(handlers_.find("invoice"), nullptr);
  EXPECT_EQ(handlers_.find("refund"), nullptr);
}

TEST_F(SharedContextTest, AttemptsReadTheCompanyParsedOnceUntilARefreshChangesItsText) {
  auto row = sandbox_.store().connection(testing::kAccount);
  ASSERT_TRUE(row);
  ASSERT_FALSE(row->company_json.empty());
  mapping::SharedCompanyData first, second, refreshed;
  ASSERT_FALSE(context_.company_data(*row, first));
  ASSERT_FALSE(context_.company_data(*sandbox_.store().connection(testing::kAccount), second));
  EXPECT_EQ(first, second);
  EXPECT_EQ(context_.companies.parses(), 1u);

  json::object company = json::parse(row->company_json).as_object();
  company["CompanyInfo"].as_object()["CompanyName"] = "Renamed in QuickBooks";
  row->company_json = json::serialize(company);
  ASSERT_FALSE(context_.company_data(*row, refreshed));
  EXPECT_NE(refreshed, first);
  ASSERT_NE(refreshed, nullptr);
  EXPECT_EQ(refreshed->company_info.at("CompanyName"), "Renamed in QuickBooks");
  EXPECT_EQ(context_.companies.parses(), 2u);
}

TEST_F(SharedContextTest, APaymentAndAnInvoiceOfOneNewContactWorkedAtOnceMakeOneCustomer) {
  const auto [payment, invoice] = payment_and_invoice_of_one_contact();
  slow_customer_calls_without_replays();
  std::promise<void> go;
  std::shared_future<void> started = go.get_future().share();
  auto work = [&](const store::SyncRecord& record) {
    return std::async(std::launch::async, [&, record] {
      started.wait();
      return handlers_.find(record.object_type)->run(record);
    });
  };
  auto paid = work(payment);
  auto invoiced = work(invoice);
  go.set_value();
  const auto payment_outcome = paid.get();
  const auto invoice_outcome = invoiced.get();
  ASSERT_EQ(payment_outcome.status, store::RecordStatus::completed) << payment_outcome.error_json;
  ASSERT_EQ(invoice_outcome.status, store::RecordStatus::completed) << invoice_outcome.error_json;

  json::array customers;
  for (const auto& customer : sandbox_.ledger_objects("Customer")) {
    const auto* address = customer.as_object().if_contains("PrimaryEmailAddr");
    if (address && address->at("Address") == "emilie.tremblay@example.ca") {
      customers.push_back(customer);
    }
  }
  ASSERT_EQ(customers.size(), 1u) << json::serialize(customers);
  const json::value& customer_id = customers.front().at("Id");
  const auto receipts = sandbox_.ledger_objects("SalesReceipt");
  const auto invoices = sandbox_.ledger_objects("Invoice");
  ASSERT_EQ(receipts.size(), 1u);
  ASSERT_EQ(invoices.size(), 1u);
  EXPECT_EQ(receipts.front().at("CustomerRef").at("value"), customer_id);
  EXPECT_EQ(invoices.front().at("CustomerRef").at("value"), customer_id);
}

}  // namespace
}  // namespace qbo_sync::engine
