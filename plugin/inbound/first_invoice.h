// The review-request rule: a contact's first invoice is its earliest non-voided invoice with a
// total above zero (by transaction date, then creation time, then Id); the request is due when
// that invoice's balance reaches zero after the account connected (history paid before then asks
// for nothing). Pure.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "inbound/invoice_document.h"

namespace qbo_sync::inbound {

// The customer's first invoice among `invoices` (all of one customer), if any counts.
std::optional<InvoiceFacts> first_invoice(const std::vector<InvoiceFacts>& invoices);

// True when the first invoice exists and is paid in full (balance zero).
bool first_invoice_paid(const std::vector<InvoiceFacts>& invoices);

// What the rule needs of a QBO Payment: when QBO recorded it, and the invoices it pays.
struct PaymentFacts {
  std::string created_at;  // MetaData.CreateTime
  std::vector<std::string> invoice_ids;
};
PaymentFacts payment_facts(const boost::json::object& payment);

// True when `invoice` (paid in full) became so at or after `connected_at_ms`: the last payment
// applied to it was recorded then (QBO's times have whole seconds, so the second of the
// connection counts); paid by other means (no payment names it), its last change was.
bool paid_since(const InvoiceFacts& invoice, const std::vector<PaymentFacts>& payments,
                int64_t connected_at_ms);

}  // namespace qbo_sync::inbound
