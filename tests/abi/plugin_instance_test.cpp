#include "qbo_sync/host/plugin_instance.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "abi_test_paths.h"
#include "abi_test_support.h"
#include "qbo_sync/host/host_error.h"
#include "qbo_sync/host/recording_host.h"
#include "qbo_sync/host/status_names.h"
#include "qbo_sync/host_stub/failure_text.h"
#include "qbo_sync/host_stub/host_config.h"
#include "qbo_sync/host_stub/records_table.h"

namespace qbo_sync::host_stub {
namespace {

using ::testing::HasSubstr;

class PluginInstanceTest : public ::testing::Test {
 protected:
  std::unique_ptr<host::PluginInstance> create(const char* library) {
    return std::make_unique<host::PluginInstance>(
        host::LoadedPlugin::load(library), host_.table(),
        host_config_json(host_config_for(data_dir_.path())));
  }

  qbo_sync::testing::TempDir data_dir_;
  host::RecordingHost host_;
};

TEST_F(PluginInstanceTest, HooksReachThePluginAndRedeliveryIsADuplicate) {
  auto instance = create(abi_test::kTestPlugin);
  const std::string event = R"({"account_id":"acc-7","event_id":"evt-1"})";
  const host::CallResult first = instance->call_hook(host::Hook::payment_completed, event);
  EXPECT_EQ(first.status, QBO_SYNC_OK);
  EXPECT_EQ(first.body, R"({"record_id":"test-1"})");
  const host::CallResult again = instance->call_hook(host::Hook::payment_completed, event);
  EXPECT_EQ(again.status, QBO_SYNC_DUPLICATE);
  EXPECT_EQ(again.body, R"({"record_id":"test-1"})");
  for (const host::Hook hook :
       {host::Hook::invoice_sent, host::Hook::invoice_updated, host::Hook::settings_changed}) {
    const std::string other = R"({"account_id":"acc-7","event_id":"evt-)" +
                              std::string(host::hook_cli_name(hook)) + "\"}";
    EXPECT_EQ(instance->call_hook(hook, other).status, QBO_SYNC_OK)
        << host::hook_function_name(hook);
  }
  const auto rows = list_all_records(*instance, "acc-7");
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].record_id, "test-1");
  EXPECT_EQ(rows[0].object_type, "payment");
  EXPECT_EQ(rows[0].status, "todo");
  EXPECT_EQ(rows[0].revision, "1");
  EXPECT_TRUE(list_all_records(*instance, "another-account").empty());
}

TEST_F(PluginInstanceTest, ThePluginCanCallEveryHostServiceThroughTheTable) {
  auto instance = create(abi_test::kTestPlugin);
  const host::CallResult result = instance->admin(R"({"op":"exercise_host"})");
  ASSERT_EQ(result.status, QBO_SYNC_OK);
  EXPECT_EQ(result.body,
            R"({"email_admins":0,"send_review_request":0,"upsert_contact":0,"import_invoice":0})");
  ASSERT_EQ(host_.calls_to("upsert_contact").size(), 1u);
  EXPECT_THAT(host_.calls_to("upsert_contact")[0].response, HasSubstr("crm-contact-"));
  EXPECT_EQ(host_.calls_to("import_invoice").size(), 1u);
  EXPECT_EQ(host_.calls_to("email_admins").size(), 1u);
  EXPECT_EQ(host_.calls_to("send_review_request").size(), 1u);
  // "instance created" on create, then the warning before the services.
  EXPECT_EQ(host_.calls_to("log").size(), 2u);
}

TEST_F(PluginInstanceTest, ACreateRefusalCarriesThePluginsReason) {
  const auto plugin = host::LoadedPlugin::load(abi_test::kTestPlugin);
  try {
    host::PluginInstance instance(plugin, host_.table(), R"({"encryption_key":"00"})");
    FAIL() << "create accepted a config without data_dir";
  } catch (const host::HostError& error) {
    EXPECT_THAT(error.what(), HasSubstr("refused to create an instance (INVALID_INPUT)"));
    EXPECT_THAT(error.what(), HasSubstr("data_dir is required"));
  }
}

TEST_F(PluginInstanceTest, AnUnknownStatusIsReturnedForTheCallerToNameAsAnError) {
  auto instance = create(abi_test::kTestPluginUnknownStatus);
  const host::CallResult result =
      instance->call_hook(host::Hook::payment_completed, R"({"account_id":"a","event_id":"e"})");
  EXPECT_EQ(result.status, 42);
  EXPECT_FALSE(host::is_known_status(result.status));
  EXPECT_FALSE(host::is_accepted_status(result.status));
  EXPECT_EQ(host::status_name(result.status), "UNKNOWN_STATUS(42)");
  EXPECT_EQ(describe_failure("onPaymentCompleted", result),
            "onPaymentCompleted returned an unknown status code 42 (treated as an error)");
}

TEST_F(PluginInstanceTest, AnExceptionEscapingAHookIsCaughtAndNamed) {
  auto instance = create(abi_test::kTestPluginThrows);
  try {
    instance->call_hook(host::Hook::payment_completed, "{}");
    FAIL() << "no error reported";
  } catch (const host::HostError& error) {
    EXPECT_STREQ(error.what(), "the plugin let an exception escape from onPaymentCompleted: boom");
  }
  try {
    instance->call_hook(host::Hook::invoice_updated, "{}");
    FAIL() << "no error reported";
  } catch (const host::HostError& error) {
    EXPECT_STREQ(error.what(), "the plugin let an exception escape from onInvoiceUpdated: boom");
  }
  try {
    instance->admin("{}");  // throws an int, not a std::exception
    FAIL() << "no error reported";
  } catch (const host::HostError& error) {
    EXPECT_STREQ(error.what(), "the plugin let an exception escape from admin");
  }
}

TEST(FailureTextTest, NamesThePathAndMessageOfAnInvalidEvent) {
  const host::CallResult result{
      QBO_SYNC_INVALID_INPUT,
      R"({"code":"invalid_amount","message":"USD allows 2 decimals","path":"/amount"})"};
  EXPECT_EQ(describe_failure("onPaymentCompleted", result),
            "onPaymentCompleted refused the event as invalid input at /amount: USD allows 2 "
            "decimals");
}

TEST(FailureTextTest, SaysWhenTheWholeDocumentIsAtFault) {
  const host::CallResult result{QBO_SYNC_INVALID_INPUT,
                                R"({"code":"malformed_json","message":"bad JSON","path":""})"};
  EXPECT_EQ(describe_failure("onInvoiceSent", result),
            "onInvoiceSent refused the event as invalid input at \"\" (the whole document): bad "
            "JSON");
}

TEST(FailureTextTest, KeepsOtherStatusesOnOneLine) {
  const host::CallResult result{QBO_SYNC_INTERNAL_ERROR,
                                R"({"code":"store","message":"disk\nfull","path":""})"};
  EXPECT_EQ(describe_failure("admin", result), "admin answered INTERNAL_ERROR [store]: disk full");
}

TEST(HookNamesTest, RoundTripThroughTheCommandLineNames) {
  for (const host::Hook hook : host::kAllHooks) {
    EXPECT_EQ(host::hook_from_cli_name(host::hook_cli_name(hook)), hook);
  }
  EXPECT_EQ(host::hook_from_cli_name("payments"), std::nullopt);
  EXPECT_EQ(host::hook_function_name(host::Hook::settings_changed), "onSettingsChanged");
  EXPECT_EQ(host::hook_schema_name(host::Hook::invoice_updated), "invoice.updated.v1");
}

}  // namespace
}  // namespace qbo_sync::host_stub
