// A CRM invoice as a QBO Invoice body: DocNumber (the CRM number), dates, billing e-mail,
// customer, lines, discounts and tax from the tax engine's plan; and what is needed to decide
// whether an invoice QBO already holds under that number is this one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <boost/json/object.hpp>

#include "events/typed_events.h"
#include "mapping/company_data.h"
#include "mapping/payment_document.h"
#include "mapping/sales_receipt.h"
#include "money/amount.h"
#include "tax/document_plan.h"

namespace qbo_sync::mapping {

struct InvoiceInput : DocumentInput {
  const events::Invoice* invoice = nullptr;
};

struct InvoiceDocument {
  boost::json::object body;  // no Id or SyncToken; write it with money::serialize_exact
  tax::DocumentPlan plan;    // for tax::check_posted_totals after posting
  std::string doc_number;
  // Identifies the body's content: equal fingerprints, nothing to update in QBO.
  std::string fingerprint;
};

// Refusals are the Sales Receipt's (total_mismatch, missing_tax_mapping, invalid_document,
// company_data); a number QBO cannot hold (empty or over 21 characters) is invalid_document.
std::variant<InvoiceDocument, ReceiptRefusal> build_invoice(const InvoiceInput& input);

// "CRM invoice inv-1001 (INV-1001)", at most 4000 characters.
std::string private_note_for_invoice(const events::Invoice& invoice);

// An exact amount held in a QBO JSON member (number or text); nullopt when absent or not money
// of `digits` decimals.
std::optional<money::Amount> qbo_amount(const boost::json::object& object, std::string_view key,
                                        int digits);

// Whether the invoice QBO holds under the CRM's number is this invoice: same customer and same
// total, to the cent.
bool is_same_invoice(const boost::json::object& qbo_invoice, const std::string& customer_id,
                     const money::Amount& crm_total);

// Both sides of a number clash, for the admin: {"crm":{number,customer_id,total,issue_date},
// "quickbooks":{id,number,customer_id,customer_name,total,date}}.
boost::json::object describe_number_clash(const events::Invoice& invoice,
                                          const std::string& customer_id,
                                          const boost::json::object& qbo_invoice);

// True when every instant the RFC 3339 text can denote at the resolution it was written in lies
// before `connected_at_ms`: a time sent in whole seconds that falls in the connection's second is
// not before it. False when the text is not a time.
bool predates(std::string_view rfc3339, int64_t connected_at_ms);

}  // namespace qbo_sync::mapping
