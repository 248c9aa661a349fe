// One attempt at one payment record: from the stored payload to a QBO Sales Receipt, exactly
// once; a payment of invoices goes to InvoicePaymentSync instead (one QBO Payment). Skips what must
// not be sent (test orders, complimentary orders, sync turned off, tenant not connected), resolves
// the customer and the items, builds the receipt through the tax engine, posts it with a requestid
// per record revision and, when an earlier attempt's outcome is unknown, looks the receipt up by
// its DocNumber before posting anything again. Once the receipt exists, each refund of the payment
// (a later revision carries them) becomes one QBO RefundReceipt, exactly once: a link per refund
// (crm_type "refund"), a requestid per refund, and a look-up by the refund's DocNumber before
// posting again after an unknown outcome.
//
// Blocking (QBO calls): run on an engine worker. Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "engine/attempt_outcomes.h"
#include "engine/create_coalescer.h"
#include "engine/customer_resolver.h"
#include "engine/invoice_payment_sync.h"
#include "engine/item_resolver.h"
#include "engine/record_handler.h"
#include "events/typed_events.h"
#include "mapping/company_data.h"
#include "qbo_client/api_client.h"
#include "store/store.h"

namespace qbo_sync::engine {

struct PaymentSyncOptions {
  // Multiplies every delay (tests and the demo run faster).
  double time_scale = 1.0;
  // Receipt creates in flight per company; creates that queue behind them leave as one batch.
  int create_calls_in_flight = 4;
  // A record that keeps failing transiently is errored after this many attempts.
  int max_attempts = 12;
  // How long a record of a tenant that must reconnect waits before it is looked at again.
  int64_t reconnect_pause_ms = 15 * 60 * 1000;
};

class PaymentSync final : public RecordHandler {
 public:
  using ActiveConnection = std::function<std::optional<qbo::Connection>(const std::string&)>;
  using Clock = std::function<int64_t()>;  // ms since the Unix epoch

  // `customers` is shared with the other handlers (one contact is resolved by one of them at a
  // time).
  PaymentSync(store::Store& store, qbo::ApiClient& api, CustomerResolver& customers,
              ActiveConnection active, Clock clock, PaymentSyncOptions options = {});

  // The outcome to record with store::Store::finish_attempt.
  store::AttemptOutcome run(const store::SyncRecord& record) override;

 private:
  store::AttemptOutcome attempt(const store::SyncRecord& record);
  // The refunds not yet in QBO, after the receipt: `done` (the receipt's outcome) when every
  // refund is posted, else the outcome of the first that could not be.
  store::AttemptOutcome sync_refunds(const store::SyncRecord& record,
                                     const events::Payment& payment,
                                     const events::Settings& settings,
                                     const qbo::Connection& connection,
                                     const mapping::CompanyData& company,
                                     store::AttemptOutcome done, std::string customer_id);
  store::AttemptOutcome after_fault(const store::SyncRecord& record, const qbo::Fault& fault,
                                    bool settle);

  store::Store& store_;
  qbo::ApiClient& api_;
  ActiveConnection active_;
  Clock clock_;
  PaymentSyncOptions options_;
  FaultOutcomes faults_;
  CustomerResolver& customers_;
  ItemResolver items_;
  CreateCoalescer receipts_;
  InvoicePaymentSync invoice_payments_;
};

}  // namespace qbo_sync::engine
