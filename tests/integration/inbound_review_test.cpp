// When the toggle is on and a contact's first invoice (earliest, not voided, total above
// zero) reaches balance zero in QuickBooks, the CRM is asked once, ever, to send a review request.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include "events/schema_set.h"
#include "inbound_fixture.h"
#include "utc_text.h"

namespace qbo_sync::testing {
namespace {

std::int64_t whole_seconds_now() {
  using namespace std::chrono;
  return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}

class InboundReviewTest : public InboundFixture {
 protected:
  // Connected, imported, polling, with review requests on (or off).
  void ready(bool review_requests = true, int cdc_poll_interval_ms = kFrequentPolls) {
    start_plugin(cdc_poll_interval_ms);
    send_settings(/*import_old_invoices=*/false, review_requests);
    connect();
    wait_for_import();
    ASSERT_TRUE(eventually([&] { return polls() >= 1; }));
  }

  std::size_t requests() { return host_.review_requests().size(); }

  void expect_valid(const json::object& request) {
    static const events::detail::SchemaSet schemas;
    EXPECT_FALSE(schemas.check("host/send_review_request.v1", request)) << json::serialize(request);
  }
};

TEST_F(InboundReviewTest, FiresOnceWhenTheFirstInvoiceIsPaidInQuickBooks) {
  ready();
  const auto ann = add_customer("Ann Review", "ann.review@example.com");
  const auto first = add_invoice(ann, 100, "2026-02-01");
  const auto second = add_invoice(ann, 50, "2026-02-10");
  wait_for_polls();
  EXPECT_EQ(requests(), 0u);  // nothing paid yet

  pay(ann, first, 113);
  ASSERT_TRUE(eventually([&] { return requests() == 1; }));
  const auto request = host_.review_requests().front();
  expect_valid(request);
  EXPECT_EQ(request.at("account_id"), kInboundAccount);
  EXPECT_EQ(request.at("contact").at("email"), "ann.review@example.com");
  EXPECT_EQ(request.at("contact").at("name"), "Ann Review");
  EXPECT_TRUE(request.at("contact").at("crm_contact_id").is_string());
  EXPECT_EQ(request.at("invoice").at("qbo_invoice_id"), first.c_str());
  EXPECT_EQ(request.at("invoice").at("total"), "113.00");
  EXPECT_EQ(request.at("invoice").at("currency"), "CAD");

  // The second invoice paid, more polls, a reconcile-like repeat: never again.
  pay(ann, second, 56.5);
  wait_for_polls(3);
  EXPECT_EQ(requests(), 1u);
}

TEST_F(InboundReviewTest, DoesNotFireForAFirstInvoicePaidBeforeTheConnection) {
  // History: the first invoice was paid in full before the account connected.
  const auto gus = add_customer("Gus History", "gus.history@example.com");
  const auto old = add_invoice(gus, 100, "2019-05-01");
  pay(gus, old, 113);
  // QBO's times have whole seconds: the connection is made in a later second than the payment.
  // The clock is the one both the sandbox and the plugin read (std::time's coarse clock can lag
  // it by a tick and so name the second before the payment's).
  const auto paid_second = whole_seconds_now();
  ASSERT_TRUE(eventually([&] { return whole_seconds_now() > paid_second; }));
  ready();
  // Years later a new unpaid invoice, then a payment of it: neither is the first invoice paid.
  const auto fresh = add_invoice(gus, 50, "2026-02-01");
  wait_for_polls();
  pay(gus, fresh, 20);
  wait_for_polls(3);
  EXPECT_EQ(requests(), 0u);
}

TEST_F(InboundReviewTest, FiresWhenPaidPartlyThenInFull) {
  ready();
  const auto bob = add_customer("Bob Partial", "bob.partial@example.com");
  const auto first = add_invoice(bob, 100, "2026-02-01");
  pay(bob, first, 40);
  wait_for_polls();
  EXPECT_EQ(requests(), 0u);
  pay(bob, first, 73);
  ASSERT_TRUE(eventually([&] { return requests() == 1; }));
  EXPECT_EQ(host_.review_requests().front().at("invoice").at("qbo_invoice_id"), first.c_str());
  wait_for_polls();
  EXPECT_EQ(requests(), 1u);
}

TEST_F(InboundReviewTest, DoesNotFireForASecondInvoiceWhileTheFirstIsOpen) {
  ready();
  const auto cleo = add_customer("Cleo Second", "cleo.second@example.com");
  add_invoice(cleo, 100, "2026-02-01");
  const auto second = add_invoice(cleo, 20, "2026-03-01");
  pay(cleo, second, 22.6);
  wait_for_polls();
  EXPECT_EQ(balance_of(second), 0);
  EXPECT_EQ(requests(), 0u);
}

TEST_F(InboundReviewTest, DoesNotFireForAVoidedOrZeroTotalFirstInvoice) {
  ready();
  const auto dan = add_customer("Dan Voided", "dan.voided@example.com");
  const auto voided = add_invoice(dan, 100, "2026-02-01");
  void_invoice(voided);  // balance 0, but nothing was paid
  const auto eve = add_customer("Eve Zero", "eve.zero@example.com");
  add_invoice(eve, 0, "2026-02-01");  // balance 0 from the start
  wait_for_polls();
  EXPECT_EQ(balance_of(voided), 0);
  EXPECT_EQ(requests(), 0u);
}

TEST_F(InboundReviewTest, DoesNotFireWithTheToggleOff) {
  ready(/*review_requests=*/false);
  const auto fay = add_customer("Fay Off", "fay.off@example.com");
  const auto first = add_invoice(fay, 100, "2026-02-01");
  pay(fay, first, 113);
  wait_for_polls();
  EXPECT_EQ(requests(), 0u);
}

TEST_F(InboundReviewTest, FiresWhenPaidThroughTheCrmAndSynced) {
  ready();
  // The CRM's invoice goes to QuickBooks; its payment in the CRM is synced as a QBO Payment.
  // Made after the connection (an older CRM invoice is left to the old-invoice import).
  const auto created_at = utc_text_in(std::chrono::seconds{2});
  auto sent = valid_example("invoice.sent.v1", "01-ca-on-inv-1001.json");
  sent["invoice"].as_object()["created_at"] = created_at;
  sent["invoice"].as_object()["sent_at"] = created_at;
  ASSERT_EQ(plugin_->invoice_sent(json::serialize(sent)).status, QBO_SYNC_OK);
  auto paid = valid_example("invoice.updated.v1", "03-ca-on-inv-1001-paid.json");
  paid["invoice"].as_object()["created_at"] = created_at;
  paid["invoice"].as_object()["sent_at"] = created_at;
  ASSERT_EQ(plugin_->invoice_updated(json::serialize(paid)).status, QBO_SYNC_OK);
  ASSERT_TRUE(eventually([&] { return requests() == 1; }))
      << "invoices in QBO: " << json::serialize(ledger_objects("Invoice")) << "\nrecords: "
      << plugin_->admin(json::object{{"op", "list_records"}, {"account_id", kInboundAccount}}).text;
  const auto request = host_.review_requests().front();
  expect_valid(request);
  EXPECT_EQ(request.at("contact").at("email"),
            sent.at("invoice").at("contact").at("email").as_string());
  EXPECT_EQ(request.at("invoice").at("crm_invoice_id"), sent.at("invoice").at("id"));
  // The contact's own CRM id, not one the CRM made up for an echo of its customer.
  EXPECT_EQ(request.at("contact").at("crm_contact_id"),
            sent.at("invoice").at("contact").at("crm_contact_id"));
  wait_for_polls();
  EXPECT_EQ(requests(), 1u);
}

TEST_F(InboundReviewTest, ARestartBetweenPaymentAndPollDoesNotFireTwice) {
  // No timed polls: one poll at each start-up.
  ready(true, kNoTimedPolls);
  const auto gil = add_customer("Gil Restart", "gil.restart@example.com");
  const auto first = add_invoice(gil, 100, "2026-02-01");
  pay(gil, first, 113);
  EXPECT_EQ(requests(), 0u);  // no poll has seen it yet
  restart_plugin(kNoTimedPolls);
  ASSERT_TRUE(eventually([&] { return requests() == 1; }));
  // Another restart: the start-up poll reaches back over the same payment (overlap).
  const auto before = polls();
  restart_plugin(kNoTimedPolls);
  ASSERT_TRUE(eventually([&] { return polls() > before; }));
  EXPECT_EQ(requests(), 1u);
}

}  // namespace
}  // namespace qbo_sync::testing
