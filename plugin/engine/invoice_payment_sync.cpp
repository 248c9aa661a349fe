#include "engine/invoice_payment_sync.h"

#include <algorithm>
#include <mutex>

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "mapping/company_data.h"
#include "mapping/invoice_document.h"
#include "mapping/payment_document.h"
#include "mapping/sales_receipt.h"
#include "qbo_client/entity_refs.h"
#include "qbo_client/query_builder.h"

namespace qbo_sync::engine {
namespace json = boost::json;
using store::AttemptOutcome;

namespace {

// Refunds of invoice payments are not sent yet: the first refund of the payment, refused.
std::optional<AttemptOutcome> refused_refund(const events::Payment& payment,
                                             const std::string& linked_id) {
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
  return std::nullopt;
}

}  // namespace

std::vector<events::InvoiceApplication> paid_invoices(const events::Payment& payment) {
  if (!payment.applied_to.empty()) return payment.applied_to;
  return {events::InvoiceApplication{payment.invoice_id, payment.total}};
}

InvoicePaymentSync::InvoicePaymentSync(SyncContext& context) : context_(context) {}

AttemptOutcome InvoicePaymentSync::after_fault(const store::SyncRecord& record,
                                               const qbo::Fault& fault) const {
  return context_.faults.after_fault(fault, true, record.revision_attempts);
}

AttemptOutcome InvoicePaymentSync::waiting_for(const std::vector<std::string>& invoice_ids) const {
  json::array ids;
  for (const auto& id : invoice_ids) ids.emplace_back(id);
  return todo_until("waiting_for_invoice", context_.clock() + context_.scaled(kInvoiceWaitMs),
                    "waiting", {{"invoice_ids", std::move(ids)}});
}

qbo::Outcome<std::optional<AttemptOutcome>> InvoicePaymentSync::claim_amount_paid(
    const store::SyncRecord& record, const std::string& crm_invoice_id,
    const qbo::Connection& connection, mapping::CrmPaymentInput& input) {
  const std::optional<AttemptOutcome> not_covered;
  store::Store& store = context_.store;
  if (store.link(record.account_id, "payment", input.crm_payment_id)) return not_covered;
  auto query = qbo::QueryBuilder::select_all("Payment")
                   .where("CustomerRef", qbo::QueryOperator::equal, input.customer_id)
                   .max_results(1000);
  auto answer = context_.api.query(connection, query);
  if (!answer) return std::move(answer).fault();
  const json::array rows = qbo::query_rows(answer.value().entity, "Payment");
  if (mapping::find_crm_payment(rows, input.crm_payment_id)) return not_covered;

  mapping::PaidInvoice& paid = input.invoices.front();
  const int digits = paid.amount.digits;
  const std::string state_name = "amount_paid_claims:" + connection.realm + ":" + crm_invoice_id;
  json::object claims;
  if (const auto text = store.state(record.account_id, state_name)) {
    const json::value parsed = json::parse(*text);
    if (parsed.is_object()) claims = parsed.as_object();
  }
  int64_t claimed_by_others = 0;
  for (const auto& [payment_id, minor] : claims) {
    if (payment_id != input.crm_payment_id && minor.is_int64())
      claimed_by_others += minor.as_int64();
  }
  const int64_t unclaimed =
      mapping::paid_by_plugin(rows, crm_invoice_id, digits).minor - claimed_by_others;
  if (unclaimed <= 0) return not_covered;
  const int64_t taken = std::min(unclaimed, paid.amount.minor);
  claims[input.crm_payment_id] = taken;
  store.put_state(record.account_id, state_name, json::serialize(claims));
  if (taken < paid.amount.minor) {
    paid.amount.minor -= taken;
    return not_covered;
  }
  // All of it is in QBO already: the payment is the amount-paid Payment that holds it.
  std::string holder;
  const std::string prefix = mapping::payment_note_prefix(crm_invoice_id);
  for (const qbo::Entity& row : qbo::entity_rows(answer.value().entity, "Payment")) {
    if (row.private_note.rfind(prefix, 0) == 0) holder = row.id;
  }
  store.put_link(
      {record.account_id, "payment", input.crm_payment_id, "Payment", holder, "", "crm"});
  return std::optional<AttemptOutcome>(completed(holder, "covered_by_invoice_amount_paid"));
}

// Each QBO invoice the payment pays, read for its customer, number and open balance.
std::optional<AttemptOutcome> InvoicePaymentSync::add_invoices(
    const store::SyncRecord& record, const events::Payment& payment,
    const qbo::Connection& connection, const std::vector<store::Link>& invoice_links,
    mapping::CrmPaymentInput& input, const std::string& linked_id) {
  const int digits = payment.total.digits;
  const auto applications = paid_invoices(payment);
  for (std::size_t i = 0; i < applications.size(); ++i) {
    auto answer = context_.api.read(connection, "Invoice", invoice_links[i].qbo_id);
    if (!answer) return after_fault(record, answer.fault());
    const qbo::Entity invoice = qbo::entity_of(answer.value().entity, "Invoice");
    const std::string& customer = invoice.customer_ref.value;
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
    input.invoices.push_back({invoice_links[i].qbo_id, invoice.doc_number, applications[i].amount,
                              money::Amount{invoice.balance_minor(digits), digits}});
  }
  return std::nullopt;
}

StepResult InvoicePaymentSync::linked_invoices(const store::SyncRecord& record,
                                               const events::Payment& payment,
                                               std::vector<store::Link>& links) const {
  std::vector<std::string> missing;
  for (const auto& application : paid_invoices(payment)) {
    auto link = context_.store.link(record.account_id, "invoice", application.invoice_id);
    if (!link || link->qbo_type != "Invoice") {
      missing.push_back(application.invoice_id);
    } else {
      links.push_back(std::move(*link));
    }
  }
  if (!missing.empty()) return waiting_for(missing);
  return kContinue;
}

mapping::CrmPaymentInput InvoicePaymentSync::payment_input(const events::Payment& payment,
                                                           const events::Settings& settings,
                                                           const mapping::CompanyData& company) {
  mapping::CrmPaymentInput input;
  input.crm_payment_id = payment.id;
  input.txn_date = mapping::date_part(payment.paid_at);
  input.reference = payment.reference;
  input.payment_method_id = mapping::payment_method_id(settings, payment.method);
  if (payment.currency != company.home_currency() || company.multicurrency_enabled()) {
    input.currency = payment.currency;
  }
  return input;
}

AttemptOutcome InvoicePaymentSync::run(const store::SyncRecord& record,
                                       const events::Payment& payment,
                                       const events::Settings& settings,
                                       const Connected& connected) {
  const auto linked = context_.store.link(record.account_id, "payment", payment.id);
  const std::string linked_id = linked ? linked->qbo_id : std::string();
  if (auto refused = refused_refund(payment, linked_id)) return *refused;
  std::vector<store::Link> invoice_links;
  if (StepResult waiting = linked_invoices(record, payment, invoice_links)) return *waiting;
  std::optional<mapping::CompanyData> company;
  if (StepResult outcome = context_.company_data(connected.row, company, linked_id)) {
    return *outcome;
  }
  mapping::CrmPaymentInput input = payment_input(payment, settings, *company);
  const qbo::Connection& connection = connected.connection;
  if (auto failed = add_invoices(record, payment, connection, invoice_links, input, linked_id)) {
    return *failed;
  }
  const auto applications = paid_invoices(payment);
  std::unique_lock<std::mutex> paying;
  if (applications.size() == 1) {
    paying = std::unique_lock(
        invoice_payment_locks().for_key(record.account_id + ":" + applications[0].invoice_id));
    auto claimed = claim_amount_paid(record, applications[0].invoice_id, connection, input);
    if (!claimed) return after_fault(record, claimed.fault());
    if (claimed.value()) return *claimed.value();
  }
  auto posted = context_.crm_payments.ensure(connection, record.account_id, input);
  if (!posted) return after_fault(record, posted.fault());
  return completed(posted.value(), linked ? "already_linked" : "applied_to_invoices");
}

}  // namespace qbo_sync::engine
