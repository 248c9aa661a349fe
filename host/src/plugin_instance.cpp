#include "qbo_sync/host/plugin_instance.h"

#include <exception>
#include <utility>

#include "qbo_sync/host/host_error.h"
#include "qbo_sync/host/status_names.h"
#include "qbo_sync/host/string_sink.h"

namespace qbo_sync::host {

namespace {

using HookFn = std::int32_t (*)(qbo_sync_instance*, qbo_sync_str, const qbo_sync_sink*);

struct HookInfo {
  Hook hook;
  std::string_view function_name;
  std::string_view schema_name;
  std::string_view cli_name;
  HookFn qbo_sync_plugin_api::*member;
};

constexpr HookInfo kHookInfo[] = {
    {Hook::payment_completed, "onPaymentCompleted", "payment.completed.v1", "payment",
     &qbo_sync_plugin_api::onPaymentCompleted},
    {Hook::invoice_sent, "onInvoiceSent", "invoice.sent.v1", "invoice-sent",
     &qbo_sync_plugin_api::onInvoiceSent},
    {Hook::invoice_updated, "onInvoiceUpdated", "invoice.updated.v1", "invoice-updated",
     &qbo_sync_plugin_api::onInvoiceUpdated},
    {Hook::settings_changed, "onSettingsChanged", "settings.changed.v1", "settings",
     &qbo_sync_plugin_api::onSettingsChanged},
};

const HookInfo& info(Hook hook) {
  for (const auto& candidate : kHookInfo) {
    if (candidate.hook == hook) {
      return candidate;
    }
  }
  std::terminate();  // every enumerator is in the table
}

qbo_sync_str view_of(std::string_view text) {
  return qbo_sync_str{text.data(), text.size()};
}

// Calls into the plugin; a C++ exception that escapes the plugin is reported, never propagated.
template <typename Call>
std::int32_t call_guarded(std::string_view function_name, Call&& call) {
  try {
    return std::forward<Call>(call)();
  } catch (const std::exception& error) {
    throw HostError("the plugin let an exception escape from " + std::string(function_name) + ": " +
                    error.what());
  } catch (...) {
    throw HostError("the plugin let an exception escape from " + std::string(function_name));
  }
}

}  // namespace

std::string_view hook_function_name(Hook hook) {
  return info(hook).function_name;
}
std::string_view hook_schema_name(Hook hook) {
  return info(hook).schema_name;
}
std::string_view hook_cli_name(Hook hook) {
  return info(hook).cli_name;
}

std::optional<Hook> hook_from_cli_name(std::string_view name) {
  for (const auto& candidate : kHookInfo) {
    if (candidate.cli_name == name) {
      return candidate.hook;
    }
  }
  return std::nullopt;
}

PluginInstance::PluginInstance(std::shared_ptr<const LoadedPlugin> plugin,
                               const qbo_sync_host_api& host, std::string_view config_json)
    : plugin_(std::move(plugin)) {
  StringSink error;
  qbo_sync_instance* created = nullptr;
  const std::int32_t status = call_guarded("create", [&] {
    return plugin_->api().create(&host, view_of(config_json), &created, error.sink());
  });
  if (status != QBO_SYNC_OK || created == nullptr) {
    if (created != nullptr) {
      plugin_->api().destroy(created);  // a plugin that failed must not leave an instance behind
    }
    std::string reason = error.text().empty() ? "no reason given" : error.text();
    if (status == QBO_SYNC_OK) {
      reason = "create answered OK without an instance";
    }
    throw HostError("the plugin refused to create an instance (" + status_name(status) +
                    "): " + reason);
  }
  instance_ = created;
}

PluginInstance::~PluginInstance() {
  // destroy() is declared to return only after every plugin thread has stopped; the library must
  // stay loaded until then, which plugin_ guarantees.
  try {
    plugin_->api().destroy(instance_);
  } catch (...) {
    // A plugin that throws from destroy is already reported by its own log; nothing can cross.
  }
}

CallResult PluginInstance::call_hook(Hook hook, std::string_view payload_json) {
  const HookInfo& hook_info = info(hook);
  const HookFn function = plugin_->api().*hook_info.member;
  StringSink response;
  CallResult result;
  result.status = call_guarded(hook_info.function_name, [&] {
    return function(instance_, view_of(payload_json), response.sink());
  });
  result.body = response.text();
  return result;
}

CallResult PluginInstance::admin(std::string_view request_json) {
  StringSink response;
  CallResult result;
  result.status = call_guarded("admin", [&] {
    return plugin_->api().admin(instance_, view_of(request_json), response.sink());
  });
  result.body = response.text();
  return result;
}

}  // namespace qbo_sync::host
