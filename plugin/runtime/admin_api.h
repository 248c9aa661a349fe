// The admin surface: one JSON request in, one JSON document out. Operations are added here without
// touching the ABI; docs/admin.md lists them.
#pragma once

#include <functional>
#include <string_view>

#include "connection/connection_service.h"
#include "runtime/hook_response.h"
#include "store/store.h"

namespace qbo_sync::inbound {
class InboundService;
}

namespace qbo_sync::runtime {

class AdminApi {
 public:
  // `records_due` is called when an operation made records due now (a retry), so that the sync
  // engine need not wait for its next poll.
  AdminApi(store::Store& store, connection::ConnectionService& connections,
           std::function<void()> records_due = {});

  // Thread-safe. Unknown operations answer QBO_SYNC_UNSUPPORTED; bad fields QBO_SYNC_INVALID_INPUT
  // with the field's JSON Pointer.
  HookResponse handle(std::string_view request_json);

  // The QuickBooks → CRM side (qbo_webhook, inbound_status); set once, before any request.
  void set_inbound(inbound::InboundService* inbound) { inbound_ = inbound; }

 private:
  store::Store& store_;
  connection::ConnectionService& connections_;
  std::function<void()> records_due_;
  inbound::InboundService* inbound_ = nullptr;
};

}  // namespace qbo_sync::runtime
