// What the sync engine runs for one kind of sync record (payment, invoice, ...): one attempt at
// the record's current revision, returning the outcome the engine records.
//
// Called on an engine worker, possibly on several workers at once for different records.
#pragma once

#include "store/store.h"

namespace qbo_sync::engine {

class RecordHandler {
 public:
  virtual ~RecordHandler() = default;
  virtual store::AttemptOutcome run(const store::SyncRecord& record) = 0;
};

}  // namespace qbo_sync::engine
