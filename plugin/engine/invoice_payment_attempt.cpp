#include "engine/invoice_payment_attempt.h"

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

InvoicePaymentAttempt::InvoicePaymentAttempt(const PaymentWork& work)
    : work_(work), applications_(paid_invoices(work.payment)) {}

AttemptOutcome InvoicePaymentAttempt::run() {
  static constexpr std::array<Step<InvoicePaymentAttempt>, 6> kSteps{
      &InvoicePaymentAttempt::refuse_refund,      &InvoicePaymentAttempt::wait_for_invoices,
      &InvoicePaymentAttempt::read_company,       &InvoicePaymentAttempt::plan,
      &InvoicePaymentAttempt::settle_amount_paid, &InvoicePaymentAttempt::post};
  if (StepResult outcome = run_steps(*this, kSteps)) return std::move(*outcome);
  return completed(posted_id_, linked_ ? "already_linked" : "applied_to_invoices");
}

StepResult InvoicePaymentAttempt::refuse_refund() {
  linked_ = work_.context.store.link(work_.record.account_id, "payment", work_.payment.id);
  if (linked_) linked_id_ = linked_->qbo_id;
  return refused_refund(work_.payment, linked_id_);
}

StepResult InvoicePaymentAttempt::wait_for_invoices() {
  json::array ids;
  for (const auto& application : applications_) {
    auto link =
        work_.context.store.link(work_.record.account_id, "invoice", application.invoice_id);
    if (!link || link->qbo_type != "Invoice") {
      ids.emplace_back(application.invoice_id);
    } else {
      invoice_links_.push_back(std::move(*link));
    }
  }
  if (ids.empty()) return kContinue;
  return todo_until("waiting_for_invoice",
                    work_.context.clock() + work_.context.scaled(kInvoiceWaitMs), "waiting",
                    {{"invoice_ids", std::move(ids)}});
}

StepResult InvoicePaymentAttempt::read_company() {
  return work_.context.company_data(work_.connected.row, company_, linked_id_);
}

StepResult InvoicePaymentAttempt::plan() {
  input_.crm_payment_id = work_.payment.id;
  input_.txn_date = mapping::date_part(work_.payment.paid_at);
  input_.reference = work_.payment.reference;
  input_.payment_method_id = mapping::payment_method_id(work_.settings, work_.payment.method);
  if (work_.payment.currency != company_->home_currency() || company_->multicurrency_enabled()) {
    input_.currency = work_.payment.currency;
  }
  const int digits = work_.payment.total.digits;
  for (std::size_t i = 0; i < applications_.size(); ++i) {
    auto answer =
        work_.context.api.read(work_.connected.connection, "Invoice", invoice_links_[i].qbo_id);
    if (!answer) return after_fault(answer.fault());
    const qbo::Entity invoice = qbo::entity_of(answer.value().entity, "Invoice");
    if (input_.customer_id.empty()) input_.customer_id = invoice.customer_ref.value;
    if (invoice.customer_ref.value != input_.customer_id) {
      return errored("invoices_of_several_customers",
                     own_error("invoices_of_several_customers",
                               "Payment " + work_.payment.id +
                                   " pays invoices of different QuickBooks customers, and a "
                                   "QuickBooks payment belongs to one customer. Record it in "
                                   "QuickBooks by hand, then click Skip on this record."),
                     linked_id_);
    }
    input_.invoices.push_back({invoice_links_[i].qbo_id, invoice.doc_number,
                               applications_[i].amount,
                               money::Amount{invoice.balance_minor(digits), digits}});
  }
  return kContinue;
}

StepResult InvoicePaymentAttempt::settle_amount_paid() {
  if (applications_.size() != 1) return kContinue;
  paying_ = std::unique_lock(
      invoice_payment_locks().for_key(work_.record.account_id + ":" + applications_[0].invoice_id));
  auto claimed = claim_amount_paid();
  if (!claimed) return after_fault(claimed.fault());
  return claimed.value();
}

StepResult InvoicePaymentAttempt::post() {
  auto posted = work_.context.crm_payments.ensure(work_.connected.connection,
                                                  work_.record.account_id, input_);
  if (!posted) return after_fault(posted.fault());
  posted_id_ = posted.value();
  return kContinue;
}

qbo::Outcome<std::optional<AttemptOutcome>> InvoicePaymentAttempt::claim_amount_paid() {
  const std::string& crm_invoice_id = applications_[0].invoice_id;
  const qbo::Connection& connection = work_.connected.connection;
  mapping::CrmPaymentInput& input = input_;
  const store::SyncRecord& record = work_.record;
  const std::optional<AttemptOutcome> not_covered;
  store::Store& store = work_.context.store;
  if (store.link(record.account_id, "payment", input.crm_payment_id)) return not_covered;
  auto query = qbo::QueryBuilder::select_all("Payment")
                   .where("CustomerRef", qbo::QueryOperator::equal, input.customer_id)
                   .max_results(1000);
  auto answer = work_.context.api.query(connection, query);
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

AttemptOutcome InvoicePaymentAttempt::after_fault(const qbo::Fault& fault) const {
  return work_.context.faults.after_fault(fault, true, work_.record.revision_attempts);
}

}  // namespace qbo_sync::engine
