#include "inbound/first_invoice.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace qbo_sync::inbound
