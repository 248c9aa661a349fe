/*
 * A host written in plain C11: proof that plugin_api.h is all a host needs. It dlopens a plugin,
 * performs the handshake, creates an instance over a temporary data directory, calls every hook
 * (an event, its redelivery, an empty view, and with an examples folder an invalid example), calls
 * the admin entry, destroys the instance and unloads the library.
 *
 *   c_host PLUGIN_PATH [EXAMPLES_DIR]
 *
 * Without EXAMPLES_DIR it sends small built-in events. Exit code 0 when every check passed.
 */
#define _XOPEN_SOURCE 700

#include <dirent.h>
#include <dlfcn.h>
#include <ftw.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "qbo_sync/plugin_api.h"

#define C_HOST_MAX_PAYLOAD (QBO_SYNC_MAX_PAYLOAD_BYTES + 1u)

static int failures;
static atomic_int host_calls;

static void check(int condition, const char* what, const char* detail) {
  if (condition) {
    printf("ok    %s\n", what);
  } else {
    printf("FAIL  %s%s%s\n", what, detail != NULL ? ": " : "", detail != NULL ? detail : "");
    ++failures;
  }
}

/* ---- a growable buffer behind a qbo_sync_sink ---- */

typedef struct buffer {
  char* data;
  size_t len;
  size_t cap;
} buffer;

static void buffer_append(void* ctx, const char* data, size_t len) {
  buffer* out = (buffer*)ctx;
  if (out->len + len + 1 > out->cap) {
    size_t cap = out->cap == 0 ? 256 : out->cap;
    char* grown;
    while (out->len + len + 1 > cap) {
      cap *= 2;
    }
    grown = (char*)realloc(out->data, cap);
    if (grown == NULL) {
      return;
    }
    out->data = grown;
    out->cap = cap;
  }
  memcpy(out->data + out->len, data, len);
  out->len += len;
  out->data[out->len] = '\0';
}

static void buffer_reset(buffer* out) {
  out->len = 0;
  if (out->data != NULL) {
    out->data[0] = '\0';
  }
}

static const char* buffer_text(const buffer* out) {
  return out->data != NULL ? out->data : "";
}

/* ---- host services ---- */

static void host_log(void* ctx, int32_t level, qbo_sync_str message) {
  (void)ctx;
  atomic_fetch_add(&host_calls, 1);
  fprintf(stderr, "[plugin %d] %.*s\n", (int)level, (int)message.len,
          message.ptr != NULL ? message.ptr : "");
}

static int32_t host_request(void* ctx, qbo_sync_str request_json) {
  (void)ctx;
  (void)request_json;
  atomic_fetch_add(&host_calls, 1);
  return QBO_SYNC_OK;
}

static int32_t host_upsert_contact(void* ctx, qbo_sync_str contact_json,
                                   const qbo_sync_sink* response) {
  static const char kAnswer[] = "{\"crm_contact_id\":\"c-host-contact\"}";
  (void)ctx;
  (void)contact_json;
  atomic_fetch_add(&host_calls, 1);
  if (response != NULL) {
    response->append(response->ctx, kAnswer, sizeof kAnswer - 1);
  }
  return QBO_SYNC_OK;
}

static int32_t host_import_invoice(void* ctx, qbo_sync_str invoice_json,
                                   const qbo_sync_sink* response) {
  static const char kAnswer[] = "{\"crm_invoice_id\":\"c-host-invoice\"}";
  (void)ctx;
  (void)invoice_json;
  atomic_fetch_add(&host_calls, 1);
  if (response != NULL) {
    response->append(response->ctx, kAnswer, sizeof kAnswer - 1);
  }
  return QBO_SYNC_OK;
}

/* ---- files ---- */

static int json_file_filter(const struct dirent* entry) {
  /* x.expect.json files describe how x.json must be refused; they are not events. */
  static const char kExpectation[] = ".expect.json";
  const size_t len = strlen(entry->d_name);
  const size_t expectation_len = sizeof kExpectation - 1;
  if (len > expectation_len && strcmp(entry->d_name + len - expectation_len, kExpectation) == 0) {
    return 0;
  }
  return len > 5 && strcmp(entry->d_name + len - 5, ".json") == 0;
}

/* Reads the alphabetically first *.json file of `folder` into `out`; returns 0 when none. */
static int read_first_example(const char* folder, buffer* out) {
  struct dirent** entries = NULL;
  char path[4096];
  int count = scandir(folder, &entries, json_file_filter, alphasort);
  int found = 0;
  int i;
  if (count <= 0) {
    free(entries);
    return 0;
  }
  snprintf(path, sizeof path, "%s/%s", folder, entries[0]->d_name);
  {
    FILE* file = fopen(path, "rb");
    if (file != NULL) {
      char chunk[4096];
      size_t got;
      buffer_reset(out);
      while ((got = fread(chunk, 1, sizeof chunk, file)) > 0) {
        buffer_append(out, chunk, got);
      }
      fclose(file);
      found = out->len > 0;
    }
  }
  for (i = 0; i < count; ++i) {
    free(entries[i]);
  }
  free(entries);
  return found;
}

static int remove_entry(const char* path, const struct stat* info, int flag, struct FTW* ftw) {
  (void)info;
  (void)flag;
  (void)ftw;
  return remove(path);
}

/* Copies the string value of "account_id" out of a JSON text (test data has no escapes). */
static void find_account_id(const char* json, char* out, size_t out_size) {
  const char* key = strstr(json, "\"account_id\"");
  const char* start;
  size_t len = 0;
  snprintf(out, out_size, "%s", "c-host-account");
  if (key == NULL || (start = strchr(key + 12, '"')) == NULL) {
    return;
  }
  ++start;
  while (start[len] != '\0' && start[len] != '"' && len + 1 < out_size) {
    ++len;
  }
  memcpy(out, start, len);
  out[len] = '\0';
}

/* ---- the run ---- */

typedef int32_t (*hook_fn)(qbo_sync_instance*, qbo_sync_str, const qbo_sync_sink*);

typedef struct hook_case {
  const char* name;
  const char* schema;
  hook_fn hook;
  int makes_record;
} hook_case;

static qbo_sync_str view_of(const buffer* text) {
  qbo_sync_str view;
  view.ptr = text->data;
  view.len = text->len;
  return view;
}

static void exercise_hook(const hook_case* c, qbo_sync_instance* instance, const char* examples_dir,
                          char* account_id, size_t account_id_size) {
  buffer payload = {NULL, 0, 0};
  buffer response = {NULL, 0, 0};
  qbo_sync_sink sink;
  qbo_sync_str empty = {NULL, 0};
  char what[256];
  char folder[4096];
  int32_t status;
  sink.ctx = &response;
  sink.append = buffer_append;

  if (examples_dir != NULL) {
    snprintf(folder, sizeof folder, "%s/%s/valid", examples_dir, c->schema);
    if (!read_first_example(folder, &payload)) {
      check(0, c->name, "no valid example to send");
      return;
    }
  } else {
    char inline_event[256];
    snprintf(inline_event, sizeof inline_event,
             "{\"account_id\":\"c-host-account\",\"event_id\":\"c-host-%s\"}", c->name);
    buffer_append(&payload, inline_event, strlen(inline_event));
  }
  if (account_id[0] == '\0') {
    find_account_id(buffer_text(&payload), account_id, account_id_size);
  }

  status = c->hook(instance, view_of(&payload), &sink);
  snprintf(what, sizeof what, "%s accepts an event", c->name);
  /* Settings changes make no sync record, so only the other hooks answer with a record_id. */
  check(status == QBO_SYNC_OK && buffer_text(&response)[0] == '{' &&
            (!c->makes_record || strstr(buffer_text(&response), "\"record_id\"") != NULL),
        what, buffer_text(&response));

  buffer_reset(&response);
  status = c->hook(instance, view_of(&payload), &sink);
  snprintf(what, sizeof what, "%s answers DUPLICATE to a redelivery", c->name);
  check(status == QBO_SYNC_DUPLICATE, what, buffer_text(&response));

  buffer_reset(&response);
  status = c->hook(instance, empty, &sink);
  snprintf(what, sizeof what, "%s refuses an empty view as invalid input", c->name);
  check(status == QBO_SYNC_INVALID_INPUT && strstr(buffer_text(&response), "\"code\"") != NULL,
        what, buffer_text(&response));

  status = c->hook(instance, empty, NULL);
  snprintf(what, sizeof what, "%s works without a response sink", c->name);
  check(status == QBO_SYNC_INVALID_INPUT, what, NULL);

  if (examples_dir != NULL) {
    snprintf(folder, sizeof folder, "%s/%s/invalid", examples_dir, c->schema);
    if (read_first_example(folder, &payload)) {
      buffer_reset(&response);
      status = c->hook(instance, view_of(&payload), &sink);
      snprintf(what, sizeof what, "%s refuses an invalid example with a path", c->name);
      check(status == QBO_SYNC_INVALID_INPUT && strstr(buffer_text(&response), "\"path\"") != NULL,
            what, buffer_text(&response));
    }
  }
  free(payload.data);
  free(response.data);
}

int main(int argc, char** argv) {
  const char* plugin_path;
  const char* examples_dir;
  void* library;
  void* symbol;
  qbo_sync_entry_fn entry;
  qbo_sync_entry_request request;
  qbo_sync_entry_result result;
  qbo_sync_host_api host;
  qbo_sync_instance* instance = NULL;
  buffer response = {NULL, 0, 0};
  qbo_sync_sink sink;
  char data_dir[] = "/tmp/qbo-sync-c-host-XXXXXX";
  char config[8192];
  char request_text[512];
  char account_id[128] = "";
  qbo_sync_str view;
  int32_t status;
  size_t i;

  if (argc < 2 || argc > 3) {
    fprintf(stderr, "usage: c_host PLUGIN_PATH [EXAMPLES_DIR]\n");
    return 2;
  }
  plugin_path = argv[1];
  examples_dir = argc == 3 ? argv[2] : NULL;
  sink.ctx = &response;
  sink.append = buffer_append;

  library = dlopen(plugin_path, RTLD_NOW | RTLD_LOCAL);
  if (library == NULL) {
    fprintf(stderr, "c_host: cannot load %s: %s\n", plugin_path, dlerror());
    return 1;
  }
  symbol = dlsym(library, QBO_SYNC_ENTRY_SYMBOL);
  check(symbol != NULL, "the library exports " QBO_SYNC_ENTRY_SYMBOL, NULL);
  if (symbol == NULL) {
    dlclose(library);
    return 1;
  }
  /* ISO C has no cast from an object pointer to a function pointer; POSIX guarantees the bits. */
  memcpy(&entry, &symbol, sizeof entry);

  memset(&request, 0, sizeof request);
  memset(&result, 0, sizeof result);
  request.struct_size = (uint32_t)sizeof request;
  request.host_abi_major = QBO_SYNC_ABI_MAJOR;
  request.host_abi_minor = QBO_SYNC_ABI_MINOR;
  result.struct_size = (uint32_t)sizeof result;
  status = entry(&request, &result);
  check(status == QBO_SYNC_OK && result.api != NULL, "the handshake succeeds", result.message);
  check(entry(NULL, &result) == QBO_SYNC_INVALID_INPUT, "the handshake refuses a NULL request",
        NULL);
  if (status != QBO_SYNC_OK || result.api == NULL) {
    dlclose(library);
    return 1;
  }
  check(result.plugin_abi_major == QBO_SYNC_ABI_MAJOR, "the plugin speaks the host's ABI major",
        NULL);
  check(result.api->struct_size >= sizeof(qbo_sync_plugin_api),
        "the plugin table covers every member this host knows", NULL);
  printf("      plugin %s %s, ABI %u.%u\n", result.plugin_name, result.plugin_version,
         (unsigned)result.plugin_abi_major, (unsigned)result.plugin_abi_minor);

  if (mkdtemp(data_dir) == NULL) {
    fprintf(stderr, "c_host: cannot create a temporary directory\n");
    dlclose(library);
    return 1;
  }
  memset(&host, 0, sizeof host);
  host.struct_size = (uint32_t)sizeof host;
  host.log = host_log;
  host.email_admins = host_request;
  host.send_review_request = host_request;
  host.upsert_contact = host_upsert_contact;
  host.import_invoice = host_import_invoice;
  snprintf(config, sizeof config,
           "{\"data_dir\":\"%s\",\"encryption_key\":"
           "\"00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\",\"qbo\":{}}",
           data_dir);
  view.ptr = config;
  view.len = strlen(config);
  status = result.api->create(&host, view, &instance, &sink);
  check(status == QBO_SYNC_OK && instance != NULL, "create makes an instance",
        buffer_text(&response));

  if (instance != NULL) {
    const hook_case cases[] = {
        {"onSettingsChanged", "settings.changed.v1", result.api->onSettingsChanged, 0},
        {"onPaymentCompleted", "payment.completed.v1", result.api->onPaymentCompleted, 1},
        {"onInvoiceSent", "invoice.sent.v1", result.api->onInvoiceSent, 1},
        {"onInvoiceUpdated", "invoice.updated.v1", result.api->onInvoiceUpdated, 1},
    };
    for (i = 0; i < sizeof cases / sizeof cases[0]; ++i) {
      exercise_hook(&cases[i], instance, examples_dir, account_id, sizeof account_id);
    }

    buffer_reset(&response);
    view.ptr = "{\"op\":\"plugin_info\"}";
    view.len = strlen(view.ptr);
    status = result.api->admin(instance, view, &sink);
    check(status == QBO_SYNC_OK, "admin plugin_info answers OK", buffer_text(&response));

    buffer_reset(&response);
    snprintf(request_text, sizeof request_text, "{\"op\":\"list_records\",\"account_id\":\"%s\"}",
             account_id);
    view.ptr = request_text;
    view.len = strlen(request_text);
    status = result.api->admin(instance, view, &sink);
    check(status == QBO_SYNC_OK && strstr(buffer_text(&response), "\"records\"") != NULL,
          "admin list_records lists records", buffer_text(&response));

    buffer_reset(&response);
    view.ptr = "{\"op\":\"no_such_operation\",\"account_id\":\"x\"}";
    view.len = strlen(view.ptr);
    status = result.api->admin(instance, view, &sink);
    check(status == QBO_SYNC_UNSUPPORTED, "admin answers UNSUPPORTED to an unknown op",
          buffer_text(&response));

    result.api->destroy(instance);
    check(1, "destroy returns", NULL);
  }
  result.api->destroy(NULL);
  check(1, "destroy ignores NULL", NULL);

  check(dlclose(library) == 0, "the library unloads", NULL);
  nftw(data_dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
  printf("%s: %d failure(s), %d host service call(s)\n", failures == 0 ? "PASS" : "FAIL", failures,
         atomic_load(&host_calls));
  free(response.data);
  return failures == 0 ? 0 : 1;
}
