#include "events/hook_kind.h"

#include <array>

namespace qbo_sync::events {
namespace {

struct HookNames {
  HookKind kind;
  std::string_view name;
  std::string_view schema;
  std::string_view function;
  std::string_view object_type;
};

constexpr std::array<HookNames, 4> kHooks{{
    {HookKind::payment_completed, "payment.completed", "payment.completed.v1", "onPaymentCompleted",
     "payment"},
    {HookKind::invoice_sent, "invoice.sent", "invoice.sent.v1", "onInvoiceSent", "invoice"},
    {HookKind::invoice_updated, "invoice.updated", "invoice.updated.v1", "onInvoiceUpdated",
     "invoice"},
    {HookKind::settings_changed, "settings.changed", "settings.changed.v1", "onSettingsChanged",
     "settings"},
}};

const HookNames& names(HookKind kind) {
  for (const auto& hook : kHooks) {
    if (hook.kind == kind) {
      return hook;
    }
  }
  return kHooks.front();  // unreachable for a valid enumerator
}

}  // namespace

std::string_view to_string(HookKind kind) {
  return names(kind).name;
}
std::string_view schema_name(HookKind kind) {
  return names(kind).schema;
}
std::string_view hook_function_name(HookKind kind) {
  return names(kind).function;
}
std::string_view object_type(HookKind kind) {
  return names(kind).object_type;
}

std::optional<HookKind> hook_for_schema(std::string_view name) {
  for (const auto& hook : kHooks) {
    if (hook.schema == name) {
      return hook.kind;
    }
  }
  return std::nullopt;
}

}  // namespace qbo_sync::events
