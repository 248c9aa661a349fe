// One attempt at one invoice record: from the stored payload (the invoice's latest revision) to a
// QBO Invoice that matches it, exactly once. The first revision creates the invoice (or links the
// one QBO already holds under the same number when customer and total match); later revisions
// update it with the current SyncToken, void it (never delete), and record the increase in the
// amount paid as QBO Payments applied to it, an overpayment left as the customer's credit: each
// CRM payment the invoice lists as its own Payment (shared with the payment's event), and only
// what no CRM payment covers as a Payment for the difference. A lower amount paid is errored
// (unsupported_change), never ignored.
//
// What has been applied (content fingerprint, amount paid, void) is kept in the store's per-account
// state, so a retry repeats nothing; a Payment is posted with a requestid derived from the amount
// paid it brings the invoice to, after looking the customer's payments up.
//
// Blocking (QBO calls): run on an engine worker. Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "engine/attempt_outcomes.h"
#include "engine/crm_payment_poster.h"
#include "engine/customer_resolver.h"
#include "engine/item_resolver.h"
#include "engine/payment_sync.h"
#include "engine/record_handler.h"
#include "events/typed_events.h"
#include "qbo_client/api_client.h"
#include "store/store.h"

namespace qbo_sync::engine {

// What the plugin has applied to the QBO invoice of one CRM invoice, kept across attempts.
struct InvoiceProgress {
  std::string fingerprint;  // of the last body QBO accepted
  int64_t paid_minor = 0;   // the CRM amount paid that QBO's payments account for
  bool voided = false;
  int64_t applied_revision = 0;  // the newest revision that got past the quiet period
  int64_t pending_since_ms = 0;  // when a newer revision was first seen; 0: none waiting
  // The record's attempt count when applied_revision was taken up: retries and their limit count
  // from here, so that an invoice's long history of revisions never exhausts its retries.
  int64_t attempts_before_revision = 0;
  // The highest CRM amount paid taken up: a lower one is a change QuickBooks is not given yet.
  int64_t crm_paid_minor = 0;
  // The CRM payments listed by the invoice whose QBO Payment is known to pay it.
  std::vector<std::string> crm_payments;

  std::string to_json() const;
  static InvoiceProgress from_json(const std::string& text);
};

class InvoiceSync final : public RecordHandler {
 public:
  // A CRM edit session sends a burst of revisions; the changes to an invoice QBO already holds
  // wait this long after the first of them, so that the burst becomes one QBO update (QBO counts
  // every call against the company's throttle). Multiplied by the time scale, but never shorter
  // than kMinUpdateQuietMs so that a burst from a fast host still collapses in tests.
  static constexpr int64_t kUpdateQuietMs = 2000;
  static constexpr int64_t kMinUpdateQuietMs = 300;

  using ActiveConnection = PaymentSync::ActiveConnection;
  using Clock = PaymentSync::Clock;

  // `customers` is shared with the other handlers (one contact is resolved by one of them at a
  // time).
  InvoiceSync(store::Store& store, qbo::ApiClient& api, CustomerResolver& customers,
              ActiveConnection active, Clock clock, PaymentSyncOptions options = {});

  store::AttemptOutcome run(const store::SyncRecord& record) override;

  // The store state name that holds an invoice's InvoiceProgress in one QBO company (an account
  // reconnected to another company starts over there).
  static std::string progress_key(const std::string& realm_id, const std::string& crm_invoice_id);

 private:
  struct Attempt;
  store::AttemptOutcome attempt(const store::SyncRecord& record);
  // `attempts_so_far`: earlier attempts at this revision.
  store::AttemptOutcome after_fault(const qbo::Fault& fault, bool settle, int64_t attempts_so_far);
  int64_t attempts_at_revision(const store::SyncRecord& record);

  store::Store& store_;
  qbo::ApiClient& api_;
  ActiveConnection active_;
  Clock clock_;
  PaymentSyncOptions options_;
  FaultOutcomes faults_;
  CustomerResolver& customers_;
  ItemResolver items_;
  CrmPaymentPoster payments_;
};

}  // namespace qbo_sync::engine
