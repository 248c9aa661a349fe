// What the steps of one attempt at an invoice record learn and share: the invoice, its progress in
// QBO, the company, the customer, the planned document and the QBO invoice as last seen.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "engine/invoice_progress.h"
#include "engine/sync_context.h"
#include "events/typed_events.h"
#include "mapping/company_data_cache.h"
#include "mapping/invoice_document.h"
#include "qbo_client/entity_refs.h"
#include "store/store.h"

namespace qbo_sync::engine {

class InvoiceWork {
 public:
  InvoiceWork(SyncContext& context, const store::SyncRecord& record, events::Invoice invoice);

  // Keeps the progress in the store.
  void save();
  // Reads the QBO invoice into `current`; the outcome (to settle) when QBO did not answer.
  StepResult read_current();
  // Links the QBO invoice to the CRM invoice and takes its Id.
  void remember_link(const qbo::Entity& qbo_invoice);
  // QBO holds the planned document as `qbo_invoice` (`how`: created, updated...): linked, current,
  // and its fingerprint kept as applied.
  void take_applied(const qbo::Entity& qbo_invoice, std::string_view how);
  // What follows a QBO fault, retries counted from the revision taken up.
  store::AttemptOutcome fail(const qbo::Fault& fault, bool settle) const;
  // The requestid prefixes of the invoice and of its current revision.
  std::string key_base() const;
  std::string revision_key() const;

  SyncContext& context;
  const store::SyncRecord& record;
  const events::Invoice invoice;
  const events::Settings settings;
  std::optional<Connected> connected;
  std::optional<store::Link> link;  // when the invoice was linked before this attempt
  std::string progress_state;
  InvoiceProgress progress;
  int64_t attempts_so_far = 0;
  mapping::SharedCompanyData company;
  std::string customer_id;
  std::optional<mapping::InvoiceDocument> document;
  std::optional<qbo::Entity> current;  // the QBO invoice as last seen in this attempt
  std::string qbo_id;
  std::string how = "up_to_date";
  bool created = false;  // by this attempt
};

}  // namespace qbo_sync::engine
