#include "engine/invoice_attempt.h"

#include <algorithm>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "engine/invoice_amount_paid.h"
#include "mapping/plan_options.h"

namespace qbo_sync::engine {
namespace json = boost::json;
using store::AttemptOutcome;
namespace {

bool voided_in_qbo(const qbo::Entity& invoice) {
  return invoice.private_note.rfind("Voided", 0) == 0 && invoice.total_minor(2) == 0;
}

// The error a refused void shows: QBO's fault, with what the admin must do in plain words.
std::string void_refusal_error(const qbo::Fault& fault, const std::string& number) {
  json::value error = json::parse(error_json(fault));
  std::string qbo_message = fault.message;
  if (!fault.detail.empty()) qbo_message += ": " + fault.detail;
  error.as_object()["qbo_message"] = qbo_message;
  error.as_object()["message"] =
      "QuickBooks refused to void invoice " + number +
      " because payments are applied to it. In QuickBooks, remove the invoice's payments "
      "(if a payment was deposited, first take it out of its bank deposit), or issue a credit "
      "memo instead of voiding; then click Retry.";
  return json::serialize(error);
}

}  // namespace

InvoiceAttempt::InvoiceAttempt(SyncContext& context, const store::SyncRecord& record,
                               events::Invoice invoice)
    : work_(context, record, std::move(invoice)) {}

AttemptOutcome InvoiceAttempt::run() {
  static constexpr std::array<Step<InvoiceAttempt>, 15> kSteps{
      &InvoiceAttempt::skip_unsent,
      &InvoiceAttempt::connect,
      &InvoiceAttempt::collect_updates,
      &InvoiceAttempt::take_up_revision,
      &InvoiceAttempt::read_company,
      &InvoiceAttempt::resolve_customer,
      &InvoiceAttempt::plan,
      &InvoiceAttempt::settle_existing,
      &InvoiceAttempt::post,
      &InvoiceAttempt::verify,
      &InvoiceAttempt::wake_waiting_payments,
      &InvoiceAttempt::void_if_voided,
      &InvoiceAttempt::refuse_if_voided_in_qbo,
      &InvoiceAttempt::update_if_changed,
      &InvoiceAttempt::record_amount_paid};
  if (StepResult outcome = run_steps(*this, kSteps)) return std::move(*outcome);
  return completed(work_.qbo_id, work_.how);
}

StepResult InvoiceAttempt::skip_unsent() {
  if (!work_.settings.sync_invoices) return skipped("sync_disabled");
  // Invoices that came from QuickBooks are never pushed back.
  if (work_.invoice.origin == events::InvoiceOrigin::quickbooks)
    return skipped("imported_from_quickbooks");
  work_.link = work_.context.store.link(work_.record.account_id, "invoice", work_.invoice.id);
  if (work_.link && work_.link->origin == "quickbooks") return skipped("imported_from_quickbooks");
  return kContinue;
}

StepResult InvoiceAttempt::connect() {
  if (StepResult waiting = work_.context.connect(work_.record.account_id, work_.connected)) {
    return waiting;
  }
  if (!work_.link &&
      mapping::predates(work_.invoice.created_at, work_.connected->row.connected_at_ms))
    return skipped("predates_connection");
  return kContinue;
}

// Changes to an invoice QBO holds wait for the burst of revisions to end.
StepResult InvoiceAttempt::collect_updates() {
  work_.progress_state =
      InvoiceProgress::state_name(work_.connected->connection.realm, work_.invoice.id);
  if (const auto stored = work_.context.store.state(work_.record.account_id, work_.progress_state))
    work_.progress = InvoiceProgress::from_json(*stored);
  InvoiceProgress& progress = work_.progress;
  if (!work_.link || work_.invoice.revision <= progress.applied_revision) return kContinue;
  const int64_t now = work_.context.clock();
  const int64_t quiet = std::max<int64_t>(
      kMinUpdateQuietMs, static_cast<int64_t>(kUpdateQuietMs * work_.context.options.time_scale));
  if (progress.pending_since_ms == 0) {
    progress.pending_since_ms = now;
    work_.save();
  }
  if (now >= progress.pending_since_ms + quiet) return kContinue;
  return todo_until("collecting_updates", progress.pending_since_ms + quiet, "deferred");
}

StepResult InvoiceAttempt::take_up_revision() {
  InvoiceProgress& progress = work_.progress;
  if (work_.invoice.revision > progress.applied_revision) {
    // Later revisions wait again; a retry of this one does not.
    progress.applied_revision = work_.invoice.revision;
    progress.pending_since_ms = 0;
    progress.attempts_before_revision = work_.record.attempts;
    work_.save();
  }
  work_.attempts_so_far =
      std::max<int64_t>(0, work_.record.attempts - progress.attempts_before_revision);
  return kContinue;
}

StepResult InvoiceAttempt::read_company() {
  return work_.context.company_data(work_.connected->row, work_.company);
}

StepResult InvoiceAttempt::resolve_customer() {
  auto customer =
      work_.context.customers.resolve(work_.connected->connection, work_.invoice.contact);
  if (!customer) return work_.fail(customer.fault(), false);
  work_.customer_id = customer.value();
  return kContinue;
}

StepResult InvoiceAttempt::plan() {
  auto items = work_.context.resolve_items(work_.connected->connection, work_.invoice.lines,
                                           work_.settings, *work_.company);
  if (!items) return work_.fail(items.fault(), false);
  mapping::InvoiceInput input;
  input.invoice = &work_.invoice;
  input.settings = &work_.settings;
  input.plan_options = mapping::plan_options_for(work_.settings.tax_choices);
  input.company = &*work_.company;
  input.customer_id = work_.customer_id;
  input.line_items = std::move(items).value();
  auto built = mapping::build_invoice(input);
  if (auto* refusal = std::get_if<mapping::ReceiptRefusal>(&built)) return refused(*refusal);
  work_.document = std::move(std::get<mapping::InvoiceDocument>(built));
  return kContinue;
}

// QBO may already hold an invoice under this number: one an earlier attempt created whose answer
// was lost, or one entered in QuickBooks. Never a silent duplicate.
StepResult InvoiceAttempt::settle_existing() {
  if (work_.link) {
    work_.qbo_id = work_.link->qbo_id;
    return kContinue;
  }
  auto found = work_.context.find_by_doc_number(work_.connected->connection, "Invoice",
                                                work_.document->doc_number);
  if (!found) return work_.fail(found.fault(), true);
  if (found.value()) return adopt(*found.value());
  return kContinue;
}

StepResult InvoiceAttempt::post() {
  if (work_.link || work_.current) return kContinue;  // linked before, or taken up just now
  auto posted = work_.context.posted_or_found(
      work_.context.api.create(work_.connected->connection, "Invoice", work_.document->body,
                               work_.revision_key() + ":create"),
      work_.connected->connection, "Invoice", work_.document->doc_number);
  if (posted.fault) return work_.fail(*posted.fault, posted.settle);
  if (!posted.created) return adopt(*posted.entity);
  work_.take_applied(*posted.entity, "created");
  work_.created = true;
  return kContinue;
}

StepResult InvoiceAttempt::verify() {
  if (!work_.created) return kContinue;
  return totals_hold(work_.document->plan, work_.current->json, work_.qbo_id);
}

// Payments of this invoice that waited for it go now.
StepResult InvoiceAttempt::wake_waiting_payments() {
  if (!work_.link) {
    work_.context.store.wake_waiting_records(work_.record.account_id, "waiting_for_invoice");
  }
  return kContinue;
}

StepResult InvoiceAttempt::void_if_voided() {
  if (work_.invoice.status != events::InvoiceStatus::void_) return kContinue;
  if (work_.progress.voided) return completed(work_.qbo_id, "already_voided");
  for (int round = 0;; ++round) {
    if (StepResult failed = work_.read_current()) return failed;
    if (voided_in_qbo(*work_.current)) break;
    const std::string& token = work_.current->sync_token;
    auto voided =
        work_.context.api.void_transaction(work_.connected->connection, "Invoice", work_.qbo_id,
                                           token, work_.key_base() + ":void:" + token);
    if (voided) {
      work_.remember_link(qbo::entity_of(voided.value().entity, "Invoice"));
      break;
    }
    const auto fault_class = voided.fault().fault_class;
    if (fault_class == qbo::FaultClass::stale_object && round == 0) continue;
    if (fault_class == qbo::FaultClass::business_rule ||
        fault_class == qbo::FaultClass::validation) {
      return errored("void_refused", void_refusal_error(voided.fault(), work_.invoice.number),
                     work_.qbo_id);
    }
    return work_.fail(voided.fault(), false);
  }
  work_.progress.voided = true;
  work_.save();
  return completed(work_.qbo_id, "voided");
}

StepResult InvoiceAttempt::refuse_if_voided_in_qbo() {
  if (!work_.progress.voided) return kContinue;
  return errored("voided_in_quickbooks",
                 own_error("voided_in_quickbooks",
                           "invoice " + work_.invoice.number +
                               " was voided in QuickBooks and a voided invoice cannot be "
                               "reopened; issue a new invoice in the CRM"),
                 work_.qbo_id);
}

// The whole invoice is sent (lines removed in the CRM must go); the payments QBO links to it are
// sent back as they are so that the update never unlinks them.
StepResult InvoiceAttempt::update_if_changed() {
  if (work_.progress.fingerprint == work_.document->fingerprint) return kContinue;
  for (int round = 0;; ++round) {
    if (StepResult failed = work_.read_current()) return failed;
    json::object body = work_.document->body;
    body["Id"] = work_.qbo_id;
    body["SyncToken"] = work_.current->sync_token;
    if (work_.current->json.contains("LinkedTxn"))
      body["LinkedTxn"] = work_.current->linked_txn_json();
    auto updated =
        work_.context.api.update(work_.connected->connection, "Invoice", body,
                                 work_.revision_key() + ":update:" + work_.current->sync_token);
    if (updated) {
      work_.take_applied(qbo::entity_of(updated.value().entity, "Invoice"), "updated");
      return totals_hold(work_.document->plan, work_.current->json, work_.qbo_id);
    }
    // Someone changed the invoice since it was read: read it again and apply once more.
    if (updated.fault().fault_class == qbo::FaultClass::stale_object && round == 0) continue;
    return work_.fail(updated.fault(), false);
  }
}

StepResult InvoiceAttempt::record_amount_paid() {
  return InvoiceAmountPaid(work_).run();
}

StepResult InvoiceAttempt::adopt(const qbo::Entity& existing) {
  const auto mirrored =
      work_.context.store.link_by_qbo(work_.record.account_id, "Invoice", existing.id);
  const events::Invoice& invoice = work_.invoice;
  if (mirrored && mirrored->crm_id != invoice.id) {
    json::object details =
        mapping::describe_number_clash(invoice, work_.customer_id, existing.json);
    details["quickbooks"].as_object()["crm_invoice_id"] = mirrored->crm_id;
    return errored("doc_number_in_use",
                   own_error("doc_number_in_use",
                             "QuickBooks invoice " + invoice.number +
                                 " already mirrors another CRM invoice (" + mirrored->crm_id +
                                 "), so this invoice was not sent. Give this invoice its own "
                                 "number in the CRM, then click Retry.",
                             details));
  }
  if (!mapping::is_same_invoice(existing.json, work_.customer_id, invoice.total)) {
    return errored(
        "doc_number_in_use",
        own_error("doc_number_in_use",
                  "QuickBooks already has an invoice numbered " + invoice.number +
                      " for another customer or another total, so this invoice was not "
                      "sent. Renumber one of the two (in the CRM or in QuickBooks), or "
                      "correct the QuickBooks invoice so that customer and total match, "
                      "then click Retry.",
                  mapping::describe_number_clash(invoice, work_.customer_id, existing.json)));
  }
  // Same number, customer and total: this invoice's content, taken as applied.
  work_.take_applied(existing, "linked_existing");
  return kContinue;
}

}  // namespace qbo_sync::engine
