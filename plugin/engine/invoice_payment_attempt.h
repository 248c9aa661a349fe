// One attempt at a CRM payment of invoices (source `invoice`): one QBO Payment applied to the QBO
// invoices it pays, one line per invoice, shared with the invoices' own revisions through
// CrmPaymentPoster, never a Sales Receipt. A payment whose invoice is not in QBO yet waits (todo,
// waiting_for_invoice) and goes when the invoice is linked. A payment of one invoice whose amount
// paid reached QBO first, without naming the payment, takes that amount as its own rather than
// paying twice. A refund of such a payment is not sent (errored, unsupported_change, with what to
// do).
//
// Blocking (QBO calls): run on an engine worker.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "engine/payment_work.h"
#include "engine/sync_context.h"
#include "events/typed_events.h"
#include "mapping/company_data_cache.h"
#include "mapping/qbo_payment_document.h"
#include "store/store.h"

namespace qbo_sync::engine {

class InvoicePaymentAttempt {
 public:
  // How long a payment waits for its invoice before looking again (times the time scale); the
  // invoice's link wakes it sooner.
  static constexpr int64_t kInvoiceWaitMs = 60 * 1000;

  explicit InvoicePaymentAttempt(const PaymentWork& work);

  store::AttemptOutcome run();

 private:
  StepResult refuse_refund();
  StepResult wait_for_invoices();
  StepResult read_company();
  // The QBO Payment to post: its customer, number and open balance from each QBO invoice.
  StepResult plan();
  // For a payment of one invoice: what the invoice's amount paid already posted for it.
  StepResult settle_amount_paid();
  StepResult post();

  // The part of a payment of one invoice that the invoice's amount paid already posted (Payments
  // naming the CRM invoice, less what other payment events took of them) is taken as its own and
  // left out of the Payment to post; the outcome when that covers all of it.
  qbo::Outcome<std::optional<store::AttemptOutcome>> claim_amount_paid();
  store::AttemptOutcome after_fault(const qbo::Fault& fault) const;

  const PaymentWork work_;
  const std::vector<events::InvoiceApplication> applications_;
  std::optional<store::Link> linked_;
  std::string linked_id_;
  std::vector<store::Link> invoice_links_;  // in the payment's order
  mapping::SharedCompanyData company_;
  mapping::CrmPaymentInput input_;
  std::unique_lock<std::mutex> paying_;  // the invoice's payments, while they are worked out
  std::string posted_id_;
};

// The invoices a payment pays and how much of each: its applied_to, else all of it to invoice_id.
std::vector<events::InvoiceApplication> paid_invoices(const events::Payment& payment);

}  // namespace qbo_sync::engine
