#include "engine/invoice_payment_sync.h"

#include <algorithm>

#include <boost/json/array.hpp>

#include "engine/qbo_entities.h"
#include "mapping/company_data.h"
#include "mapping/invoice_document.h"
#include "mapping/payment_document.h"
#include "mapping/sales_receipt.h"

namespace qbo_sync::engine {
namespace json = boost::json;
using store::AttemptOutcome;

std::vector<events::InvoiceApplication> paid_invoices(const events::Payment& payment) {
  if (!payment.applied_to.empty()) return payment.applied_to;
  return {events::InvoiceApplication{payment.invoice_id, payment.total}};
}

InvoicePaymentSync::InvoicePaymentSync(store::Store& store, qbo::ApiClient& api, Clock clock,
                                       const FaultOutcomes& faults, double time_scale)
    : store_(store),
      api_(api),
      clock_(std::move(clock)),
      faults_(faults),
      time_scale_(time_scale),
      poster_(store, api) {}

AttemptOutcome InvoicePaymentSync::waiting_for(const std::vector<std::string>& invoice_ids) const {
  json::array ids;
  for (const auto& id : invoice_ids) ids.emplace_back(id);
  AttemptOutcome waiting;
  waiting.reason = "waiting_for_invoice";
  waiting.next_attempt_at_ms =
      clock_() + std::max<int64_t>(1, static_cast<int64_t>(kInvoiceWaitMs * time_scale_));
  waiting.audit_detail =
      audit("waiting", {{"reason", "waiting_for_invoice"}, {"invoice_ids", std::move(ids)}});
  return waiting;
}

AttemptOutcome InvoicePaymentSync::run(const store::SyncRecord& record,
                                       const events::Payment& payment,
                                       const events::Settings& settings,
                                       const qbo::Connection& connection,
                                       const store::ConnectionRow& row) {
  const auto linked = store_.link(record.account_id, "payment", payment.id);
  const std::string linked_id = linked ? linked->qbo_id : std::string();
  for (const events::Refund& refund : payment.refunds) {
    if (refund.amount.minor == 0) continue;
    return errored(
        "unsupported_change",
        own_error("unsupported_change",
                  "Payment " + payment.id + " of an invoice was refunded (" + refund.refund_id +
                      ", " + refund.amount.to_string() +
                      "). Refunds of invoice payments are not sent to QuickBooks yet: record the "
                      "refund in QuickBooks yourself (a refund receipt or a credit memo for the "
                      "customer), then click Skip on this record.",
                  {{"refund_id", refund.refund_id}, {"amount", refund.amount.to_string()}}),
        linked_id);
  }

  const auto applications = paid_invoices(payment);
  std::vector<std::string> missing;
  std::vector<store::Link> invoice_links;
  for (const auto& application : applications) {
    auto link = store_.link(record.account_id, "invoice", application.invoice_id);
    if (!link || link->qbo_type != "Invoice") {
      missing.push_back(application.invoice_id);
    } else {
      invoice_links.push_back(std::move(*link));
    }
  }
  if (!missing.empty()) return waiting_for(missing);

  auto company = mapping::parse_company_data(row.company_json);
  if (auto* error = std::get_if<mapping::CompanyDataError>(&company)) {
    return errored("company_data", own_error("company_data", error->message), linked_id);
  }
  const auto& company_data = std::get<mapping::CompanyData>(company);

  mapping::CrmPaymentInput input;
  input.crm_payment_id = payment.id;
  input.txn_date = mapping::date_part(payment.paid_at);
  input.reference = payment.reference;
  input.payment_method_id = mapping::payment_method_id(settings, payment.method);
  if (payment.currency != company_data.home_currency() || company_data.multicurrency_enabled()) {
    input.currency = payment.currency;
  }
  const int digits = payment.total.digits;
  for (std::size_t i = 0; i < applications.size(); ++i) {
    auto answer = api_.read(connection, "Invoice", invoice_links[i].qbo_id);
    if (!answer) return faults_.after_fault(answer.fault(), true, record.revision_attempts);
    const json::object invoice = unwrap_entity(answer.value().entity, "Invoice");
    const std::string customer = string_member(
        invoice.if_contains("CustomerRef") ? invoice.at("CustomerRef") : json::value(), "value");
    if (input.customer_id.empty()) input.customer_id = customer;
    if (customer != input.customer_id) {
      return errored("invoices_of_several_customers",
                     own_error("invoices_of_several_customers",
                               "Payment " + payment.id +
                                   " pays invoices of different QuickBooks customers, and a "
                                   "QuickBooks payment belongs to one customer. Record it in "
                                   "QuickBooks by hand, then click Skip on this record."),
                     linked_id);
    }
    const auto balance = mapping::qbo_amount(invoice, "Balance", digits);
    input.invoices.push_back({invoice_links[i].qbo_id, string_member(invoice, "DocNumber"),
                              applications[i].amount, balance.value_or(money::Amount{0, digits})});
  }
  auto posted = poster_.ensure(connection, record.account_id, input);
  if (!posted) return faults_.after_fault(posted.fault(), true, record.revision_attempts);
  return completed(posted.value(), linked ? "already_linked" : "applied_to_invoices");
}

}  // namespace qbo_sync::engine
