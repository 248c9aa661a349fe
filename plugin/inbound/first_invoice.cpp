#include "inbound/first_invoice.h"

#include "inbound/qbo_json.h"

namespace qbo_sync::inbound {
namespace {

// Ids are numbers in QBO; compare them as numbers so that "10" comes after "9".
bool id_before(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return a.size() < b.size();
  return a < b;
}

bool earlier(const InvoiceFacts& a, const InvoiceFacts& b) {
  if (a.txn_date != b.txn_date) return a.txn_date < b.txn_date;
  const auto created_a = parse_qbo_time(a.created_at).value_or(0);
  const auto created_b = parse_qbo_time(b.created_at).value_or(0);
  if (created_a != created_b) return created_a < created_b;
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

}  // namespace qbo_sync::inbound
