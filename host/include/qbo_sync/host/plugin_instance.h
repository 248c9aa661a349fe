#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "qbo_sync/host/plugin_loader.h"
#include "qbo_sync/plugin_api.h"

namespace qbo_sync::host {

// The four hooks of the plugin table.
enum class Hook { payment_completed, invoice_sent, invoice_updated, settings_changed };

// "onPaymentCompleted", ... as the ABI names them.
std::string_view hook_function_name(Hook hook);
// "payment.completed.v1", ...: the schema (and examples folder) of the hook's payload.
std::string_view hook_schema_name(Hook hook);
// "payment", "invoice-sent", "invoice-updated", "settings": the names the command line uses.
std::string_view hook_cli_name(Hook hook);
std::optional<Hook> hook_from_cli_name(std::string_view name);
inline constexpr Hook kAllHooks[] = {Hook::payment_completed, Hook::invoice_sent,
                                     Hook::invoice_updated, Hook::settings_changed};

// A plugin call's status and the JSON the plugin wrote to the response sink.
struct CallResult {
  std::int32_t status = QBO_SYNC_INTERNAL_ERROR;
  std::string body;
};

// One plugin instance: created in the constructor, destroyed (quiesced) in the destructor. It keeps
// the library loaded until after destroy() has returned.
class PluginInstance {
 public:
  // Calls create(). `host` (the table and its ctx) must outlive this object. Throws HostError
  // with the plugin's {code, message, path} when create refuses.
  PluginInstance(std::shared_ptr<const LoadedPlugin> plugin, const qbo_sync_host_api& host,
                 std::string_view config_json);
  ~PluginInstance();
  PluginInstance(const PluginInstance&) = delete;
  PluginInstance& operator=(const PluginInstance&) = delete;

  // Calls a hook. Throws HostError when the plugin lets an exception escape; every status,
  // including unknown ones, is returned for the caller to judge.
  CallResult call_hook(Hook hook, std::string_view payload_json);
  // Calls the admin entry with a JSON request.
  CallResult admin(std::string_view request_json);

  const LoadedPlugin& plugin() const { return *plugin_; }

 private:
  std::shared_ptr<const LoadedPlugin> plugin_;
  qbo_sync_instance* instance_ = nullptr;
};

}  // namespace qbo_sync::host
