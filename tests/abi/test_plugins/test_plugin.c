/*
 * A small, well-behaved plugin written in plain C against plugin_api.h, and (through compile
 * definitions) its deliberately broken variants. The host's loader and the ABI tests run against
 * them, so that every failure mode a real plugin could show is reproduced on purpose:
 *
 *   TEST_PLUGIN_NO_ENTRY          exports a differently named symbol instead of the entry point
 *   TEST_PLUGIN_ABI_MAJOR=n       claims ABI major n (and refuses a host of another major)
 *   TEST_PLUGIN_LENIENT           accepts the handshake even when the majors differ
 *   TEST_PLUGIN_REFUSAL="text"    refuses every handshake with this message
 *   TEST_PLUGIN_HOOK_STATUS=n     every hook answers status n (e.g. an unknown code)
 *
 * The events it accepts are kept in memory only: it proves the host side of the ABI, not intake.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qbo_sync/plugin_api.h"

#ifndef TEST_PLUGIN_ABI_MAJOR
#define TEST_PLUGIN_ABI_MAJOR QBO_SYNC_ABI_MAJOR
#endif

#define TEST_PLUGIN_MAX_RECORDS 512u
#define TEST_PLUGIN_FIELD_SIZE 128u

typedef struct test_record {
  char record_id[32];
  char account_id[TEST_PLUGIN_FIELD_SIZE];
  char event_id[TEST_PLUGIN_FIELD_SIZE];
  const char* object_type;
} test_record;

struct qbo_sync_instance {
  const qbo_sync_host_api* host;
  pthread_mutex_t mutex;
  unsigned record_count;
  test_record records[TEST_PLUGIN_MAX_RECORDS];
};

static void write_text(const qbo_sync_sink* sink, const char* text) {
  if (sink != NULL && sink->append != NULL) {
    sink->append(sink->ctx, text, strlen(text));
  }
}

static void host_log(const qbo_sync_instance* instance, int32_t level, const char* text) {
  qbo_sync_str message = {text, strlen(text)};
  instance->host->log(instance->host->ctx, level, message);
}

/* Copies the string value of "key" (no escapes expected) into out; returns 0 when absent. */
static int find_string_field(qbo_sync_str json, const char* key, char* out, size_t out_size) {
  char pattern[64];
  const char* cursor = json.ptr;
  const char* end = json.ptr + json.len;
  size_t pattern_len;
  snprintf(pattern, sizeof pattern, "\"%s\"", key);
  pattern_len = strlen(pattern);
  for (; cursor + pattern_len <= end; ++cursor) {
    if (memcmp(cursor, pattern, pattern_len) == 0) {
      const char* value = cursor + pattern_len;
      size_t length = 0;
      while (value < end && (*value == ' ' || *value == ':')) {
        ++value;
      }
      if (value >= end || *value != '"') {
        return 0;
      }
      ++value;
      while (value + length < end && value[length] != '"' && length + 1 < out_size) {
        ++length;
      }
      memcpy(out, value, length);
      out[length] = '\0';
      return 1;
    }
  }
  return 0;
}

static int32_t invalid(const qbo_sync_sink* response, const char* path, const char* message) {
  char body[512];
  snprintf(body, sizeof body, "{\"code\":\"invalid_input\",\"message\":\"%s\",\"path\":\"%s\"}",
           message, path);
  write_text(response, body);
  return QBO_SYNC_INVALID_INPUT;
}

static int32_t test_create(const qbo_sync_host_api* host, qbo_sync_str config_json,
                           qbo_sync_instance** out, const qbo_sync_sink* error) {
  char data_dir[TEST_PLUGIN_FIELD_SIZE];
  qbo_sync_instance* instance;
  if (out == NULL) {
    return QBO_SYNC_INVALID_INPUT;
  }
  *out = NULL;
  if (host == NULL || host->struct_size < sizeof(qbo_sync_host_api) || host->log == NULL) {
    return invalid(error, "", "the host table is missing or too small");
  }
  if (config_json.ptr == NULL ||
      !find_string_field(config_json, "data_dir", data_dir, sizeof data_dir)) {
    return invalid(error, "/data_dir", "data_dir is required");
  }
  instance = (qbo_sync_instance*)calloc(1, sizeof *instance);
  if (instance == NULL) {
    return QBO_SYNC_INTERNAL_ERROR;
  }
  instance->host = host;
  pthread_mutex_init(&instance->mutex, NULL);
  host_log(instance, QBO_SYNC_LOG_INFO, "test plugin instance created");
  *out = instance;
  return QBO_SYNC_OK;
}

static void test_destroy(qbo_sync_instance* instance) {
  if (instance == NULL) {
    return;
  }
  pthread_mutex_destroy(&instance->mutex);
  free(instance);
}

static int32_t accept_event(qbo_sync_instance* instance, qbo_sync_str payload,
                            const qbo_sync_sink* response, const char* object_type) {
#ifdef TEST_PLUGIN_HOOK_STATUS
  (void)instance;
  (void)payload;
  (void)object_type;
  write_text(response, "{}");
  return TEST_PLUGIN_HOOK_STATUS;
#else
  char account_id[TEST_PLUGIN_FIELD_SIZE];
  char event_id[TEST_PLUGIN_FIELD_SIZE];
  char body[128];
  unsigned i;
  int32_t status = QBO_SYNC_OK;
  if (instance == NULL || payload.ptr == NULL || payload.len == 0) {
    return invalid(response, "", "the payload is empty");
  }
  if (payload.ptr[0] != '{') {
    return invalid(response, "", "the payload is not a JSON object");
  }
  if (!find_string_field(payload, "account_id", account_id, sizeof account_id)) {
    return invalid(response, "/account_id", "account_id is required");
  }
  if (!find_string_field(payload, "event_id", event_id, sizeof event_id)) {
    return invalid(response, "/event_id", "event_id is required");
  }
  pthread_mutex_lock(&instance->mutex);
  for (i = 0; i < instance->record_count; ++i) {
    if (strcmp(instance->records[i].event_id, event_id) == 0) {
      status = QBO_SYNC_DUPLICATE;
      break;
    }
  }
  if (status == QBO_SYNC_OK) {
    if (instance->record_count == TEST_PLUGIN_MAX_RECORDS) {
      status = QBO_SYNC_BUSY;
    } else {
      test_record* record = &instance->records[instance->record_count];
      snprintf(record->record_id, sizeof record->record_id, "test-%u", instance->record_count + 1);
      memcpy(record->account_id, account_id, sizeof account_id);
      memcpy(record->event_id, event_id, sizeof event_id);
      record->object_type = object_type;
      i = instance->record_count++;
    }
  }
  if (status != QBO_SYNC_BUSY) {
    snprintf(body, sizeof body, "{\"record_id\":\"%s\"}", instance->records[i].record_id);
    write_text(response, body);
  } else {
    write_text(response,
               "{\"code\":\"busy\",\"message\":\"the test plugin is full\",\"path\":\"\"}");
  }
  pthread_mutex_unlock(&instance->mutex);
  return status;
#endif
}

static int32_t test_on_payment_completed(qbo_sync_instance* instance, qbo_sync_str payload,
                                         const qbo_sync_sink* response) {
  return accept_event(instance, payload, response, "payment");
}

/* Both invoice hooks: invoice.sent and invoice.updated. */
static int32_t test_on_invoice_event(qbo_sync_instance* instance, qbo_sync_str payload,
                                     const qbo_sync_sink* response) {
  return accept_event(instance, payload, response, "invoice");
}

static int32_t test_on_settings_changed(qbo_sync_instance* instance, qbo_sync_str payload,
                                        const qbo_sync_sink* response) {
  return accept_event(instance, payload, response, "settings");
}

/* Calls every host service once, so that a host's recording can be checked through the ABI. */
static int32_t exercise_host(qbo_sync_instance* instance, const qbo_sync_sink* response) {
  static const char kEmail[] = "{\"account_id\":\"acc-1\",\"subject\":\"s\",\"text\":\"t\"}";
  static const char kReview[] =
      "{\"account_id\":\"acc-1\",\"contact\":{\"email\":\"a@example.com\",\"name\":\"A\"},"
      "\"invoice\":{}}";
  static const char kContact[] =
      "{\"account_id\":\"acc-1\",\"qbo_customer_id\":\"58\",\"display_name\":\"Amy\","
      "\"email\":\"a@example.com\",\"active\":true}";
  static const char kInvoice[] = "{\"account_id\":\"acc-1\",\"qbo_invoice_id\":\"130\"}";
  const qbo_sync_host_api* host = instance->host;
  qbo_sync_str email = {kEmail, sizeof kEmail - 1};
  qbo_sync_str review = {kReview, sizeof kReview - 1};
  qbo_sync_str contact = {kContact, sizeof kContact - 1};
  qbo_sync_str invoice = {kInvoice, sizeof kInvoice - 1};
  int32_t statuses[4];
  char body[160];
  host_log(instance, QBO_SYNC_LOG_WARNING, "exercising the host services");
  statuses[0] = host->email_admins(host->ctx, email);
  statuses[1] = host->send_review_request(host->ctx, review);
  /* The CRM ids go to the sinks of the caller's choosing; the test plugin discards them. */
  statuses[2] = host->upsert_contact(host->ctx, contact, NULL);
  statuses[3] = host->import_invoice(host->ctx, invoice, NULL);
  snprintf(body, sizeof body,
           "{\"email_admins\":%d,\"send_review_request\":%d,\"upsert_contact\":%d,"
           "\"import_invoice\":%d}",
           (int)statuses[0], (int)statuses[1], (int)statuses[2], (int)statuses[3]);
  write_text(response, body);
  return QBO_SYNC_OK;
}

static int32_t list_records(qbo_sync_instance* instance, qbo_sync_str request,
                            const qbo_sync_sink* response) {
  char account_id[TEST_PLUGIN_FIELD_SIZE];
  char row[512];
  unsigned i;
  int first = 1;
  if (!find_string_field(request, "account_id", account_id, sizeof account_id)) {
    return invalid(response, "/account_id", "account_id is required");
  }
  write_text(response, "{\"records\":[");
  pthread_mutex_lock(&instance->mutex);
  for (i = 0; i < instance->record_count; ++i) {
    const test_record* record = &instance->records[i];
    if (strcmp(record->account_id, account_id) != 0) {
      continue;
    }
    snprintf(row, sizeof row,
             "%s{\"record_id\":\"%s\",\"account_id\":\"%s\",\"object_type\":\"%s\","
             "\"object_id\":\"%s\",\"revision\":1,\"status\":\"todo\",\"reason\":null}",
             first ? "" : ",", record->record_id, record->account_id, record->object_type,
             record->event_id);
    write_text(response, row);
    first = 0;
  }
  pthread_mutex_unlock(&instance->mutex);
  write_text(response, "],\"next_cursor\":null}");
  return QBO_SYNC_OK;
}

static int32_t test_admin(qbo_sync_instance* instance, qbo_sync_str request,
                          const qbo_sync_sink* response) {
  char op[TEST_PLUGIN_FIELD_SIZE];
  if (instance == NULL || request.ptr == NULL || request.len == 0) {
    return invalid(response, "", "the request is empty");
  }
  if (!find_string_field(request, "op", op, sizeof op)) {
    return invalid(response, "/op", "op is required");
  }
  if (strcmp(op, "plugin_info") == 0) {
    write_text(response, "{\"name\":\"qbo-sync-test-plugin\",\"version\":\"0.0.1\"}");
    return QBO_SYNC_OK;
  }
  if (strcmp(op, "list_records") == 0) {
    return list_records(instance, request, response);
  }
  if (strcmp(op, "exercise_host") == 0) {
    return exercise_host(instance, response);
  }
  write_text(response, "{\"code\":\"unsupported\",\"message\":\"unknown op\",\"path\":\"/op\"}");
  return QBO_SYNC_UNSUPPORTED;
}

static const qbo_sync_plugin_api kTestPluginApi = {sizeof(qbo_sync_plugin_api),
                                                   0u,
                                                   test_create,
                                                   test_destroy,
                                                   test_on_payment_completed,
                                                   test_on_invoice_event,
                                                   test_on_invoice_event,
                                                   test_on_settings_changed,
                                                   test_admin};

static int32_t test_entry(const qbo_sync_entry_request* request, qbo_sync_entry_result* result) {
  if (request == NULL || result == NULL || request->struct_size < sizeof *request ||
      result->struct_size < sizeof *result) {
    return QBO_SYNC_INVALID_INPUT;
  }
  result->plugin_abi_major = TEST_PLUGIN_ABI_MAJOR;
  result->plugin_abi_minor = QBO_SYNC_ABI_MINOR;
  result->api = NULL;
  result->plugin_name = "qbo-sync-test-plugin";
  result->plugin_version = "0.0.1";
  result->message[0] = '\0';
#ifdef TEST_PLUGIN_REFUSAL
  snprintf(result->message, sizeof result->message, "%s", TEST_PLUGIN_REFUSAL);
  (void)kTestPluginApi;
  return QBO_SYNC_VERSION_MISMATCH;
#else
#ifndef TEST_PLUGIN_LENIENT
  if (request->host_abi_major != TEST_PLUGIN_ABI_MAJOR) {
    snprintf(result->message, sizeof result->message,
             "this plugin speaks ABI %u.x; the host speaks %u.%u", (unsigned)TEST_PLUGIN_ABI_MAJOR,
             (unsigned)request->host_abi_major, (unsigned)request->host_abi_minor);
    return QBO_SYNC_VERSION_MISMATCH;
  }
#endif
  result->api = &kTestPluginApi;
  return QBO_SYNC_OK;
#endif
}

#ifdef TEST_PLUGIN_NO_ENTRY
QBO_SYNC_EXPORT int32_t qbo_sync_entry_misnamed(const qbo_sync_entry_request* request,
                                                qbo_sync_entry_result* result);
QBO_SYNC_EXPORT int32_t qbo_sync_entry_misnamed(const qbo_sync_entry_request* request,
                                                qbo_sync_entry_result* result) {
  return test_entry(request, result);
}
#else
int32_t qbo_sync_entry(const qbo_sync_entry_request* request, qbo_sync_entry_result* result) {
  return test_entry(request, result);
}
#endif
