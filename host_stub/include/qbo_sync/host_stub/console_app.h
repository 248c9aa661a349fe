// The developer console's routes: the embedded page, a JSON API over the plugin's admin entry and
// hooks, the host service calls the plugin made, the schema examples, and the OAuth round trip
// (Connect redirects to QuickBooks' consent page, which redirects back to /oauth/callback).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "qbo_sync/host/plugin_instance.h"
#include "qbo_sync/host/recording_host.h"
#include "qbo_sync/host_stub/http_server.h"

namespace qbo_sync::host_stub {

// A CRM account of the console and the QuickBooks company its admin picks at the consent page.
struct ConsoleAccount {
  std::string id;
  std::string name;
  std::string realm_id;  // empty: the consent page's first company
};

class ConsoleApp {
 public:
  ConsoleApp(host::PluginInstance& plugin, host::RecordingHost& host,
             std::vector<ConsoleAccount> accounts, std::filesystem::path examples);
  // Thread-safe: the plugin and the recording host are.
  HttpResponse handle(const HttpRequest& request);

 private:
  HttpResponse accounts();
  HttpResponse admin(const std::string& body);
  HttpResponse hook(const std::string& target, const std::string& body);
  HttpResponse host_calls();
  HttpResponse examples();
  HttpResponse connect(const std::string& target);
  HttpResponse oauth_callback(const std::string& target);

  host::PluginInstance& plugin_;
  host::RecordingHost& host_;
  std::vector<ConsoleAccount> accounts_;
  std::filesystem::path examples_;
};

}  // namespace qbo_sync::host_stub
