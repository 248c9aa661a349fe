// QBO documents as the QuickBooks → CRM side reads them: a Customer becomes an upsert_contact
// request, an Invoice an import_invoice request and the facts of the review-request rule. The input
// is any QBO JSON answer; the objects in it (the root, its members, the rows of a QueryResponse or
// CDCResponse) are each read as a customer and as an invoice. What the plugin would send the host
// must be UTF-8 JSON, and QBO times read back from their own formatting.
#include <string>
#include <vector>

#include "fuzz_checks.h"
#include "inbound/customer_contact.h"
#include "inbound/first_invoice.h"
#include "inbound/invoice_document.h"
#include "inbound/qbo_json.h"

namespace {

using namespace qbo_sync;
constexpr std::size_t kMaxDocuments = 64;

void collect(const boost::json::value& value, int depth,
             std::vector<const boost::json::object*>& found) {
  if (found.size() >= kMaxDocuments || depth > 4) return;
  if (value.is_object()) {
    found.push_back(&value.as_object());
    for (const auto& member : value.as_object()) collect(member.value(), depth + 1, found);
  } else if (value.is_array()) {
    for (const auto& item : value.as_array()) collect(item, depth + 1, found);
  }
}

void require_host_json(const boost::json::object& request, std::string_view what) {
  fuzz::require_json_object(boost::json::serialize(request), what);
}

void read_as_customer(const boost::json::object& customer) {
  fuzz::require_utf8(inbound::customer_display_name(customer), "a display name is UTF-8");
  require_host_json(inbound::contact_request("acct-1", customer, "", "CA"),
                    "an upsert_contact request is UTF-8 JSON");
  require_host_json(inbound::contact_request("acct-1", customer, "contact-9", ""),
                    "an upsert_contact request for a linked contact is UTF-8 JSON");
  fuzz::require_utf8(
      inbound::usable_email(inbound::text_at(customer, "PrimaryEmailAddr", "Address")),
      "a usable e-mail is UTF-8");
}

void require_time_round_trip(std::string_view text) {
  const auto parsed = inbound::parse_qbo_time(text);
  if (!parsed) return;
  const auto formatted = inbound::format_qbo_time(*parsed);
  fuzz::require(inbound::parse_qbo_time(formatted) == parsed, "QBO times read back", formatted);
}

void read_as_invoice(const boost::json::object& invoice, std::vector<inbound::InvoiceFacts>& all) {
  require_time_round_trip(inbound::text_at(invoice, "MetaData", "LastUpdatedTime"));
  require_time_round_trip(inbound::text_at(invoice, "MetaData", "CreateTime"));
  const auto facts = inbound::invoice_facts(invoice, "CAD");
  if (!facts) return;
  const auto status = inbound::invoice_status(*facts);
  fuzz::require(
      status == "open" || status == "partially_paid" || status == "paid" || status == "void",
      "an invoice status is one of the four", status);
  const inbound::ImportedContact contact{"contact-9", "Amy's Bird Sanctuary", "amy@example.com"};
  require_host_json(inbound::invoice_import_request("acct-1", invoice, *facts, contact, ""),
                    "an import_invoice request is UTF-8 JSON");
  all.push_back(*facts);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  boost::system::error_code error;
  const auto value = boost::json::parse(fuzz::as_text(data, size), error);
  if (error) return 0;
  std::vector<const boost::json::object*> documents;
  collect(value, 0, documents);
  std::vector<inbound::InvoiceFacts> invoices;
  for (const auto* document : documents) {
    read_as_customer(*document);
    read_as_invoice(*document, invoices);
  }
  static_cast<void>(inbound::first_invoice(invoices));
  static_cast<void>(inbound::first_invoice_paid(invoices));
  return 0;
}
