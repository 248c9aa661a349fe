// One attempt at one payment record: from the stored payload to a QBO Sales Receipt, exactly
// once; a payment of invoices goes to InvoicePaymentAttempt instead (one QBO Payment). Skips what
// must not be sent (test orders, complimentary orders, sync turned off, tenant not connected),
// resolves the customer and the items, builds the receipt through the tax engine, posts it with a
// requestid per record revision and, when an earlier attempt's outcome is unknown, looks the
// receipt up by its DocNumber before posting anything again. Once the receipt exists, each refund
// of the payment (a later revision carries them) becomes one QBO RefundReceipt, exactly once
// (RefundSync).
//
// Blocking (QBO calls): run on an engine worker. Thread-safe.
#pragma once

#include "engine/record_handler.h"
#include "engine/sync_context.h"
#include "events/typed_events.h"
#include "store/store.h"

namespace qbo_sync::engine {

class PaymentSync final : public RecordHandler {
 public:
  // `context` is shared with the other handlers and outlives this one.
  explicit PaymentSync(SyncContext& context);

  // The outcome to record with store::Store::finish_attempt.
  store::AttemptOutcome run(const store::SyncRecord& record) override;

 private:
  store::AttemptOutcome attempt(const store::SyncRecord& record);
  // Why the payment is not sent at all, if it is not.
  static StepResult not_sent(const events::Payment& payment, const events::Settings& settings);
  store::AttemptOutcome after_fault(const store::SyncRecord& record, const qbo::Fault& fault) const;

  SyncContext& context_;
};

}  // namespace qbo_sync::engine
