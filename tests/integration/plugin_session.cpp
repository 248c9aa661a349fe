#include "plugin_session.h"

#include <boost/json.hpp>
#include <thread>

#include "qbo_sync/plugin_api.h"

namespace qbo_sync::testing {
namespace json = boost::json;

Answer connect_account(PluginInstance& plugin, SandboxHarness& sandbox, const std::string& account,
                       const std::string& realm_id) {
  const Answer begun = plugin.admin(json::object{{"op", "connect_begin"}, {"account_id", account}});
  if (begun.status != QBO_SYNC_OK) return begun;
  const Redirect redirect =
      sandbox.consent(std::string(begun.body.at("authorization_url").as_string()), realm_id);
  return plugin.admin(json::object{{"op", "connect_complete"},
                                   {"code", redirect.code},
                                   {"state", redirect.state},
                                   {"realm_id", redirect.realm_id}});
}

json::array list_records(PluginInstance& plugin, const std::string& account, int limit) {
  const Answer answer =
      plugin.admin(json::object{{"op", "list_records"}, {"account_id", account}, {"limit", limit}});
  const json::value* records = answer.body.if_contains("records");
  return records != nullptr && records->is_array() ? records->as_array() : json::array();
}

json::array wait_until_settled(PluginInstance& plugin, const std::string& account,
                               std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  for (;;) {
    json::array records = list_records(plugin, account);
    bool pending = false;
    for (const auto& record : records) pending |= record.at("status").as_string() == "todo";
    if (!pending || std::chrono::steady_clock::now() > deadline) return records;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

bool wait_for_reason(PluginInstance& plugin, const std::string& account,
                     const std::string& object_id, const std::string& reason,
                     std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  for (;;) {
    for (const auto& record : list_records(plugin, account)) {
      if (record.at("object_id").as_string() == object_id && record.at("reason").is_string() &&
          record.at("reason").as_string() == reason) {
        return true;
      }
    }
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

Answer advance_clock(PluginInstance& plugin, std::chrono::milliseconds by) {
  return plugin.admin(json::object{{"op", "advance_clock"}, {"ms", by.count()}});
}

}  // namespace qbo_sync::testing
