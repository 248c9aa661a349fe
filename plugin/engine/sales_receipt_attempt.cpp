#include "engine/sales_receipt_attempt.h"

#include "engine/refund_sync.h"
#include "mapping/plan_options.h"
#include "mapping/receipt_reference.h"

namespace qbo_sync::engine {
using store::AttemptOutcome;

SalesReceiptAttempt::SalesReceiptAttempt(const PaymentWork& work) : work_(work) {}

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
  linked_ = work_.context.store.link(work_.record.account_id, "payment", work_.payment.id);
  if (!linked_) return kContinue;
  // A later revision of a synced payment only matters for its refunds.
  done_ = completed(linked_->qbo_id, "already_linked");
  if (work_.payment.refunds.empty()) return done_;
  return kContinue;
}

StepResult SalesReceiptAttempt::read_company() {
  return work_.context.company_data(work_.connected.row, company_, linked_ ? linked_->qbo_id : "");
}

// An earlier attempt may have reached QBO without an answer: settle it before posting again.
StepResult SalesReceiptAttempt::settle_unknown_outcome() {
  if (done_ || work_.record.attempts_started == 0) return kContinue;
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
  auto customer =
      work_.context.customers.resolve(work_.connected.connection, work_.payment.contact);
  if (!customer) return after_fault(customer.fault(), false);
  customer_id_ = customer.value();
  return kContinue;
}

StepResult SalesReceiptAttempt::plan() {
  if (done_) return kContinue;
  auto items = work_.context.resolve_items(work_.connected.connection, work_.payment.lines,
                                           work_.settings, *company_);
  if (!items) return after_fault(items.fault(), false);
  mapping::ReceiptInput input;
  input.payment = &work_.payment;
  input.settings = &work_.settings;
  input.plan_options = mapping::plan_options_for(work_.settings.tax_choices);
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
  auto posted = work_.context.posted_or_found(
      work_.context.receipts.create(work_.connected.connection, "SalesReceipt", receipt_->body,
                                    work_.record.account_id + ":" +
                                        std::to_string(work_.record.id) + ":" +
                                        std::to_string(work_.record.revision) + ":create"),
      work_.connected.connection, "SalesReceipt",
      mapping::doc_number_for_payment(work_.payment.id));
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
  RefundSync refunds(work_, *company_);
  return refunds.run(std::move(*done_), customer_id_);
}

qbo::Outcome<std::optional<qbo::Entity>> SalesReceiptAttempt::find_posted() {
  return work_.context.find_by_doc_number(work_.connected.connection, "SalesReceipt",
                                          mapping::doc_number_for_payment(work_.payment.id));
}

void SalesReceiptAttempt::take_posted(const qbo::Entity& receipt, std::string_view how) {
  done_ = completed(work_.context.link_posted(work_.record.account_id, "payment", work_.payment.id,
                                              "SalesReceipt", receipt),
                    how);
}

AttemptOutcome SalesReceiptAttempt::after_fault(const qbo::Fault& fault, bool settle) const {
  // Retries are counted per revision: a refund arriving later gets its own full set.
  return work_.context.faults.after_fault(fault, settle, work_.record.revision_attempts);
}

}  // namespace qbo_sync::engine
