// What the sync engine runs for one kind of sync record (payment, invoice, ...): one attempt at
// the record's current revision, returning the outcome the engine records; and the table of the
// handlers by the object type of the records they run.
//
// Called on an engine worker, possibly on several workers at once for different records.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "store/store.h"

namespace qbo_sync::engine {

class SyncContext;

class RecordHandler {
 public:
  virtual ~RecordHandler() = default;
  virtual store::AttemptOutcome run(const store::SyncRecord& record) = 0;
};

// The handlers by object type ("payment", "invoice"); built once, then only read.
class HandlerTable {
 public:
  void add(std::string object_type, std::unique_ptr<RecordHandler> handler);
  // Null for an object type no handler syncs.
  RecordHandler* find(std::string_view object_type) const;

 private:
  std::map<std::string, std::unique_ptr<RecordHandler>, std::less<>> handlers_;
};

// Every handler of the product, sharing `context` (which must outlive them): payments (to Sales
// Receipts, or to QBO Payments of invoices) and invoices.
HandlerTable record_handlers(SyncContext& context);

}  // namespace qbo_sync::engine
