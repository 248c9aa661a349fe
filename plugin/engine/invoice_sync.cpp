#include "engine/invoice_sync.h"

#include <algorithm>
#include <exception>

namespace qbo_sync::engine {
using store::AttemptOutcome;

InvoiceSync::InvoiceSync(SyncContext& context) : context_(context) {}

std::string InvoiceSync::progress_key(const std::string& realm_id,
                                      const std::string& crm_invoice_id) {
  return InvoiceProgress::state_name(realm_id, crm_invoice_id);
}

AttemptOutcome InvoiceSync::run(const store::SyncRecord& record) {
  return run_guarded([&] { return attempt(record); },
                     [&](const qbo::Fault& fault) {
                       int64_t attempts = record.attempts;
                       try {
                         attempts = attempts_at_revision(record);
                       } catch (const std::exception&) {
                         // The store failed too: count every attempt of the record.
                       }
                       return context_.faults.after_fault(fault, false, attempts);
                     });
}

AttemptOutcome InvoiceSync::attempt(const store::SyncRecord& record) {
  auto read = stored_event(context_.store, record, "invoice", events::parse_invoice);
  if (auto* unreadable = std::get_if<AttemptOutcome>(&read)) return std::move(*unreadable);
  return InvoiceAttempt(context_, record, std::move(std::get<events::Invoice>(read))).run();
}

int64_t InvoiceSync::attempts_at_revision(const store::SyncRecord& record) const {
  const auto row = context_.store.connection(record.account_id);
  if (!row) return record.attempts;
  const auto text =
      context_.store.state(record.account_id, progress_key(row->realm_id, record.object_id));
  if (!text) return record.attempts;
  const InvoiceProgress progress = InvoiceProgress::from_json(*text);
  if (progress.applied_revision != record.revision) return record.attempts;
  return std::max<int64_t>(0, record.attempts - progress.attempts_before_revision);
}

}  // namespace qbo_sync::engine
