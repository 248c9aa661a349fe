/*
 * The released layout of every ABI struct on x86-64 (LP64, System V). Included by a C11 and by
 * C++17/C++20 translation units, so that both languages agree with these numbers. A failing
 * assertion here means the header changed the binary contract: read the compatibility policy in
 * docs/abi.md before touching these numbers.
 */
#ifndef QBO_SYNC_ABI_LAYOUT_ASSERTS_H
#define QBO_SYNC_ABI_LAYOUT_ASSERTS_H

#include <stddef.h>

#include "qbo_sync/plugin_api.h"

#if defined(__cplusplus)
#define QBO_ABI_ASSERT(condition, message) static_assert(condition, message)
#define QBO_ABI_ALIGNOF(type) alignof(type)
#else
#define QBO_ABI_ASSERT(condition, message) _Static_assert(condition, message)
#define QBO_ABI_ALIGNOF(type) _Alignof(type)
#endif

#define QBO_ABI_LAYOUT(type, size, align)                              \
  QBO_ABI_ASSERT(sizeof(type) == (size), "sizeof(" #type ") changed"); \
  QBO_ABI_ASSERT(QBO_ABI_ALIGNOF(type) == (align), "alignof(" #type ") changed")
#define QBO_ABI_OFFSET(type, member, offset) \
  QBO_ABI_ASSERT(offsetof(type, member) == (offset), "offsetof(" #type ", " #member ") changed")

/* Version and constants. */
QBO_ABI_ASSERT(QBO_SYNC_ABI_MAJOR == 1u, "ABI major changed");
QBO_ABI_ASSERT(QBO_SYNC_ABI_MINOR == 0u, "ABI minor changed: update these asserts and the hash");
QBO_ABI_ASSERT(QBO_SYNC_MESSAGE_SIZE == 256u, "QBO_SYNC_MESSAGE_SIZE changed");
QBO_ABI_ASSERT(QBO_SYNC_MAX_PAYLOAD_BYTES == 1048576u, "QBO_SYNC_MAX_PAYLOAD_BYTES changed");

/* Status codes and log levels are values on the wire: never renumbered. */
QBO_ABI_ASSERT(QBO_SYNC_OK == 0, "status value changed");
QBO_ABI_ASSERT(QBO_SYNC_DUPLICATE == 1, "status value changed");
QBO_ABI_ASSERT(QBO_SYNC_INVALID_INPUT == 2, "status value changed");
QBO_ABI_ASSERT(QBO_SYNC_NOT_CONNECTED == 3, "status value changed");
QBO_ABI_ASSERT(QBO_SYNC_BUSY == 4, "status value changed");
QBO_ABI_ASSERT(QBO_SYNC_INTERNAL_ERROR == 5, "status value changed");
QBO_ABI_ASSERT(QBO_SYNC_VERSION_MISMATCH == 6, "status value changed");
QBO_ABI_ASSERT(QBO_SYNC_UNSUPPORTED == 7, "status value changed");
QBO_ABI_ASSERT(QBO_SYNC_LOG_DEBUG == 0, "log level value changed");
QBO_ABI_ASSERT(QBO_SYNC_LOG_INFO == 1, "log level value changed");
QBO_ABI_ASSERT(QBO_SYNC_LOG_WARNING == 2, "log level value changed");
QBO_ABI_ASSERT(QBO_SYNC_LOG_ERROR == 3, "log level value changed");

#if defined(__x86_64__) && defined(__LP64__)

QBO_ABI_LAYOUT(qbo_sync_str, 16, 8);
QBO_ABI_OFFSET(qbo_sync_str, ptr, 0);
QBO_ABI_OFFSET(qbo_sync_str, len, 8);

QBO_ABI_LAYOUT(qbo_sync_sink, 16, 8);
QBO_ABI_OFFSET(qbo_sync_sink, ctx, 0);
QBO_ABI_OFFSET(qbo_sync_sink, append, 8);

QBO_ABI_LAYOUT(qbo_sync_host_api, 56, 8);
QBO_ABI_OFFSET(qbo_sync_host_api, struct_size, 0);
QBO_ABI_OFFSET(qbo_sync_host_api, reserved, 4);
QBO_ABI_OFFSET(qbo_sync_host_api, ctx, 8);
QBO_ABI_OFFSET(qbo_sync_host_api, log, 16);
QBO_ABI_OFFSET(qbo_sync_host_api, email_admins, 24);
QBO_ABI_OFFSET(qbo_sync_host_api, send_review_request, 32);
QBO_ABI_OFFSET(qbo_sync_host_api, upsert_contact, 40);
QBO_ABI_OFFSET(qbo_sync_host_api, import_invoice, 48);

QBO_ABI_LAYOUT(qbo_sync_plugin_api, 64, 8);
QBO_ABI_OFFSET(qbo_sync_plugin_api, struct_size, 0);
QBO_ABI_OFFSET(qbo_sync_plugin_api, reserved, 4);
QBO_ABI_OFFSET(qbo_sync_plugin_api, create, 8);
QBO_ABI_OFFSET(qbo_sync_plugin_api, destroy, 16);
QBO_ABI_OFFSET(qbo_sync_plugin_api, onPaymentCompleted, 24);
QBO_ABI_OFFSET(qbo_sync_plugin_api, onInvoiceSent, 32);
QBO_ABI_OFFSET(qbo_sync_plugin_api, onInvoiceUpdated, 40);
QBO_ABI_OFFSET(qbo_sync_plugin_api, onSettingsChanged, 48);
QBO_ABI_OFFSET(qbo_sync_plugin_api, admin, 56);

QBO_ABI_LAYOUT(qbo_sync_entry_request, 12, 4);
QBO_ABI_OFFSET(qbo_sync_entry_request, struct_size, 0);
QBO_ABI_OFFSET(qbo_sync_entry_request, host_abi_major, 4);
QBO_ABI_OFFSET(qbo_sync_entry_request, host_abi_minor, 8);

QBO_ABI_LAYOUT(qbo_sync_entry_result, 296, 8);
QBO_ABI_OFFSET(qbo_sync_entry_result, struct_size, 0);
QBO_ABI_OFFSET(qbo_sync_entry_result, plugin_abi_major, 4);
QBO_ABI_OFFSET(qbo_sync_entry_result, plugin_abi_minor, 8);
QBO_ABI_OFFSET(qbo_sync_entry_result, reserved, 12);
QBO_ABI_OFFSET(qbo_sync_entry_result, api, 16);
QBO_ABI_OFFSET(qbo_sync_entry_result, plugin_name, 24);
QBO_ABI_OFFSET(qbo_sync_entry_result, plugin_version, 32);
QBO_ABI_OFFSET(qbo_sync_entry_result, message, 40);

#endif /* x86-64 */

#endif /* QBO_SYNC_ABI_LAYOUT_ASSERTS_H */
