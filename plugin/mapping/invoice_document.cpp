#include "mapping/invoice_document.h"

#include <cstdio>

#include "mapping/payment_document.h"
#include "money/currency.h"
#include "money/json_numbers.h"
#include "tax/plan_json.h"
#include "time/rfc3339.h"

namespace qbo_sync::mapping {
namespace json = boost::json;
namespace {

constexpr std::size_t kMaxPrivateNoteLength = 4000;
constexpr std::size_t kMaxDocNumber = 21;

std::string cut(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return std::string(text);
  std::size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end));
}

// FNV-1a, 64 bits: stable across builds and processes, unlike std::hash.
std::string fingerprint_of(std::string_view text) {
  uint64_t hash = 0xcbf29ce484222325ULL;
  for (char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  return hex;
}

std::string ref_member(const json::object& object, std::string_view key) {
  const auto* ref = object.if_contains(key);
  if (!ref || !ref->is_object()) return {};
  const auto* value = ref->as_object().if_contains("value");
  return value && value->is_string() ? std::string(value->as_string()) : std::string();
}

std::string text_member(const json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value && value->is_string() ? std::string(value->as_string()) : std::string();
}

}  // namespace

std::variant<InvoiceDocument, ReceiptRefusal> build_invoice(const InvoiceInput& input) {
  const events::Invoice& invoice = *input.invoice;
  const CompanyData& company = *input.company;
  if (invoice.number.empty() || invoice.number.size() > kMaxDocNumber) {
    ReceiptRefusal refusal{"invalid_document",
                           "the invoice number \"" + invoice.number +
                               "\" cannot be a QuickBooks invoice number (1 to 21 characters); "
                               "renumber the invoice in the CRM",
                           {}};
    refusal.details["field"] = "/invoice/number";
    return refusal;
  }
  if (input.line_items.size() != invoice.lines.size()) {
    return ReceiptRefusal{"invalid_document", "every invoice line needs a QuickBooks item", {}};
  }

  auto planned = plan_with_body(to_sales_document(invoice), input);
  if (auto* refusal = std::get_if<ReceiptRefusal>(&planned)) return std::move(*refusal);

  auto& [plan, body] = std::get<PlannedBody>(planned);
  InvoiceDocument result;
  result.plan = std::move(plan);
  result.doc_number = invoice.number;
  body["DocNumber"] = invoice.number;
  body["TxnDate"] = invoice.issue_date;
  if (!invoice.due_date.empty()) body["DueDate"] = invoice.due_date;
  const std::string email =
      invoice.billing_email.empty() ? invoice.contact.email : invoice.billing_email;
  if (!email.empty()) body["BillEmail"] = {{"Address", email}};
  if (!invoice.cc_emails.empty()) {
    // QBO holds the copies as one comma-separated address list.
    std::string copies;
    for (const std::string& address : invoice.cc_emails) {
      if (!copies.empty()) copies += ",";
      copies += address;
    }
    body["BillEmailCc"] = {{"Address", copies}};
  }
  body["PrivateNote"] = private_note_for_invoice(invoice);
  if (!invoice.memo.empty()) body["CustomerMemo"] = {{"value", cut(invoice.memo, 1000)}};
  if (invoice.currency != company.home_currency() || company.multicurrency_enabled()) {
    body["CurrencyRef"] = {{"value", invoice.currency}};
  }
  result.fingerprint = fingerprint_of(money::serialize_exact(body));
  result.body = std::move(body);
  return result;
}

std::string private_note_for_invoice(const events::Invoice& invoice) {
  return cut("CRM invoice " + invoice.id + " (" + invoice.number + ")", kMaxPrivateNoteLength);
}

std::optional<money::Amount> qbo_amount(const json::object& object, std::string_view key,
                                        int digits) {
  const auto* value = object.if_contains(key);
  if (!value) return std::nullopt;
  const auto decimal = money::decimal_from_json(*value);
  if (!decimal) return std::nullopt;
  return money::Amount::parse(decimal->to_string(), digits);
}

bool is_same_invoice(const json::object& qbo_invoice, const std::string& customer_id,
                     const money::Amount& crm_total) {
  if (ref_member(qbo_invoice, "CustomerRef") != customer_id) return false;
  const auto total = qbo_amount(qbo_invoice, "TotalAmt", crm_total.digits);
  return total && *total == crm_total;
}

json::object describe_number_clash(const events::Invoice& invoice, const std::string& customer_id,
                                   const json::object& qbo_invoice) {
  json::object crm{{"number", invoice.number},
                   {"customer_id", customer_id},
                   {"total", invoice.total.to_string()},
                   {"issue_date", invoice.issue_date}};
  json::object quickbooks{{"id", text_member(qbo_invoice, "Id")},
                          {"number", text_member(qbo_invoice, "DocNumber")},
                          {"customer_id", ref_member(qbo_invoice, "CustomerRef")},
                          {"date", text_member(qbo_invoice, "TxnDate")}};
  if (const auto* ref = qbo_invoice.if_contains("CustomerRef"); ref && ref->is_object()) {
    if (const auto* name = ref->as_object().if_contains("name"); name && name->is_string())
      quickbooks["customer_name"] = *name;
  }
  if (auto total = qbo_amount(qbo_invoice, "TotalAmt", invoice.total.digits))
    quickbooks["total"] = total->to_string();
  return {{"crm", std::move(crm)}, {"quickbooks", std::move(quickbooks)}};
}

bool predates(std::string_view text, int64_t connected_at_ms) {
  const auto parts = time::read_rfc3339(text);
  if (!parts) return false;
  // Milliseconds one unit of the text's last digit spans: 1000 for whole seconds, 100 for
  // tenths, ... 1 for milliseconds or finer.
  int64_t resolution = 1000;
  for (int digit = 0; digit < parts->fraction_digits && resolution > 1; ++digit) resolution /= 10;
  return *time::epoch_ms(text) + resolution <= connected_at_ms;
}

}  // namespace qbo_sync::mapping
