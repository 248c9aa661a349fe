#include "inbound/first_invoice.h"

#include <algorithm>

#include <boost/json.hpp>

#include "inbound/qbo_json.h"

namespace qbo_sync::inbound {
namespace {

// Ids are numbers in QBO, and document numbers usually end in one; compare them so that "10"
// comes after "9".
bool id_before(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return a.size() < b.size();
  return a < b;
}

bool earlier(const InvoiceFacts& a, const InvoiceFacts& b) {
  if (a.txn_date != b.txn_date) return a.txn_date < b.txn_date;
  const auto created_a = parse_qbo_time(a.created_at).value_or(0);
  const auto created_b = parse_qbo_time(b.created_at).value_or(0);
  if (created_a != created_b) return created_a < created_b;
  // Made in the same second (QBO keeps whole seconds), as a CRM does when it sends two invoices
  // at once: the one numbered first was issued first, whichever the sync happened to post first.
  if (a.number != b.number) return id_before(a.number, b.number);
  return id_before(a.id, b.id);
}

}  // namespace

std::optional<InvoiceFacts> first_invoice(const std::vector<InvoiceFacts>& invoices) {
  const InvoiceFacts* first = nullptr;
  for (const auto& invoice : invoices) {
    if (invoice.voided || invoice.total <= money::Decimal::from_integer(0)) continue;
    if (!first || earlier(invoice, *first)) first = &invoice;
  }
  if (!first) return std::nullopt;
  return *first;
}

bool first_invoice_paid(const std::vector<InvoiceFacts>& invoices) {
  const auto first = first_invoice(invoices);
  return first && first->balance == money::Decimal::from_integer(0);
}

PaymentFacts payment_facts(const boost::json::object& payment) {
  PaymentFacts facts;
  facts.created_at = text_at(payment, "MetaData", "CreateTime");
  const auto* lines = payment.if_contains("Line");
  if (lines == nullptr || !lines->is_array()) return facts;
  for (const auto& line : lines->as_array()) {
    const auto* linked = line.is_object() ? line.as_object().if_contains("LinkedTxn") : nullptr;
    if (linked == nullptr || !linked->is_array()) continue;
    for (const auto& txn : linked->as_array()) {
      if (!txn.is_object() || text_at(txn.as_object(), "TxnType") != "Invoice") continue;
      facts.invoice_ids.push_back(text_at(txn.as_object(), "TxnId"));
    }
  }
  return facts;
}

bool paid_since(const InvoiceFacts& invoice, const std::vector<PaymentFacts>& payments,
                int64_t connected_at_ms) {
  constexpr int64_t kSecondMs = 1000;
  const int64_t since = connected_at_ms - connected_at_ms % kSecondMs;
  std::optional<int64_t> last_payment;
  for (const auto& payment : payments) {
    const auto& ids = payment.invoice_ids;
    if (std::find(ids.begin(), ids.end(), invoice.id) == ids.end()) continue;
    const int64_t created = parse_qbo_time(payment.created_at).value_or(0);
    last_payment = std::max(last_payment.value_or(created), created);
  }
  const int64_t paid_at =
      last_payment ? *last_payment : parse_qbo_time(invoice.updated_at).value_or(0);
  return paid_at >= since;
}

}  // namespace qbo_sync::inbound
