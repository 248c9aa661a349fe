/*
 * Uses every type, constant and function-pointer signature of plugin_api.h in code that must
 * compile warning-free as C11, C++17 and C++20. Each language's translation unit includes this
 * file once and calls qbo_abi_header_usage() from main().
 */
#ifndef QBO_SYNC_ABI_HEADER_USAGE_H
#define QBO_SYNC_ABI_HEADER_USAGE_H

#include <string.h>

#include "abi_layout_asserts.h"
#include "qbo_sync/plugin_api.h"

struct qbo_sync_instance {
  int hooks_called;
};

static size_t qbo_abi_sink_bytes;

static void usage_append(void* ctx, const char* data, size_t len) {
  (void)ctx;
  (void)data;
  qbo_abi_sink_bytes += len;
}

static void usage_log(void* ctx, int32_t level, qbo_sync_str message) {
  (void)ctx;
  (void)level;
  (void)message;
}

static int32_t usage_request(void* ctx, qbo_sync_str request_json) {
  (void)ctx;
  return request_json.len > 0 ? QBO_SYNC_OK : QBO_SYNC_INVALID_INPUT;
}

static int32_t usage_request_with_response(void* ctx, qbo_sync_str request_json,
                                           const qbo_sync_sink* response) {
  (void)ctx;
  if (response != NULL) {
    response->append(response->ctx, request_json.ptr, request_json.len);
  }
  return QBO_SYNC_OK;
}

static qbo_sync_instance usage_instance_storage;

static int32_t usage_create(const qbo_sync_host_api* host, qbo_sync_str config_json,
                            qbo_sync_instance** out, const qbo_sync_sink* error) {
  (void)config_json;
  (void)error;
  host->log(host->ctx, QBO_SYNC_LOG_DEBUG, config_json);
  *out = &usage_instance_storage;
  return QBO_SYNC_OK;
}

static void usage_destroy(qbo_sync_instance* instance) {
  instance->hooks_called = 0;
}

static int32_t usage_hook(qbo_sync_instance* instance, qbo_sync_str payload_json,
                          const qbo_sync_sink* response) {
  instance->hooks_called += 1;
  if (response != NULL) {
    response->append(response->ctx, payload_json.ptr, payload_json.len);
  }
  return payload_json.len <= QBO_SYNC_MAX_PAYLOAD_BYTES ? QBO_SYNC_OK : QBO_SYNC_INVALID_INPUT;
}

static const qbo_sync_plugin_api usage_plugin_api = {sizeof(qbo_sync_plugin_api),
                                                     0u,
                                                     usage_create,
                                                     usage_destroy,
                                                     usage_hook,
                                                     usage_hook,
                                                     usage_hook,
                                                     usage_hook,
                                                     usage_hook};

static int32_t usage_entry(const qbo_sync_entry_request* request, qbo_sync_entry_result* result) {
  result->plugin_abi_major = QBO_SYNC_ABI_MAJOR;
  result->plugin_abi_minor = QBO_SYNC_ABI_MINOR;
  result->api = request->host_abi_major == QBO_SYNC_ABI_MAJOR ? &usage_plugin_api : NULL;
  result->plugin_name = "usage";
  result->plugin_version = "0";
  result->message[0] = '\0';
  return result->api != NULL ? QBO_SYNC_OK : QBO_SYNC_VERSION_MISMATCH;
}

/* Returns 0 when a round trip through every table member behaves. */
static int qbo_abi_header_usage(void) {
  const qbo_sync_entry_fn entry = usage_entry;
  qbo_sync_entry_request request;
  qbo_sync_entry_result result;
  qbo_sync_host_api host;
  qbo_sync_sink sink;
  qbo_sync_str payload;
  qbo_sync_instance* instance = NULL;
  const char* text = "{\"op\":\"plugin_info\"}";
  int32_t statuses = 0;
  const int32_t every_status[] = {
      QBO_SYNC_OK,   QBO_SYNC_DUPLICATE,      QBO_SYNC_INVALID_INPUT,    QBO_SYNC_NOT_CONNECTED,
      QBO_SYNC_BUSY, QBO_SYNC_INTERNAL_ERROR, QBO_SYNC_VERSION_MISMATCH, QBO_SYNC_UNSUPPORTED};
  const int32_t every_level[] = {QBO_SYNC_LOG_DEBUG, QBO_SYNC_LOG_INFO, QBO_SYNC_LOG_WARNING,
                                 QBO_SYNC_LOG_ERROR};
  size_t i;

  memset(&request, 0, sizeof request);
  memset(&result, 0, sizeof result);
  memset(&host, 0, sizeof host);
  request.struct_size = (uint32_t)sizeof request;
  request.host_abi_major = QBO_SYNC_ABI_MAJOR;
  request.host_abi_minor = QBO_SYNC_ABI_MINOR;
  result.struct_size = (uint32_t)sizeof result;
  host.struct_size = (uint32_t)sizeof host;
  host.log = usage_log;
  host.email_admins = usage_request;
  host.send_review_request = usage_request;
  host.upsert_contact = usage_request_with_response;
  host.import_invoice = usage_request_with_response;
  sink.ctx = NULL;
  sink.append = usage_append;
  payload.ptr = text;
  payload.len = strlen(text);

  for (i = 0; i < sizeof every_status / sizeof every_status[0]; ++i) {
    statuses += every_status[i];
  }
  for (i = 0; i < sizeof every_level / sizeof every_level[0]; ++i) {
    host.log(host.ctx, every_level[i], payload);
  }
  if (statuses != 28 || strcmp(QBO_SYNC_ENTRY_SYMBOL, "qbo_sync_entry") != 0) {
    return 1;
  }
  if (entry(&request, &result) != QBO_SYNC_OK || result.api == NULL) {
    return 2;
  }
  if (result.api->create(&host, payload, &instance, &sink) != QBO_SYNC_OK || instance == NULL) {
    return 3;
  }
  if (result.api->onPaymentCompleted(instance, payload, &sink) != QBO_SYNC_OK ||
      result.api->onInvoiceSent(instance, payload, &sink) != QBO_SYNC_OK ||
      result.api->onInvoiceUpdated(instance, payload, NULL) != QBO_SYNC_OK ||
      result.api->onSettingsChanged(instance, payload, &sink) != QBO_SYNC_OK ||
      result.api->admin(instance, payload, &sink) != QBO_SYNC_OK) {
    return 4;
  }
  if (instance->hooks_called != 5 || qbo_abi_sink_bytes != 4 * payload.len) {
    return 5;
  }
  if (host.email_admins(host.ctx, payload) != QBO_SYNC_OK ||
      host.send_review_request(host.ctx, payload) != QBO_SYNC_OK ||
      host.upsert_contact(host.ctx, payload, &sink) != QBO_SYNC_OK ||
      host.import_invoice(host.ctx, payload, &sink) != QBO_SYNC_OK) {
    return 6;
  }
  result.api->destroy(instance);
  return 0;
}

#endif /* QBO_SYNC_ABI_HEADER_USAGE_H */
