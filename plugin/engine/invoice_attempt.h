// The steps of one attempt at an invoice record: what is never sent, the tenant's company, the
// quiet period that collects a burst of revisions, the customer, the plan, then in QBO: take up
// an invoice it already holds under the number or create one (verifying its totals), void,
// update, and the amount paid that follows (InvoiceAmountPaid).
#pragma once

#include "engine/invoice_work.h"

namespace qbo_sync::engine {

class InvoiceAttempt {
 public:
  // A CRM edit session sends a burst of revisions; the changes to an invoice QBO already holds
  // wait this long after the first of them, so that the burst becomes one QBO update (QBO counts
  // every call against the company's throttle). Multiplied by the time scale, but never shorter
  // than kMinUpdateQuietMs so that a burst from a fast host still collapses in tests.
  static constexpr int64_t kUpdateQuietMs = 2000;
  static constexpr int64_t kMinUpdateQuietMs = 300;

  InvoiceAttempt(SyncContext& context, const store::SyncRecord& record, events::Invoice invoice);

  store::AttemptOutcome run();

 private:
  StepResult skip_unsent();
  StepResult connect();
  StepResult collect_updates();
  StepResult take_up_revision();
  StepResult read_company();
  StepResult resolve_customer();
  StepResult plan();
  StepResult settle_existing();
  StepResult post();
  StepResult verify();
  StepResult wake_waiting_payments();
  StepResult void_if_voided();
  StepResult refuse_if_voided_in_qbo();
  StepResult update_if_changed();
  StepResult record_amount_paid();

  // Takes up the invoice QBO holds under the number when it is this one; the refusal otherwise.
  StepResult adopt(const qbo::Entity& existing);

  InvoiceWork work_;
};

}  // namespace qbo_sync::engine
