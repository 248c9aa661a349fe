/*
 * qbo-sync plugin ABI: the whole contract between the CRM (the host) and libqbo_sync.so.
 *
 * Compatibility policy (docs/abi.md has the full text):
 *   - Plain C11; only <stdint.h>, <stddef.h> and <stdbool.h>. No C++ type and no exception ever
 *     crosses this boundary.
 *   - QBO_SYNC_ABI_MAJOR changes only when something released is removed or changed; a host and a
 *     plugin with different majors refuse each other during the handshake, with a readable message.
 *   - QBO_SYNC_ABI_MINOR grows when something is appended. Every table begins with `struct_size`;
 *     members are only ever added at the end. A reader never touches a member that lies beyond the
 *     writer's `struct_size`.
 *   - Status codes are only added. A caller treats a code it does not know as an error.
 *
 * Conventions:
 *   - Text and JSON cross as borrowed UTF-8 views (qbo_sync_str). A view passed into a call is
 *     valid for the duration of that call only; the callee copies what it keeps.
 *   - Whoever allocates frees. Output crosses through a qbo_sync_sink that the caller provides: the
 *     callee appends bytes to it and the caller owns the result. Nothing allocated on one side is
 *     ever freed on the other.
 *   - Every function pointer carries a thread note: [any-thread] may be called from several threads
 *     at once; [lifecycle] is never called concurrently with anything else on the same instance.
 */
#ifndef QBO_SYNC_PLUGIN_API_H
#define QBO_SYNC_PLUGIN_API_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define QBO_SYNC_ABI_MAJOR 1u
#define QBO_SYNC_ABI_MINOR 0u

/* The name of the one symbol the plugin exports. */
#define QBO_SYNC_ENTRY_SYMBOL "qbo_sync_entry"

#if defined(__GNUC__)
#define QBO_SYNC_EXPORT __attribute__((visibility("default")))
#else
#define QBO_SYNC_EXPORT
#endif

/* Payload limit for every JSON view handed to the plugin; a larger one is refused as invalid. */
#define QBO_SYNC_MAX_PAYLOAD_BYTES (1024u * 1024u)

/* Size of the fixed text fields in qbo_sync_entry_result. */
#define QBO_SYNC_MESSAGE_SIZE 256u

/* ---------------------------------------------------------------------------------------------
 * Status codes. Returned as int32_t so that the set can grow; an unknown value means an error.
 * ------------------------------------------------------------------------------------------- */
enum {
  QBO_SYNC_OK = 0,               /* accepted: the event is committed to the plugin's store */
  QBO_SYNC_DUPLICATE = 1,        /* this event_id was accepted before; nothing new was stored */
  QBO_SYNC_INVALID_INPUT = 2,    /* refused; the response says {code, message, path} */
  QBO_SYNC_NOT_CONNECTED = 3,    /* the account has no QuickBooks connection for this request */
  QBO_SYNC_BUSY = 4,             /* temporarily unable; the caller may try again later */
  QBO_SYNC_INTERNAL_ERROR = 5,   /* something failed inside; the response says what */
  QBO_SYNC_VERSION_MISMATCH = 6, /* the handshake refused the other side's ABI version */
  QBO_SYNC_UNSUPPORTED = 7       /* the operation or service is not known to the callee */
};

/* Log levels for qbo_sync_host_api.log. */
enum {
  QBO_SYNC_LOG_DEBUG = 0,
  QBO_SYNC_LOG_INFO = 1,
  QBO_SYNC_LOG_WARNING = 2,
  QBO_SYNC_LOG_ERROR = 3
};

/* A borrowed UTF-8 view. `ptr` need not be NUL-terminated. {NULL, 0} is the empty view. */
typedef struct qbo_sync_str {
  const char* ptr;
  size_t len;
} qbo_sync_str;

/*
 * An output channel owned by the caller. The callee calls `append` zero or more times, always on
 * the thread that made the call and before the call returns; the caller concatenates the chunks.
 * A NULL sink pointer means the caller does not want the output.
 */
typedef struct qbo_sync_sink {
  void* ctx;
  void (*append)(void* ctx, const char* data, size_t len);
} qbo_sync_sink;

/* ---------------------------------------------------------------------------------------------
 * Host services: implemented by the host, called by the plugin.
 *
 * Threads: the plugin calls these from its own worker threads, and `log` also from the thread of
 * whatever plugin call is running. Every member must be callable from several threads at once.
 * Each request is a JSON document whose schema lives in schemas/host/; `response`, where present,
 * receives a JSON document. The table and `ctx` must stay valid until destroy() has returned.
 * ------------------------------------------------------------------------------------------- */
typedef struct qbo_sync_host_api {
  uint32_t struct_size; /* sizeof(qbo_sync_host_api) as the host compiled it */
  uint32_t reserved;    /* zero */
  void* ctx;            /* passed back as the first argument of every service */

  /* Write one log line. `message` never contains a token or a secret. [any-thread] */
  void (*log)(void* ctx, int32_t level, qbo_sync_str message);

  /* E-mail the account's administrators: {"account_id","subject","text"}. [any-thread] */
  int32_t (*email_admins)(void* ctx, qbo_sync_str request_json);

  /* Ask the CRM to send a review request to a contact:
   * {"account_id","contact":{"crm_contact_id"?,"email","name"},"invoice":{...}}. [any-thread] */
  int32_t (*send_review_request)(void* ctx, qbo_sync_str request_json);

  /* Create or update a CRM contact from a QuickBooks customer; the response is
   * {"crm_contact_id": "..."}. [any-thread] */
  int32_t (*upsert_contact)(void* ctx, qbo_sync_str contact_json, const qbo_sync_sink* response);

  /* Import a QuickBooks invoice into the CRM, marked as originating in QuickBooks; the response
   * is {"crm_invoice_id": "..."}. [any-thread] */
  int32_t (*import_invoice)(void* ctx, qbo_sync_str invoice_json, const qbo_sync_sink* response);
} qbo_sync_host_api;

/* An opaque plugin instance. One instance serves every CRM sub-account of the host process. */
typedef struct qbo_sync_instance qbo_sync_instance;

/* ---------------------------------------------------------------------------------------------
 * The plugin table: implemented by the plugin, called by the host.
 *
 * Every hook takes a borrowed JSON payload and an optional response sink and returns a status.
 * On QBO_SYNC_OK and QBO_SYNC_DUPLICATE the response is {"record_id": "...", ...} (for
 * onSettingsChanged: {"settings_revision": n, ...}, settings have no sync record); on any other
 * status it is {"code": "...", "message": "...", "path": "<JSON Pointer of the offending field>"}.
 * ------------------------------------------------------------------------------------------- */
typedef struct qbo_sync_plugin_api {
  uint32_t struct_size; /* sizeof(qbo_sync_plugin_api) as the plugin compiled it */
  uint32_t reserved;    /* zero */

  /* Create an instance. `host` must outlive the instance. `config_json` is the host configuration
   * (schemas/host_config.v1.schema.json): data directory, encryption key, QuickBooks endpoints
   * and app credentials. On failure *out is NULL and `error` receives {code, message, path}.
   * [lifecycle] */
  int32_t (*create)(const qbo_sync_host_api* host, qbo_sync_str config_json,
                    qbo_sync_instance** out, const qbo_sync_sink* error);

  /* Stop every plugin thread, cancel transfers, flush the store, then free the instance. No
   * plugin code runs and no host service is called after it returns. NULL is ignored.
   * [lifecycle] */
  void (*destroy)(qbo_sync_instance* instance);

  /* A payment completed in the CRM (schemas/payment.completed.v1.schema.json). [any-thread] */
  int32_t (*onPaymentCompleted)(qbo_sync_instance* instance, qbo_sync_str payload_json,
                                const qbo_sync_sink* response);

  /* An invoice was marked sent (schemas/invoice.sent.v1.schema.json). [any-thread] */
  int32_t (*onInvoiceSent)(qbo_sync_instance* instance, qbo_sync_str payload_json,
                           const qbo_sync_sink* response);

  /* A sent invoice changed (schemas/invoice.updated.v1.schema.json). [any-thread] */
  int32_t (*onInvoiceUpdated)(qbo_sync_instance* instance, qbo_sync_str payload_json,
                              const qbo_sync_sink* response);

  /* The integration card's settings changed (schemas/settings.changed.v1.schema.json).
   * [any-thread] */
  int32_t (*onSettingsChanged)(qbo_sync_instance* instance, qbo_sync_str payload_json,
                               const qbo_sync_sink* response);

  /* The admin surface: {"op": "...", "account_id": "...", ...} in, a JSON document out. New
   * operations are added here without touching the ABI; docs/admin.md lists them. An unknown
   * op answers QBO_SYNC_UNSUPPORTED. [any-thread] */
  int32_t (*admin)(qbo_sync_instance* instance, qbo_sync_str request_json,
                   const qbo_sync_sink* response);
} qbo_sync_plugin_api;

/* ---------------------------------------------------------------------------------------------
 * The handshake: the one exported symbol.
 * ------------------------------------------------------------------------------------------- */
typedef struct qbo_sync_entry_request {
  uint32_t struct_size;    /* sizeof(qbo_sync_entry_request) */
  uint32_t host_abi_major; /* QBO_SYNC_ABI_MAJOR as the host compiled it */
  uint32_t host_abi_minor; /* QBO_SYNC_ABI_MINOR as the host compiled it */
} qbo_sync_entry_request;

typedef struct qbo_sync_entry_result {
  uint32_t struct_size;      /* set by the host to sizeof(qbo_sync_entry_result) */
  uint32_t plugin_abi_major; /* the plugin's ABI version, filled in even on refusal */
  uint32_t plugin_abi_minor;
  uint32_t reserved;
  /* The plugin table, owned by the plugin and valid until the library is unloaded; NULL when the
   * handshake refused. */
  const qbo_sync_plugin_api* api;
  /* NUL-terminated, owned by the plugin, valid until the library is unloaded. */
  const char* plugin_name;
  const char* plugin_version;
  /* NUL-terminated reason when the handshake refused; empty otherwise. */
  char message[QBO_SYNC_MESSAGE_SIZE];
} qbo_sync_entry_result;

/*
 * Negotiate the ABI version. Returns QBO_SYNC_OK and fills `result->api` when the majors match;
 * returns QBO_SYNC_VERSION_MISMATCH with a readable `result->message` otherwise, and
 * QBO_SYNC_INVALID_INPUT when an argument is NULL or too small. [any-thread], no side effects.
 */
typedef int32_t (*qbo_sync_entry_fn)(const qbo_sync_entry_request* request,
                                     qbo_sync_entry_result* result);

QBO_SYNC_EXPORT int32_t qbo_sync_entry(const qbo_sync_entry_request* request,
                                       qbo_sync_entry_result* result);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* QBO_SYNC_PLUGIN_API_H */
