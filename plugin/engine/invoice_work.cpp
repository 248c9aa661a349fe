#include "engine/invoice_work.h"

namespace qbo_sync::engine {

InvoiceWork::InvoiceWork(SyncContext& sync_context, const store::SyncRecord& sync_record,
                         events::Invoice crm_invoice)
    : context(sync_context),
      record(sync_record),
      invoice(std::move(crm_invoice)),
      settings(context.settings(record.account_id)) {}

void InvoiceWork::save() {
  context.store.put_state(record.account_id, progress_state, progress.to_json());
}

StepResult InvoiceWork::read_current() {
  auto answer = context.api.read(connected->connection, "Invoice", qbo_id);
  if (!answer) return fail(answer.fault(), true);
  current = qbo::entity_of(answer.value().entity, "Invoice");
  return kContinue;
}

void InvoiceWork::remember_link(const qbo::Entity& qbo_invoice) {
  qbo_id = context.link_posted(record.account_id, "invoice", invoice.id, "Invoice", qbo_invoice);
}

void InvoiceWork::take_applied(const qbo::Entity& qbo_invoice, std::string_view applied) {
  remember_link(qbo_invoice);
  current = qbo_invoice;
  progress.fingerprint = document->fingerprint;
  save();
  how = applied;
}

store::AttemptOutcome InvoiceWork::fail(const qbo::Fault& fault, bool settle) const {
  return context.faults.after_fault(fault, settle, attempts_so_far);
}

std::string InvoiceWork::key_base() const {
  return record.account_id + ":invoice:" + invoice.id;
}

std::string InvoiceWork::revision_key() const {
  return key_base() + ":rev:" + std::to_string(invoice.revision);
}

}  // namespace qbo_sync::engine
