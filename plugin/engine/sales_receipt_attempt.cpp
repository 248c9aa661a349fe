#include "engine/sales_receipt_attempt.h"

#include "engine/refund_sync.h"
#include "mapping/plan_options.h"
#include "mapping/receipt_reference.h"

namespace qbo_sync::engine {
using store::AttemptOutcome;

SalesReceiptAttempt::SalesReceiptAttempt(SyncContext& context, const store::SyncRecord& record,
                                         const events::Payment& payment,
                                         const events::Settings& settings,
                                         const Connected& connected)
    : context_(context),
      record_(record),
      payment_(payment),
      settings_(settings),
      connected_(connected) {}

AttemptOutcome SalesReceiptAttempt::run() {
  static constexpr std::array<Step<SalesReceiptAttempt>, 8> kSteps{
      &SalesReceiptAttempt::take_existing_link,
      &SalesReceiptAttempt::read_company,
      &SalesReceiptAttempt::settle_unknown_outcome,
      &SalesReceiptAttempt::resolve_customer,
      &SalesReceiptAttempt::plan,
      &SalesReceiptAttempt::post,
      &SalesReceiptAttempt::verify,
      &SalesReceiptAttempt::post_refunds};
  if (StepResult outcome = run_steps(*this, kSteps)) return std::move(*outcome);
  return *done_;  // post_refunds ends every attempt that gets that far
}

StepResult SalesReceiptAttempt::take_existing_link() {
  linked_ = context_.store.link(record_.account_id, "payment", payment_.id);
  if (!linked_) return kContinue;
  // A later revision of a synced payment only matters for its refunds.
  done_ = completed(linked_->qbo_id, "already_linked");
  if (payment_.refunds.empty()) return done_;
  return kContinue;
}

StepResult SalesReceiptAttempt::read_company() {
  return context_.company_data(connected_.row, company_, linked_ ? linked_->qbo_id : "");
}

// An earlier attempt may have reached QBO without an answer: settle it before posting again.
StepResult SalesReceiptAttempt::settle_unknown_outcome() {
  if (done_ || record_.attempts_started == 0) return kContinue;
  auto posted = find_posted();
  if (!posted) return after_fault(posted.fault(), true);
  if (posted.value()) {
    take_posted(*posted.value(), "found_by_doc_number");
    customer_id_ = posted.value()->customer_ref.value;
  }
  return kContinue;
}

StepResult SalesReceiptAttempt::resolve_customer() {
  if (done_) return kContinue;
  auto customer = context_.customers.resolve(connected_.connection, payment_.contact);
  if (!customer) return after_fault(customer.fault(), false);
  customer_id_ = customer.value();
  return kContinue;
}

StepResult SalesReceiptAttempt::plan() {
  if (done_) return kContinue;
  auto items = context_.resolve_items(connected_.connection, payment_.lines, settings_, *company_);
  if (!items) return after_fault(items.fault(), false);
  mapping::ReceiptInput input;
  input.payment = &payment_;
  input.settings = &settings_;
  input.plan_options = mapping::plan_options_for(settings_.tax_choices);
  input.company = &*company_;
  input.customer_id = customer_id_;
  input.line_items = std::move(items).value();
  auto built = mapping::build_sales_receipt(input);
  if (auto* refusal = std::get_if<mapping::ReceiptRefusal>(&built)) return refused(*refusal);
  receipt_ = std::move(std::get<mapping::SalesReceipt>(built));
  return kContinue;
}

StepResult SalesReceiptAttempt::post() {
  if (done_) return kContinue;
  // A backlog's receipts leave in batches; a lone live one at once.
  auto posted = context_.posted_or_found(
      context_.receipts.create(connected_.connection, "SalesReceipt", receipt_->body,
                               record_.account_id + ":" + std::to_string(record_.id) + ":" +
                                   std::to_string(record_.revision) + ":create"),
      connected_.connection, "SalesReceipt", mapping::doc_number_for_payment(payment_.id));
  if (posted.fault) return after_fault(*posted.fault, posted.settle);
  if (posted.created) created_ = posted.entity;
  take_posted(*posted.entity, posted.how());
  return kContinue;
}

StepResult SalesReceiptAttempt::verify() {
  if (!created_) return kContinue;
  return totals_hold(receipt_->plan, created_->json, created_->id);
}

StepResult SalesReceiptAttempt::post_refunds() {
  RefundSync refunds(context_, record_, payment_, settings_, connected_.connection, *company_);
  return refunds.run(std::move(*done_), customer_id_);
}

qbo::Outcome<std::optional<qbo::Entity>> SalesReceiptAttempt::find_posted() {
  return context_.find_by_doc_number(connected_.connection, "SalesReceipt",
                                     mapping::doc_number_for_payment(payment_.id));
}

void SalesReceiptAttempt::take_posted(const qbo::Entity& receipt, std::string_view how) {
  done_ = completed(
      context_.link_posted(record_.account_id, "payment", payment_.id, "SalesReceipt", receipt),
      how);
}

AttemptOutcome SalesReceiptAttempt::after_fault(const qbo::Fault& fault, bool settle) const {
  // Retries are counted per revision: a refund arriving later gets its own full set.
  return context_.faults.after_fault(fault, settle, record_.revision_attempts);
}

}  // namespace qbo_sync::engine
