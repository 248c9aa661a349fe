// The follow-up of an invoice's attempt once QBO holds the invoice as the CRM has it: the increase
// in the CRM's amount paid becomes QBO Payments applied to the invoice, an overpayment left as
// the customer's credit. Each CRM payment the invoice lists is its own Payment (shared with the
// payment's event through CrmPaymentPoster); only what no CRM payment covers is a Payment for the
// difference, posted with a requestid derived from the amount paid it brings the invoice to, after
// looking the customer's payments up. A lower amount paid is errored (unsupported_change), never
// ignored.
#pragma once

#include "engine/invoice_work.h"

namespace qbo_sync::engine {

class InvoiceAmountPaid {
 public:
  explicit InvoiceAmountPaid(InvoiceWork& work);

  // kContinue once QBO holds the CRM's amount paid (work.how says what was paid).
  StepResult run();

 private:
  StepResult post_listed_payments();
  StepResult settle_paid_so_far();
  StepResult pay_the_rest();

  // The QBO Payment of one CRM payment the invoice lists.
  mapping::CrmPaymentInput listed_payment(const events::InvoicePayment& listed) const;
  // The QBO Payment for what no CRM payment covers.
  mapping::QboPaymentInput difference_payment(const mapping::PaymentSplit& split) const;
  bool in_qbo_currency() const;

  InvoiceWork& work_;
  const money::Amount paid_target_;
  bool posted_listed_ = false;
  int64_t balance_minor_ = 0;
};

}  // namespace qbo_sync::engine
