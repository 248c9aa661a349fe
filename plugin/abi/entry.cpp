// The only extern "C" code of the plugin: the handshake and the trampolines of the plugin table.
// Every trampoline is noexcept and turns anything thrown into a status and a JSON error, so no
// exception ever unwinds into the host.
#include <cstdio>
#include <cstring>
#include <exception>
#include <new>
#include <string>

#include "events/event_validator.h"
#include "qbo_sync/plugin_api.h"
#include "runtime/plugin_identity.h"
#include "runtime/plugin_instance.h"

struct qbo_sync_instance {
  std::unique_ptr<qbo_sync::runtime::PluginInstance> impl;
};

namespace {

using qbo_sync::events::HookKind;
using qbo_sync::runtime::HookResponse;

void write(const qbo_sync_sink* sink, const std::string& text) {
  if (sink && sink->append) sink->append(sink->ctx, text.data(), text.size());
}

int32_t answer(const qbo_sync_sink* sink, const HookResponse& response) {
  write(sink, response.body);
  return response.status;
}

// Runs `body`, converting an escaping exception into QBO_SYNC_INTERNAL_ERROR.
template <typename Body>
int32_t barrier(const qbo_sync_sink* sink, Body&& body) noexcept {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    try {
      write(sink, R"({"code":"out_of_memory","message":"the plugin ran out of memory","path":""})");
    } catch (...) {
    }
    return QBO_SYNC_INTERNAL_ERROR;
  } catch (const std::exception& error) {
    try {
      return answer(
          sink, qbo_sync::runtime::error_response(QBO_SYNC_INTERNAL_ERROR, "internal_error",
                                                  std::string("internal error: ") + error.what()));
    } catch (...) {
      return QBO_SYNC_INTERNAL_ERROR;
    }
  } catch (...) {
    return QBO_SYNC_INTERNAL_ERROR;
  }
}

int32_t refuse_null_instance(const qbo_sync_sink* sink) {
  return answer(sink, qbo_sync::runtime::error_response(QBO_SYNC_INVALID_INPUT, "null_instance",
                                                        "the instance pointer is NULL"));
}

// The trampoline of one event hook of the plugin table.
template <HookKind kind>
int32_t on_event(qbo_sync_instance* instance, qbo_sync_str payload,
                 const qbo_sync_sink* response) noexcept {
  return barrier(response, [&] {
    if (!instance || !instance->impl) return refuse_null_instance(response);
    return answer(response, instance->impl->handle_hook(kind, payload.ptr, payload.len));
  });
}

int32_t create(const qbo_sync_host_api* host, qbo_sync_str config_json, qbo_sync_instance** out,
               const qbo_sync_sink* error) noexcept {
  return barrier(error, [&] {
    if (!out) {
      return answer(error, qbo_sync::runtime::error_response(
                               QBO_SYNC_INVALID_INPUT, "null_argument", "out must not be NULL"));
    }
    *out = nullptr;
    HookResponse failure;
    auto impl = qbo_sync::runtime::PluginInstance::create(
        host,
        std::string_view(config_json.ptr ? config_json.ptr : "",
                         config_json.ptr ? config_json.len : 0),
        failure);
    if (!impl) return answer(error, failure);
    *out = new qbo_sync_instance{std::move(impl)};
    return static_cast<int32_t>(QBO_SYNC_OK);
  });
}

void destroy(qbo_sync_instance* instance) noexcept {
  try {
    delete instance;
  } catch (...) {
    // Destruction must not throw across the ABI; an instance that failed to shut down is gone.
  }
}

int32_t admin(qbo_sync_instance* instance, qbo_sync_str request,
              const qbo_sync_sink* response) noexcept {
  return barrier(response, [&] {
    if (!instance || !instance->impl) return refuse_null_instance(response);
    return answer(response, instance->impl->admin(request.ptr, request.len));
  });
}

constexpr qbo_sync_plugin_api kPluginApi = {
    sizeof(qbo_sync_plugin_api),
    0,
    &create,
    &destroy,
    &on_event<HookKind::payment_completed>,
    &on_event<HookKind::invoice_sent>,
    &on_event<HookKind::invoice_updated>,
    &on_event<HookKind::settings_changed>,
    &admin,
};

}  // namespace

extern "C" QBO_SYNC_EXPORT int32_t qbo_sync_entry(const qbo_sync_entry_request* request,
                                                  qbo_sync_entry_result* result) {
  if (!request || !result || request->struct_size < sizeof(qbo_sync_entry_request) ||
      result->struct_size < sizeof(qbo_sync_entry_result)) {
    return QBO_SYNC_INVALID_INPUT;
  }
  result->plugin_abi_major = QBO_SYNC_ABI_MAJOR;
  result->plugin_abi_minor = QBO_SYNC_ABI_MINOR;
  result->reserved = 0;
  result->plugin_name = qbo_sync::runtime::kPluginName;
  result->plugin_version = qbo_sync::runtime::kPluginVersion;
  result->message[0] = '\0';
  if (request->host_abi_major != QBO_SYNC_ABI_MAJOR) {
    result->api = nullptr;
    std::snprintf(result->message, sizeof(result->message),
                  "qbo-sync speaks plugin ABI %u.%u; the host speaks %u.%u: the major versions "
                  "must match",
                  QBO_SYNC_ABI_MAJOR, QBO_SYNC_ABI_MINOR, request->host_abi_major,
                  request->host_abi_minor);
    return QBO_SYNC_VERSION_MISMATCH;
  }
  result->api = &kPluginApi;
  return QBO_SYNC_OK;
}
