#include "engine/record_handler.h"

#include "engine/invoice_sync.h"
#include "engine/payment_sync.h"

namespace qbo_sync::engine {

void HandlerTable::add(std::string object_type, std::unique_ptr<RecordHandler> handler) {
  handlers_[std::move(object_type)] = std::move(handler);
}

RecordHandler* HandlerTable::find(std::string_view object_type) const {
  const auto found = handlers_.find(object_type);
  return found == handlers_.end() ? nullptr : found->second.get();
}

HandlerTable record_handlers(SyncContext& context) {
  HandlerTable table;
  table.add("payment", std::make_unique<PaymentSync>(context));
  table.add("invoice", std::make_unique<InvoiceSync>(context));
  return table;
}

}  // namespace qbo_sync::engine
