// What every attempt at a payment record starts from, once the payment is read, its account's
// settings known and its QBO company connected.
#pragma once

#include "engine/sync_context.h"
#include "events/typed_events.h"
#include "store/store.h"

namespace qbo_sync::engine {

struct PaymentWork {
  SyncContext& context;
  const store::SyncRecord& record;
  const events::Payment& payment;
  const events::Settings& settings;
  const Connected& connected;
};

}  // namespace qbo_sync::engine
