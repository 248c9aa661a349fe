// The four CRM hooks and the payload schema each one takes.
#pragma once

#include <optional>
#include <string_view>

namespace qbo_sync::events {

enum class HookKind { payment_completed, invoice_sent, invoice_updated, settings_changed };

// "payment.completed", "invoice.sent", "invoice.updated", "settings.changed".
std::string_view to_string(HookKind kind);

// The schema name and version the hook's payload carries in its `schema` field:
// "payment.completed.v1", ...
std::string_view schema_name(HookKind kind);

// The ABI member that delivers the hook: "onPaymentCompleted", ...
std::string_view hook_function_name(HookKind kind);

// The kind of CRM object the hook is about: "payment", "invoice" or "settings".
std::string_view object_type(HookKind kind);

// The hook whose schema_name() is `name`; nullopt for any other text.
std::optional<HookKind> hook_for_schema(std::string_view name);

}  // namespace qbo_sync::events
