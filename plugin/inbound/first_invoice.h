// The review-request rule: a contact's first invoice is its earliest non-voided invoice with a
// total above zero (by transaction date, then creation time, then Id); the request is due when
// that invoice's balance reaches zero. Pure.
#pragma once

#include <optional>
#include <vector>

#include "inbound/invoice_document.h"

namespace qbo_sync::inbound {

// The customer's first invoice among `invoices` (all of one customer), if any counts.
std::optional<InvoiceFacts> first_invoice(const std::vector<InvoiceFacts>& invoices);

// True when the first invoice exists and is paid in full (balance zero).
bool first_invoice_paid(const std::vector<InvoiceFacts>& invoices);

}  // namespace qbo_sync::inbound
