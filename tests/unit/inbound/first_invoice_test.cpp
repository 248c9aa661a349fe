#include "inbound/first_invoice.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "inbound/qbo_json.h"

namespace qbo_sync::inbound {
namespace {

InvoiceFacts make(std::string id, std::string date, std::string_view total,
                  std::string_view balance, bool voided = false) {
  InvoiceFacts facts;
  facts.id = std::move(id);
  facts.txn_date = std::move(date);
  facts.total = *money::Decimal::parse(total);
  facts.balance = *money::Decimal::parse(balance);
  facts.voided = voided;
  return facts;
}

TEST(FirstInvoice, IsTheEarliestByDateThenCreationThenNumericId) {
  EXPECT_EQ(
      first_invoice({make("5", "2026-02-01", "10", "10"), make("9", "2026-01-15", "10", "10")})->id,
      "9");
  auto a = make("10", "2026-01-15", "10", "10");
  auto b = make("9", "2026-01-15", "10", "10");
  EXPECT_EQ(first_invoice({a, b})->id, "9");  // 9 before 10, as numbers
  a.created_at = "2026-01-15T08:00:00Z";
  b.created_at = "2026-01-15T09:00:00Z";
  EXPECT_EQ(first_invoice({a, b})->id, "10");  // created first
}

TEST(FirstInvoice, MadeInTheSameSecondIsTheOneNumberedFirst) {
  // The sync posted S-9 before S-8 (Id 41 before 42), both in one second of one day.
  auto posted_first = make("41", "2026-01-15", "10", "10");
  auto numbered_first = make("42", "2026-01-15", "10", "10");
  posted_first.created_at = numbered_first.created_at = "2026-01-15T08:00:00Z";
  posted_first.number = "S-9";
  numbered_first.number = "S-8";
  EXPECT_EQ(first_invoice({posted_first, numbered_first})->id, "42");
  numbered_first.number = "S-10";  // 9 before 10, as numbers
  EXPECT_EQ(first_invoice({posted_first, numbered_first})->id, "41");
}

TEST(FirstInvoice, SkipsVoidedAndZeroTotalInvoices) {
  const auto voided = make("1", "2026-01-01", "0", "0", true);
  const auto zero = make("2", "2026-01-02", "0", "0");
  const auto real = make("3", "2026-01-03", "25", "25");
  EXPECT_EQ(first_invoice({voided, zero, real})->id, "3");
  EXPECT_FALSE(first_invoice({voided, zero}));
  EXPECT_FALSE(first_invoice({}));
}

TEST(FirstInvoice, IsPaidOnlyWhenItsBalanceIsZero) {
  EXPECT_TRUE(first_invoice_paid({make("1", "2026-01-01", "25", "0")}));
  EXPECT_FALSE(first_invoice_paid({make("1", "2026-01-01", "25", "0.01")}));
  // A later invoice paid does not count while the first is open.
  EXPECT_FALSE(
      first_invoice_paid({make("1", "2026-01-01", "25", "25"), make("2", "2026-02-01", "5", "0")}));
  // Voided and zero invoices have a zero balance but are never "paid".
  EXPECT_FALSE(first_invoice_paid({make("1", "2026-01-01", "0", "0", true)}));
  EXPECT_FALSE(first_invoice_paid({make("1", "2026-01-01", "0", "0")}));
}

TEST(PaymentFacts, ReadTheInvoicesAPaymentPaysAndWhenItWasRecorded) {
  const auto payment = boost::json::parse(R"json({"Id":"40","MetaData":{
      "CreateTime":"2026-03-01T10:00:00-08:00"},"Line":[
      {"Amount":10,"LinkedTxn":[{"TxnId":"7","TxnType":"Invoice"}]},
      {"Amount":5,"LinkedTxn":[{"TxnId":"3","TxnType":"CreditMemo"},
                               {"TxnId":"8","TxnType":"Invoice"}]}]})json")
                           .as_object();
  const auto facts = payment_facts(payment);
  EXPECT_EQ(facts.created_at, "2026-03-01T10:00:00-08:00");
  EXPECT_EQ(facts.invoice_ids, (std::vector<std::string>{"7", "8"}));
}

// An invoice paid by payments recorded at the given times (QBO's whole seconds).
bool paid_after(const std::vector<std::string>& payment_times, int64_t connected_at_ms) {
  auto invoice = make("7", "2019-05-01", "113", "0");
  invoice.updated_at = "2019-05-02T00:00:00Z";
  std::vector<PaymentFacts> payments{{"2026-01-01T00:00:00Z", {"99"}}};  // another invoice's
  for (const auto& time : payment_times) payments.push_back({time, {"7"}});
  return paid_since(invoice, payments, connected_at_ms);
}

TEST(PaidSince, OnlyWhenTheLastPaymentOfTheInvoiceCameAfterTheConnection) {
  const int64_t connected = *parse_qbo_time("2026-03-01T12:00:00Z") + 400;
  EXPECT_FALSE(paid_after({"2019-05-02T09:00:00Z"}, connected));  // history
  EXPECT_TRUE(paid_after({"2019-05-02T09:00:00Z", "2026-03-02T08:00:00Z"}, connected));
  // The second of the connection counts: QBO does not say which part of it.
  EXPECT_TRUE(paid_after({"2026-03-01T12:00:00Z"}, connected));
  EXPECT_FALSE(paid_after({"2026-03-01T11:59:59Z"}, connected));
}

TEST(PaidSince, WithoutAPaymentTheInvoicesLastChangeDecides) {
  auto invoice = make("7", "2019-05-01", "113", "0");
  const int64_t connected = *parse_qbo_time("2026-03-01T12:00:00Z");
  invoice.updated_at = "2019-05-02T00:00:00Z";
  EXPECT_FALSE(paid_since(invoice, {}, connected));
  invoice.updated_at = "2026-03-05T00:00:00Z";
  EXPECT_TRUE(paid_since(invoice, {}, connected));
}

}  // namespace
}  // namespace qbo_sync::inbound
