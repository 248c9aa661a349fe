#include "engine/payment_sync.h"

#include "engine/invoice_payment_attempt.h"
#include "engine/sales_receipt_attempt.h"

namespace qbo_sync::engine {
using store::AttemptOutcome;

PaymentSync::PaymentSync(SyncContext& context) : context_(context) {}

AttemptOutcome PaymentSync::run(const store::SyncRecord& record) {
  return run_guarded([&] { return attempt(record); },
                     [&](const qbo::Fault& fault) { return after_fault(record, fault); });
}

StepResult PaymentSync::not_sent(const events::Payment& payment, const events::Settings& settings) {
  if (payment.test) return skipped("test_order");
  // A payment of invoices is synced with the invoices, under their setting.
  const bool of_invoices = payment.source == events::PaymentSource::invoice;
  if (of_invoices ? !settings.sync_invoices : !settings.sync_payments) {
    return skipped("sync_disabled");
  }
  if (payment.total.minor == 0 && settings.skip_zero_total_orders) return skipped("zero_total");
  return kContinue;
}

AttemptOutcome PaymentSync::attempt(const store::SyncRecord& record) {
  auto read = stored_event(context_.store, record, "payment", events::parse_payment);
  if (auto* unreadable = std::get_if<AttemptOutcome>(&read)) return std::move(*unreadable);
  const events::Payment payment = std::move(std::get<events::Payment>(read));

  const events::Settings settings = context_.settings(record.account_id);
  if (StepResult skip = not_sent(payment, settings)) return std::move(*skip);
  std::optional<Connected> connected;
  if (StepResult waiting = context_.connect(record.account_id, connected)) {
    return std::move(*waiting);
  }
  const PaymentWork work{context_, record, payment, settings, *connected};
  if (payment.source == events::PaymentSource::invoice) return InvoicePaymentAttempt(work).run();
  return SalesReceiptAttempt(work).run();
}

AttemptOutcome PaymentSync::after_fault(const store::SyncRecord& record,
                                        const qbo::Fault& fault) const {
  // Retries are counted per revision: a refund arriving later gets its own full set.
  return context_.faults.after_fault(fault, false, record.revision_attempts);
}

}  // namespace qbo_sync::engine
