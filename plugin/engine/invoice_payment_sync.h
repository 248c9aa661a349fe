// One attempt at a CRM payment of invoices (source `invoice`): one QBO Payment applied to the QBO
// invoices it pays, one line per invoice, shared with the invoices' own revisions through
// CrmPaymentPoster, never a Sales Receipt. A payment whose invoice is not in QBO yet waits (todo,
// waiting_for_invoice) and goes when the invoice is linked. A payment of one invoice whose amount
// paid reached QBO first, without naming the payment, takes that amount as its own rather than
// paying twice. A refund of such a payment is not sent (errored, unsupported_change, with what to
// do).
//
// Blocking (QBO calls): run on an engine worker. Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "engine/attempt_outcomes.h"
#include "engine/crm_payment_poster.h"
#include "engine/sync_context.h"
#include "events/typed_events.h"
#include "qbo_client/api_client.h"
#include "store/store.h"

namespace qbo_sync::engine {

class InvoicePaymentSync {
 public:
  // How long a payment waits for its invoice before looking again (times the time scale); the
  // invoice's link wakes it sooner.
  static constexpr int64_t kInvoiceWaitMs = 60 * 1000;

  // `context` is shared with the other handlers and outlives this one.
  explicit InvoicePaymentSync(SyncContext& context);

  store::AttemptOutcome run(const store::SyncRecord& record, const events::Payment& payment,
                            const events::Settings& settings, const Connected& connected);

 private:
  // The links of the QBO invoices the payment pays, in its order; waiting while one is missing.
  StepResult linked_invoices(const store::SyncRecord& record, const events::Payment& payment,
                             std::vector<store::Link>& links) const;
  store::AttemptOutcome waiting_for(const std::vector<std::string>& invoice_ids) const;
  // The QBO Payment of the CRM payment, short of its invoices.
  static mapping::CrmPaymentInput payment_input(const events::Payment& payment,
                                                const events::Settings& settings,
                                                const mapping::CompanyData& company);
  // Fills input.customer_id and input.invoices from the QBO invoices (`invoice_links`, in the
  // payment's order); the outcome when that fails.
  std::optional<store::AttemptOutcome> add_invoices(const store::SyncRecord& record,
                                                    const events::Payment& payment,
                                                    const qbo::Connection& connection,
                                                    const std::vector<store::Link>& invoice_links,
                                                    mapping::CrmPaymentInput& input,
                                                    const std::string& linked_id);
  // For a payment of one invoice not yet in QBO: the part of it the invoice's amount paid already
  // posted (Payments naming the CRM invoice, less what other payment events took of them) is taken
  // as its own and left out of `input`. The outcome when that covers all of it.
  qbo::Outcome<std::optional<store::AttemptOutcome>> claim_amount_paid(
      const store::SyncRecord& record, const std::string& crm_invoice_id,
      const qbo::Connection& connection, mapping::CrmPaymentInput& input);

  store::AttemptOutcome after_fault(const store::SyncRecord& record, const qbo::Fault& fault) const;

  SyncContext& context_;
};

// The invoices a payment pays and how much of each: its applied_to, else all of it to invoice_id.
std::vector<events::InvoiceApplication> paid_invoices(const events::Payment& payment);

}  // namespace qbo_sync::engine
