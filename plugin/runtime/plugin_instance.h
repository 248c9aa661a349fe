// One plugin instance: the host's services, the store, validation at the boundary and durable
// intake. Serves every CRM sub-account of the host process.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "alerts/alert_digest.h"
#include "alerts/alert_flusher.h"
#include "clock/clock.h"
#include "clock/scheduler.h"
#include "engine/sync_engine.h"
#include "events/event_validator.h"
#include "inbound/inbound_service.h"
#include "qbo_sync/plugin_api.h"
#include "runtime/company_refresh.h"
#include "runtime/hook_response.h"
#include "runtime/host_config.h"
#include "runtime/host_services.h"
#include "runtime/intake_queue.h"
#include "runtime/qbo_stack.h"
#include "store/store.h"

namespace qbo_sync::runtime {

class AdminApi;

class PluginInstance {
 public:
  // Validates the host configuration, opens the store. Returns nullptr and fills `error` when the
  // configuration is invalid or the store cannot be opened.
  static std::unique_ptr<PluginInstance> create(const qbo_sync_host_api* host,
                                                std::string_view config_json, HookResponse& error);
  ~PluginInstance();

  PluginInstance(const PluginInstance&) = delete;
  PluginInstance& operator=(const PluginInstance&) = delete;

  // Validates and durably enqueues one hook payload. Thread-safe.
  HookResponse handle_hook(events::HookKind kind, const char* data, std::size_t size);
  // One admin request. Thread-safe.
  HookResponse admin(const char* data, std::size_t size);

  IntakeQueue& intake() { return intake_; }
  store::Store& store() { return *store_; }
  QboStack& qbo() { return qbo_; }
  engine::SyncEngine& sync_engine() { return *engine_; }
  inbound::InboundService& inbound() { return *inbound_; }

 private:
  PluginInstance(const qbo_sync_host_api* host, HostConfig config,
                 std::unique_ptr<clock::Clock> plugin_clock,
                 std::unique_ptr<events::EventValidator> validator,
                 std::unique_ptr<store::Store> store);
  // Settings naming QuickBooks objects the connected company lacks are refused (nothing stored).
  std::optional<HookResponse> check_settings(const events::AcceptedEvent& accepted);
  // Builds the inbound service over the host's services and starts it.
  void start_inbound();

  HostServices host_;
  HostConfig config_;
  // The one clock every interval of the plugin is measured on, and the one timer queue on it that
  // wakes the engine's poll, the inbound polls and the alert digests. Outlive everything below.
  std::unique_ptr<clock::Clock> clock_;
  clock::Scheduler scheduler_;
  std::unique_ptr<events::EventValidator> validator_;
  std::unique_ptr<store::Store> store_;
  IntakeQueue intake_;
  QboStack qbo_;
  std::unique_ptr<AdminApi> admin_;
  // Errored records gathered into admin digests; the flusher is stopped before the store goes.
  std::unique_ptr<alerts::AlertDigest> alerts_;
  std::unique_ptr<alerts::AlertFlusher> alert_flusher_;
  // Reads the company again when a record fails on an object it may have gained since.
  std::unique_ptr<CompanyRefresh> company_refresh_;
  // QuickBooks → CRM on its own thread; stopped before the engine.
  std::unique_ptr<inbound::InboundService> inbound_;
  // Last: started once everything it uses exists, stopped first.
  std::unique_ptr<engine::SyncEngine> engine_;
};

}  // namespace qbo_sync::runtime
