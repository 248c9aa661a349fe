// A C++ plugin without an exception barrier: its hooks throw straight across the C ABI. It exists
// so that the host's call sites are proven to catch what a broken plugin lets escape.
#include <cstdlib>
#include <stdexcept>

#include "qbo_sync/plugin_api.h"

struct qbo_sync_instance {
  const qbo_sync_host_api* host;
};

namespace {

int32_t create_instance(const qbo_sync_host_api* host, qbo_sync_str /*config_json*/,
                        qbo_sync_instance** out, const qbo_sync_sink* /*error*/) {
  *out = new qbo_sync_instance{host};
  return QBO_SYNC_OK;
}

void destroy_instance(qbo_sync_instance* instance) {
  delete instance;
}

int32_t throw_from_hook(qbo_sync_instance* /*instance*/, qbo_sync_str /*payload*/,
                        const qbo_sync_sink* /*response*/) {
  throw std::runtime_error("boom");
}

int32_t throw_something_else(qbo_sync_instance* /*instance*/, qbo_sync_str /*payload*/,
                             const qbo_sync_sink* /*response*/) {
  throw 42;  // not even a std::exception
}

const qbo_sync_plugin_api kApi = {sizeof(qbo_sync_plugin_api),
                                  0u,
                                  &create_instance,
                                  &destroy_instance,
                                  &throw_from_hook,
                                  &throw_from_hook,
                                  &throw_from_hook,
                                  &throw_from_hook,
                                  &throw_something_else};

}  // namespace

extern "C" int32_t qbo_sync_entry(const qbo_sync_entry_request* request,
                                  qbo_sync_entry_result* result) {
  if (request == nullptr || result == nullptr) {
    return QBO_SYNC_INVALID_INPUT;
  }
  result->plugin_abi_major = QBO_SYNC_ABI_MAJOR;
  result->plugin_abi_minor = QBO_SYNC_ABI_MINOR;
  result->api = &kApi;
  result->plugin_name = "qbo-sync-throwing-plugin";
  result->plugin_version = "0.0.1";
  result->message[0] = '\0';
  return QBO_SYNC_OK;
}
