// The steps of one attempt at a payment's Sales Receipt (a payment not of invoices): settle an
// earlier attempt whose outcome is unknown (by the receipt's DocNumber), resolve the customer,
// plan the receipt through the tax engine, post it (batched with others when they queue up),
// verify QBO's totals, then the refunds that follow (RefundSync).
#pragma once

#include <optional>
#include <string>

#include "engine/payment_work.h"
#include "engine/sync_context.h"
#include "events/typed_events.h"
#include "mapping/company_data_cache.h"
#include "mapping/sales_receipt.h"
#include "store/store.h"

namespace qbo_sync::engine {

class SalesReceiptAttempt {
 public:
  explicit SalesReceiptAttempt(const PaymentWork& work);

  store::AttemptOutcome run();

 private:
  StepResult take_existing_link();
  StepResult read_company();
  StepResult settle_unknown_outcome();
  StepResult resolve_customer();
  StepResult plan();
  StepResult post();
  StepResult verify();
  StepResult post_refunds();

  qbo::Outcome<std::optional<qbo::Entity>> find_posted();
  // Links the receipt QBO holds; the receipt's part of the attempt is done.
  void take_posted(const qbo::Entity& receipt, std::string_view how);
  store::AttemptOutcome after_fault(const qbo::Fault& fault, bool settle) const;

  const PaymentWork work_;
  std::optional<store::Link> linked_;
  mapping::SharedCompanyData company_;
  std::string customer_id_;
  std::optional<mapping::SalesReceipt> receipt_;
  std::optional<qbo::Entity> created_;         // the receipt this attempt created
  std::optional<store::AttemptOutcome> done_;  // the receipt's outcome, once it is in QBO
};

}  // namespace qbo_sync::engine
