#include "runtime/integration_card_connection.h"

#include <boost/json.hpp>
#include <string>

#include "inbound/qbo_json.h"

namespace qbo_sync::runtime {
namespace json = boost::json;
using inbound::text_at;
namespace {

json::object warning(std::string_view code, std::string_view severity, std::string message) {
  return {{"code", code}, {"severity", severity}, {"message", std::move(message)}};
}

json::array warnings(const json::object& status) {
  json::array out;
  const auto state = text_at(status, "state");
  if (state == "reconnect_needed") {
    std::string message = "QuickBooks no longer accepts this connection";
    if (auto reason = text_at(status, "reason"); !reason.empty()) message += " (" + reason + ")";
    out.push_back(warning("reconnect_needed", "error",
                          message + ". Records wait until you reconnect; nothing is lost."));
  }
  const auto* expiring = status.if_contains("refresh_token_hard_expiry_warning");
  if (expiring && expiring->is_bool() && expiring->as_bool()) {
    out.push_back(warning("authorization_expiring", "warning",
                          "The QuickBooks authorization ends on " +
                              text_at(status, "refresh_token_hard_expires_at") +
                              ". Reconnect before then to keep syncing."));
  }
  if (auto until = text_at(status, "throttled_until"); !until.empty()) {
    out.push_back(warning("throttled", "info",
                          "QuickBooks asked to slow down; syncing resumes at " + until + "."));
  }
  if (text_at(status, "company_discovery") == "pending") {
    out.push_back(warning("discovery_pending", "info",
                          "Reading the company's tax codes, items and accounts; records wait "
                          "for them."));
  }
  return out;
}

json::object action(std::string_view key, std::string_view label, std::string_view op,
                    std::string_view kind) {
  return {{"key", key}, {"label", label}, {"op", op}, {"kind", kind}};
}

json::array actions(std::string_view state) {
  json::array out;
  if (state != "connected") {
    out.push_back(
        action("connect",
               state == "reconnect_needed" ? "Reconnect to QuickBooks" : "Connect to QuickBooks",
               "connect_begin", "redirect"));
  }
  if (state != "not_connected") {
    out.push_back(action("test", "Test connection", "test_connection", "call"));
    auto disconnect = action("disconnect", "Disconnect", "disconnect", "call");
    disconnect["confirm"] =
        "Disconnect from QuickBooks? Records and links are kept; reconnecting resumes syncing.";
    out.push_back(std::move(disconnect));
  }
  return out;
}

}  // namespace

json::object card_connection(json::object status) {
  status.erase("account_id");
  status["warnings"] = warnings(status);
  status["actions"] = actions(text_at(status, "state"));
  return status;
}

}  // namespace qbo_sync::runtime
