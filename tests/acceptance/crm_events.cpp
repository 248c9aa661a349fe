#include "crm_events.h"

#include <boost/json.hpp>

namespace qbo_sync::acceptance {
namespace {

namespace json = boost::json;

const char* currency_of(const CrmBook& book) {
  return book.country == "US" ? "USD" : "CAD";
}

json::object contact_json(const BookContact& contact) {
  json::object object{{"crm_contact_id", contact.id}};
  if (!contact.first_name.empty()) object["first_name"] = contact.first_name;
  if (!contact.last_name.empty()) object["last_name"] = contact.last_name;
  if (!contact.company_name.empty()) object["company_name"] = contact.company_name;
  if (!contact.email().empty()) object["email"] = contact.email();
  object["billing_address"] = {{"line1", "1 Main St"},
                               {"city", contact.country == "US" ? "Albany" : "Toronto"},
                               {"region", contact.region},
                               {"postal_code", contact.country == "US" ? "12207" : "M5H 1J9"},
                               {"country", contact.country}};
  return object;
}

json::array lines_json(const BookDocument& document) {
  json::array lines;
  int index = 0;
  for (const auto& line : document.lines) {
    json::object object{
        {"line_id", "li-" + std::to_string(++index)},
        {"name", line.name},
        {"quantity", "1"},
        {"unit_price", money_text(line.cents + line.discount_cents)},
        {"amount", money_text(line.cents)},
        {"taxable", line.treatment == Treatment::taxed || line.treatment == Treatment::zero_rated}};
    // Out of scope cannot be told by the tax lines (it has none, as an exempt line): it is named.
    if (line.treatment == Treatment::out_of_scope) object["tax_treatment"] = "out_of_scope";
    if (line.discount_cents > 0)
      object["discount"] = {{"name", "Loyalty"}, {"amount", money_text(line.discount_cents)}};
    json::array taxes;
    for (const auto& tax : line.taxes) {
      taxes.push_back({{"name", tax.name}, {"rate", tax.rate}, {"amount", money_text(tax.cents)}});
    }
    object["tax_lines"] = std::move(taxes);
    lines.push_back(std::move(object));
  }
  return lines;
}

// The document's money members, as a CRM states them.
void put_totals(json::object& object, const BookDocument& document) {
  object["lines"] = lines_json(document);
  object["subtotal"] = money_text(document.subtotal());
  object["discount_total"] = "0.00";
  object["tax_total"] = money_text(document.tax_total());
  object["total"] = money_text(document.total());
}

}  // namespace

json::object settings_event(const CrmBook& book, const std::string& account, int revision,
                            bool review_requests) {
  json::array mappings;
  for (const auto& mapping : book.tax_mappings) {
    json::object entry{{"crm_tax_name", mapping.name},
                       {"crm_tax_rate", mapping.rate},
                       {"qbo_tax_code_id", mapping.code_id}};
    if (!mapping.region.empty()) entry["region"] = mapping.region;
    mappings.push_back(std::move(entry));
  }
  json::object settings{{"revision", revision},
                        {"sync_payments", true},
                        {"sync_invoices", true},
                        {"import_old_invoices", false},
                        {"review_request_on_first_paid_invoice", review_requests},
                        {"skip_zero_total_orders", true},
                        {"admin_emails", json::array{"owner@story.example"}},
                        {"tax_mappings", std::move(mappings)}};
  if (book.country != "US") settings["exempt_tax_code_id"] = "2";
  return {{"schema", "settings.changed.v1"},
          {"account_id", account},
          {"event_id", "evt-settings-" + std::to_string(revision)},
          {"occurred_at", "2026-03-01T12:00:00Z"},
          {"settings", std::move(settings)}};
}

json::object payment_event(const CrmBook& book, const BookPayment& payment,
                           const std::string& account, const std::string& event_id,
                           const std::string& now) {
  const std::string paid_at = payment.document.date + "T12:00:00Z";
  json::object object{{"id", payment.id},
                      {"revision", payment.revision},
                      {"source", payment.source},
                      {"method", "card"},
                      {"method_detail", "Visa ending 4242"},
                      {"reference", "ch_" + payment.id},
                      {"processor", "stripe"},
                      {"paid_at", paid_at},
                      {"currency", currency_of(book)},
                      {"tax_inclusive", false},
                      {"contact", contact_json(book.contact(payment.contact_id))}};
  if (payment.pays_invoices()) {
    object["source_id"] = payment.applied_to.front().invoice_id;
    object["invoice_id"] = payment.applied_to.front().invoice_id;
    if (payment.applied_to.size() > 1) {
      json::array applied;
      for (const auto& application : payment.applied_to) {
        applied.push_back(
            {{"invoice_id", application.invoice_id}, {"amount", money_text(application.cents)}});
      }
      object["applied_to"] = std::move(applied);
    }
  } else {
    object["source_id"] = "src-" + payment.id;
  }
  put_totals(object, payment.document);
  if (!payment.refunds.empty()) {
    json::array refunds;
    for (const auto& refund : payment.refunds) {
      refunds.push_back({{"refund_id", refund.id},
                         {"amount", money_text(refund.cents)},
                         {"refunded_at", now},
                         {"reason", "Customer asked"}});
    }
    object["refunds"] = std::move(refunds);
  }
  return {{"schema", "payment.completed.v1"},
          {"account_id", account},
          {"event_id", event_id},
          {"occurred_at", now},
          {"payment", std::move(object)}};
}

json::object invoice_event(const CrmBook& book, const BookInvoice& invoice,
                           const std::string& account, const std::string& schema,
                           const std::string& event_id, const std::string& created_at,
                           const std::string& now) {
  const auto& contact = book.contact(invoice.contact_id);
  const int64_t total = invoice.document.total();
  const char* status = invoice.voided                 ? "void"
                       : invoice.amount_paid >= total ? "paid"
                       : invoice.amount_paid > 0      ? "partially_paid"
                                                      : "sent";
  json::object object{{"id", invoice.id},
                      {"revision", invoice.revision},
                      {"number", invoice.number},
                      {"status", status},
                      {"issue_date", invoice.document.date},
                      {"created_at", created_at},
                      {"sent_at", created_at},
                      {"origin", "crm"},
                      {"currency", currency_of(book)},
                      {"tax_inclusive", false},
                      {"contact", contact_json(contact)}};
  if (!contact.email().empty()) object["billing_email"] = contact.email();
  if (invoice.voided) object["voided_at"] = now;
  put_totals(object, invoice.document);
  object["amount_paid"] = money_text(invoice.amount_paid);
  object["amount_due"] = money_text(invoice.voided ? 0 : total - invoice.amount_paid);
  json::array payments;
  int64_t listed = 0;
  for (const auto& payment : book.payments) {
    for (const auto& application : payment.applied_to) {
      if (application.invoice_id != invoice.id) continue;
      payments.push_back({{"payment_id", payment.id},
                          {"amount", money_text(application.cents)},
                          {"paid_at", payment.document.date + "T12:00:00Z"},
                          {"method", "card"}});
      listed += application.cents;
    }
  }
  if (listed < invoice.amount_paid) {  // paid through the invoice's own payment link
    payments.push_back({{"payment_id", invoice.id + "-link-" + std::to_string(invoice.revision)},
                        {"amount", money_text(invoice.amount_paid - listed)},
                        {"paid_at", now},
                        {"method", "card"}});
  }
  object["payments"] = std::move(payments);
  return {{"schema", schema},
          {"account_id", account},
          {"event_id", event_id},
          {"occurred_at", now},
          {"invoice", std::move(object)}};
}

}  // namespace qbo_sync::acceptance
