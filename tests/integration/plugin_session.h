// What most integration tests do with a plugin instance and the sandbox: connect an account
// through the admin's OAuth consent, list its records, wait for them to settle.
#pragma once

#include <boost/json/array.hpp>
#include <chrono>
#include <string>

#include "plugin_harness.h"
#include "sandbox_harness.h"

namespace qbo_sync::testing {

// connect_begin, the admin's consent in the sandbox (to `realm_id`, or the first company), then
// connect_complete; the answer of the step that failed, else of connect_complete.
Answer connect_account(PluginInstance& plugin, SandboxHarness& sandbox, const std::string& account,
                       const std::string& realm_id = "");

// The account's sync records (list_records), up to `limit`.
boost::json::array list_records(PluginInstance& plugin, const std::string& account,
                                int limit = 500);

// Waits until none of the account's records is todo, or `limit` passes; returns the records.
boost::json::array wait_until_settled(PluginInstance& plugin, const std::string& account,
                                      std::chrono::milliseconds limit = std::chrono::seconds(30));

// Waits until the record of `object_id` shows `reason`, or `limit` passes; whether it did.
bool wait_for_reason(PluginInstance& plugin, const std::string& account,
                     const std::string& object_id, const std::string& reason,
                     std::chrono::milliseconds limit = std::chrono::seconds(30));

// Testing only: moves the plugin's manual clock (SandboxHarness::plugin_config_on_manual_clock)
// `by` forward; the plugin answers once what fell due on the way has run.
Answer advance_clock(PluginInstance& plugin, std::chrono::milliseconds by);

}  // namespace qbo_sync::testing
