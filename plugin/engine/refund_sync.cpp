#include "engine/refund_sync.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "mapping/plan_options.h"

namespace qbo_sync::engine {
namespace json = boost::json;
using store::AttemptOutcome;

RefundSync::RefundSync(const PaymentWork& work, const mapping::CompanyData& company)
    : work_(work), connection_(work.connected.connection), company_(company) {}

AttemptOutcome RefundSync::run(AttemptOutcome receipt, std::string customer_id) {
  customer_id_ = std::move(customer_id);
  receipt_id_ = receipt.qbo_id;
  for (const events::Refund& refund : work_.payment.refunds) {
    if (refund.amount.minor == 0) continue;  // nothing to give back
    if (work_.context.store.link(work_.record.account_id, "refund", refund.refund_id)) continue;
    if (StepResult outcome = post_refund(refund)) return std::move(*outcome);
  }
  if (!posted_.empty()) {
    json::object detail = json::parse(receipt.audit_detail).as_object();
    detail["refunds"] = std::move(posted_);
    receipt.audit_detail = json::serialize(detail);
  }
  return receipt;
}

StepResult RefundSync::post_refund(const events::Refund& refund) {
  static constexpr std::array<Step<RefundSync>, 5> kSteps{
      &RefundSync::resolve_customer_and_items, &RefundSync::plan,
      &RefundSync::settle_unknown_outcome, &RefundSync::post, &RefundSync::verify};
  refund_ = &refund;
  document_.reset();
  created_.reset();
  in_qbo_ = false;
  return run_steps(*this, kSteps);
}

// The refund goes to the receipt's customer, with the receipt's items.
StepResult RefundSync::resolve_customer_and_items() {
  if (customer_id_.empty()) {
    auto customer = work_.context.customers.resolve(connection_, work_.payment.contact);
    if (!customer) return after_fault(customer.fault(), false);
    customer_id_ = customer.value();
  }
  if (!items_) {
    auto items =
        work_.context.resolve_items(connection_, work_.payment.lines, work_.settings, company_);
    if (!items) return after_fault(items.fault(), false);
    items_ = std::move(items).value();
  }
  return kContinue;
}

StepResult RefundSync::plan() {
  mapping::RefundInput input;
  input.payment = &work_.payment;
  input.refund = refund_;
  input.settings = &work_.settings;
  input.plan_options = mapping::plan_options_for(work_.settings.tax_choices);
  input.company = &company_;
  input.customer_id = customer_id_;
  input.line_items = *items_;
  auto built = mapping::build_refund_receipt(input);
  if (auto* refusal = std::get_if<mapping::ReceiptRefusal>(&built)) {
    json::object details = refusal->details;
    details["refund_id"] = refund_->refund_id;
    return errored(refusal->reason,
                   own_error(refusal->reason,
                             "refund " + refund_->refund_id + ": " + refusal->message, details),
                   receipt_id_);
  }
  document_ = std::move(std::get<mapping::RefundReceipt>(built));
  return kContinue;
}

// An earlier attempt may have posted this refund without an answer: settle it first.
StepResult RefundSync::settle_unknown_outcome() {
  if (work_.record.attempts_started == 0) return kContinue;
  auto found = find_posted();
  if (!found) return after_fault(found.fault(), true);
  if (found.value()) take_posted(*found.value(), "found_by_doc_number");
  return kContinue;
}

StepResult RefundSync::post() {
  if (in_qbo_) return kContinue;
  auto posted = work_.context.posted_or_found(
      work_.context.api.create(connection_, "RefundReceipt", document_->body,
                               work_.record.account_id + ":" + std::to_string(work_.record.id) +
                                   ":refund:" + refund_->refund_id + ":create"),
      connection_, "RefundReceipt", document_->doc_number);
  if (posted.fault) return after_fault(*posted.fault, posted.settle);
  if (posted.created) created_ = posted.entity;
  take_posted(*posted.entity, posted.how());
  return kContinue;
}

StepResult RefundSync::verify() {
  if (!created_) return kContinue;
  return totals_hold(document_->plan, created_->json, receipt_id_,
                     {{"refund_id", refund_->refund_id}}, "refund " + refund_->refund_id + ": ");
}

qbo::Outcome<std::optional<qbo::Entity>> RefundSync::find_posted() {
  return work_.context.find_by_doc_number(connection_, "RefundReceipt", document_->doc_number);
}

void RefundSync::take_posted(const qbo::Entity& posted, std::string_view how) {
  const std::string id = work_.context.link_posted(work_.record.account_id, "refund",
                                                   refund_->refund_id, "RefundReceipt", posted);
  posted_.push_back(json::object{{"refund_id", refund_->refund_id}, {"qbo_id", id}, {"how", how}});
  in_qbo_ = true;
}

AttemptOutcome RefundSync::after_fault(const qbo::Fault& fault, bool settle) const {
  return work_.context.faults.after_fault(fault, settle, work_.record.revision_attempts);
}

}  // namespace qbo_sync::engine
