// One attempt at one invoice record: from the stored payload (the invoice's latest revision) to a
// QBO Invoice that matches it, exactly once. The first revision creates the invoice (or links the
// one QBO already holds under the same number when customer and total match); later revisions
// update it with the current SyncToken, void it (never delete), and record the increase in the
// amount paid as QBO Payments applied to it (InvoiceAttempt's steps, InvoiceAmountPaid).
//
// What has been applied (content fingerprint, amount paid, void) is kept in the store's per-account
// state (InvoiceProgress), so a retry repeats nothing.
//
// Blocking (QBO calls): run on an engine worker. Thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include "engine/invoice_attempt.h"
#include "engine/invoice_progress.h"
#include "engine/record_handler.h"
#include "engine/sync_context.h"
#include "store/store.h"

namespace qbo_sync::engine {

class InvoiceSync final : public RecordHandler {
 public:
  static constexpr int64_t kUpdateQuietMs = InvoiceAttempt::kUpdateQuietMs;
  static constexpr int64_t kMinUpdateQuietMs = InvoiceAttempt::kMinUpdateQuietMs;

  // `context` is shared with the other handlers and outlives this one.
  explicit InvoiceSync(SyncContext& context);

  store::AttemptOutcome run(const store::SyncRecord& record) override;

  // The store state name that holds an invoice's InvoiceProgress in one QBO company.
  static std::string progress_key(const std::string& realm_id, const std::string& crm_invoice_id);

 private:
  store::AttemptOutcome attempt(const store::SyncRecord& record);
  // Earlier attempts at the record's current revision (every attempt when that is unknown).
  int64_t attempts_at_revision(const store::SyncRecord& record) const;

  SyncContext& context_;
};

}  // namespace qbo_sync::engine
