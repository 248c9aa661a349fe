#include "events/hook_kind.h"

#include <gtest/gtest.h>

namespace qbo_sync::events {
namespace {

TEST(HookKind, NamesEachHookAndItsSchema) {
  EXPECT_EQ(to_string(HookKind::payment_completed), "payment.completed");
  EXPECT_EQ(to_string(HookKind::invoice_sent), "invoice.sent");
  EXPECT_EQ(to_string(HookKind::invoice_updated), "invoice.updated");
  EXPECT_EQ(to_string(HookKind::settings_changed), "settings.changed");
  EXPECT_EQ(schema_name(HookKind::invoice_updated), "invoice.updated.v1");
  EXPECT_EQ(hook_function_name(HookKind::settings_changed), "onSettingsChanged");
  EXPECT_EQ(object_type(HookKind::invoice_sent), "invoice");
  EXPECT_EQ(object_type(HookKind::settings_changed), "settings");
}

TEST(HookKind, FindsTheHookOfASchemaName) {
  EXPECT_EQ(hook_for_schema("payment.completed.v1"), HookKind::payment_completed);
  EXPECT_EQ(hook_for_schema("invoice.sent.v1"), HookKind::invoice_sent);
  EXPECT_EQ(hook_for_schema("payment.completed.v2"), std::nullopt);
  EXPECT_EQ(hook_for_schema(""), std::nullopt);
}

}  // namespace
}  // namespace qbo_sync::events
