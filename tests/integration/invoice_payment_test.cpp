// CRM payments of invoices and the invoices' amount paid, through the real plugin against the QBO
// sandbox: whichever event comes first, every CRM dollar reaches QuickBooks once, as Payments
// applied to the invoices (never a Sales Receipt), so that each QBO invoice's Balance is the CRM
// total less the CRM amount paid.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "invoice_fixture.h"

namespace qbo_sync::testing {
namespace {

namespace json = boost::json;

constexpr const char* kFirstPayment = "pay-ca-0101";  // as the examples' invoice lists it

class InvoicePaymentTest : public InvoiceFixture {
 protected:
  // A payment.completed of `amount` (minor units) paying `story`'s invoice, as the CRM sends it
  // for an invoice: source invoice, one untaxed line for the amount.
  json::object payment_event(const InvoiceStory& story, const std::string& payment_id,
                             int64_t amount, int64_t revision = 1) {
    const json::object sent = story.sent();
    const auto& invoice = sent.at("invoice").as_object();
    const std::string total = money_text(amount);
    json::object payment{{"id", payment_id},
                         {"revision", revision},
                         {"source", "invoice"},
                         {"source_id", story.id()},
                         {"invoice_id", story.id()},
                         {"method", "bank_transfer"},
                         {"reference", "EFT-0310-5512"},
                         {"paid_at", "2026-03-10T12:00:00Z"},
                         {"currency", "CAD"},
                         {"contact", invoice.at("contact")},
                         {"lines", json::array{json::object{{"line_id", "li-1"},
                                                            {"name", "Invoice " + story.number()},
                                                            {"quantity", "1"},
                                                            {"unit_price", total},
                                                            {"amount", total},
                                                            {"taxable", false},
                                                            {"tax_lines", json::array()}}}},
                         {"subtotal", total},
                         {"tax_total", "0.00"},
                         {"total", total}};
    return json::object{
        {"schema", "payment.completed.v1"},
        {"account_id", kAccount},
        {"event_id", "evt-" + payment_id + "-" + story.id() + "-r" + std::to_string(revision)},
        {"occurred_at", "2026-03-10T12:00:05Z"},
        {"payment", std::move(payment)}};
  }

  // The story's QBO invoice has one payment: the one of the payment `record`.
  void expect_one_payment(const InvoiceStory& story, const json::object& record) {
    const auto invoice = qbo_invoice(story.number());
    const auto payments = payments_of(std::string(invoice.at("Id").as_string()), story.id());
    ASSERT_EQ(payments.size(), 1u);
    EXPECT_EQ(payments[0].at("Id"), record.at("qbo_id"));
  }

  Answer pay(const json::object& event) {
    Answer answer = plugin_->payment_completed(json::serialize(event));
    EXPECT_EQ(answer.status, QBO_SYNC_OK) << answer.text;
    return answer;
  }

  // The record of CRM object `crm_id` once it leaves todo (or the time is up).
  json::object record_of(const std::string& crm_id) { return settled(crm_id); }

  // The record of `crm_id` once it is todo for `reason`.
  json::object waiting_record(const std::string& crm_id, const std::string& reason) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    for (;;) {
      for (const auto& record : records()) {
        if (record.at("object_id") == crm_id.c_str() && record.at("status") == "todo" &&
            record.at("reason") == reason.c_str()) {
          return record.as_object();
        }
      }
      if (std::chrono::steady_clock::now() > deadline) {
        ADD_FAILURE() << crm_id << " never waited for " << reason << ": "
                      << json::serialize(records());
        return {};
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }

  // What the ledger must hold for a CRM invoice: Balance = CRM total - CRM amount paid, the
  // payments applied to it adding up to the amount paid, and no Sales Receipt anywhere.
  void expect_balanced(const InvoiceStory& story, int64_t crm_total, int64_t crm_paid,
                       std::size_t qbo_payments) {
    const auto invoice = qbo_invoice(story.number());
    EXPECT_EQ(cents(invoice.at("TotalAmt")), crm_total);
    EXPECT_EQ(cents(invoice.at("Balance")), crm_total - crm_paid);
    const auto payments = payments_of(std::string(invoice.at("Id").as_string()), story.id());
    EXPECT_EQ(payments.size(), qbo_payments);
    int64_t paid = 0;
    for (const auto& payment : payments) paid += cents(payment.at("TotalAmt"));
    EXPECT_EQ(paid, crm_paid);
    EXPECT_TRUE(ledger_objects("SalesReceipt").empty());
  }

  // A plugin whose pauses last as long as in production (15 minutes for a reconnect, a minute
  // for a payment waiting for its invoice): what goes at once was woken, not timed out.
  void use_real_pauses() {
    plugin_.reset();
    plugin_ = std::make_unique<PluginInstance>(*library_, host_,
                                               sandbox_.plugin_config(dir_.path().string(), 1));
  }
};

TEST_F(InvoicePaymentTest, APaymentEventBecomesOneQboPaymentAndTheRevisionAddsNothing) {
  const InvoiceStory story = connected_with_invoice("pay-first");
  pay(payment_event(story, kFirstPayment, 50000));
  const auto payment_record = record_of(kFirstPayment);
  ASSERT_EQ(payment_record.at("status"), "completed") << json::serialize(payment_record);
  expect_balanced(story, 117520, 50000, 1);

  send_synced(story.partly_paid());  // lists the same payment, amount paid 500.00
  expect_balanced(story, 111870, 50000, 1);
  expect_one_payment(story, payment_record);
}

TEST_F(InvoicePaymentTest, ARevisionThatListsAPaymentPostsItAndThePaymentEventIsMatchedToIt) {
  const InvoiceStory story = connected_with_invoice("revision-first");
  send_synced(story.partly_paid());
  expect_balanced(story, 111870, 50000, 1);

  pay(payment_event(story, kFirstPayment, 50000));
  const auto payment_record = record_of(kFirstPayment);
  ASSERT_EQ(payment_record.at("status"), "completed") << json::serialize(payment_record);
  expect_balanced(story, 111870, 50000, 1);
  expect_one_payment(story, payment_record);
}

TEST_F(InvoicePaymentTest, WhatOnlyTheAmountPaidCoversIsPostedOnceBesideThePaymentEvent) {
  const InvoiceStory story = connected_with_invoice("half");
  pay(payment_event(story, kFirstPayment, 50000));
  ASSERT_EQ(record_of(kFirstPayment).at("status"), "completed");

  // Paid in full, the second payment known only by the amount paid.
  json::object paid = story.paid();
  auto& listed = paid["invoice"].as_object()["payments"].as_array();
  listed.erase(listed.begin() + 1);
  send_synced(paid);
  expect_balanced(story, 111870, 111870, 2);

  // Redelivered, and again as a later revision of the payment: nothing more.
  EXPECT_EQ(plugin_->payment_completed(json::serialize(payment_event(story, kFirstPayment, 50000)))
                .status,
            QBO_SYNC_DUPLICATE);
  pay(payment_event(story, kFirstPayment, 50000, 2));
  ASSERT_EQ(record_of(kFirstPayment).at("status"), "completed");
  expect_balanced(story, 111870, 111870, 2);
}

TEST_F(InvoicePaymentTest, AnAmountPaidThatReachedQboBeforeItsPaymentEventIsNotPaidTwice) {
  const InvoiceStory story = connected_with_invoice("paid-unnamed");
  json::object unnamed = story.partly_paid();  // amount paid 500.00, no payment listed
  unnamed["invoice"].as_object()["payments"] = json::array();
  send_synced(unnamed);
  expect_balanced(story, 111870, 50000, 1);

  pay(payment_event(story, kFirstPayment, 50000));
  const auto record = record_of(kFirstPayment);
  ASSERT_EQ(record.at("status"), "completed") << json::serialize(record);
  expect_balanced(story, 111870, 50000, 1);

  // Paid in full, both payments listed: only the second is new money.
  send_synced(story.paid());
  expect_balanced(story, 111870, 111870, 2);
}

TEST_F(InvoicePaymentTest, APaymentWhoseAnswerIsLostIsPostedOnce) {
  const InvoiceStory story = connected_with_invoice("pay-lost");
  lose_next_payment_answer();
  pay(payment_event(story, kFirstPayment, 50000));
  const auto record = record_of(kFirstPayment);
  ASSERT_EQ(record.at("status"), "completed") << json::serialize(record);
  EXPECT_GE(record.at("attempts").as_int64(), 2);
  EXPECT_TRUE(sandbox_.control("GET", "/faults").at("faults").as_array().empty());
  expect_balanced(story, 117520, 50000, 1);
}

TEST_F(InvoicePaymentTest, APaymentOfAnInvoiceNotYetInQboWaitsForIt) {
  use_real_pauses();
  connect();
  InvoiceStory story("pay-early");
  pay(payment_event(story, kFirstPayment, 50000));
  waiting_record(kFirstPayment, "waiting_for_invoice");
  EXPECT_TRUE(ledger_objects("Payment").empty());

  send_synced(story.sent());
  const auto record = record_of(kFirstPayment);
  ASSERT_EQ(record.at("status"), "completed") << json::serialize(record);
  expect_balanced(story, 117520, 50000, 1);
}

TEST_F(InvoicePaymentTest, APaymentOfTwoInvoicesIsOneQboPaymentWithALinePerInvoice) {
  connect();
  InvoiceStory first("two-a");
  InvoiceStory second("two-b");
  send(first.sent());
  send(second.sent());
  ASSERT_EQ(settled(first.id()).at("status"), "completed");
  ASSERT_EQ(settled(second.id()).at("status"), "completed");

  json::object event = payment_event(first, "pay-two", 150000);
  event["payment"].as_object()["applied_to"] =
      json::array{json::object{{"invoice_id", first.id()}, {"amount", "1000.00"}},
                  json::object{{"invoice_id", second.id()}, {"amount", "500.00"}}};
  pay(event);
  const auto record = record_of("pay-two");
  ASSERT_EQ(record.at("status"), "completed") << json::serialize(record);
  const auto payments = ledger_objects("Payment");
  ASSERT_EQ(payments.size(), 1u);
  EXPECT_EQ(cents(payments[0].at("TotalAmt")), 150000);
  EXPECT_EQ(payments[0].at("Line").as_array().size(), 2u);
  EXPECT_EQ(cents(qbo_invoice(first.number()).at("Balance")), 117520 - 100000);
  EXPECT_EQ(cents(qbo_invoice(second.number()).at("Balance")), 117520 - 50000);
  EXPECT_TRUE(ledger_objects("SalesReceipt").empty());

  // The second invoice's revision listing the payment adds nothing.
  json::object listed = second.as_update(second.sent(), 2);
  auto& invoice = listed["invoice"].as_object();
  invoice["status"] = "partially_paid";
  invoice["amount_paid"] = "500.00";
  invoice["amount_due"] = "675.20";
  invoice["payments"] = json::array{json::object{
      {"payment_id", "pay-two"}, {"amount", "500.00"}, {"paid_at", "2026-03-10T12:00:00Z"}}};
  send(listed);
  ASSERT_EQ(settled(second.id()).at("status"), "completed");
  EXPECT_EQ(ledger_objects("Payment").size(), 1u);
  EXPECT_EQ(cents(qbo_invoice(second.number()).at("Balance")), 117520 - 50000);
}

TEST_F(InvoicePaymentTest, ALowerAmountPaidIsErroredAsAnUnsupportedChange) {
  const InvoiceStory story = connected_with_invoice("lower");
  send_synced(story.paid());
  send(story.as_update(story.partly_paid(), 5));
  const auto record = settled_as(story.id(), "errored", "unsupported_change");
  const std::string error = json::serialize(record.at("last_error"));
  EXPECT_NE(error.find("1118.70"), std::string::npos) << error;
  EXPECT_NE(error.find("500.00"), std::string::npos) << error;
  EXPECT_EQ(cents(qbo_invoice(story.number()).at("Balance")), 0);
}

TEST_F(InvoicePaymentTest, ARefundOfAnInvoicePaymentIsErroredAsAnUnsupportedChange) {
  const InvoiceStory story = connected_with_invoice("refund");
  pay(payment_event(story, kFirstPayment, 50000));
  ASSERT_EQ(record_of(kFirstPayment).at("status"), "completed");
  json::object refunded = payment_event(story, kFirstPayment, 50000, 2);
  refunded["payment"].as_object()["refunds"] = json::array{json::object{
      {"refund_id", "re-1"}, {"amount", "100.00"}, {"refunded_at", "2026-03-12T09:00:00Z"}}};
  pay(refunded);
  const auto record = record_of(kFirstPayment);
  ASSERT_EQ(record.at("status"), "errored") << json::serialize(record);
  EXPECT_EQ(record.at("reason"), "unsupported_change");
  EXPECT_TRUE(ledger_objects("RefundReceipt").empty());
  expect_balanced(story, 117520, 50000, 1);
}

}  // namespace
}  // namespace qbo_sync::testing
