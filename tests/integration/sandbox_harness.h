// A QBO sandbox running in the test process, with its control endpoint and the browser's side of
// the OAuth consent, for integration tests.
#pragma once

#include <boost/json/object.hpp>
#include <memory>
#include <string>

#include "qbo_client/curl_transport.h"
#include "server/server.h"

namespace qbo_sync::testing {

struct Redirect {
  std::string code;
  std::string state;
  std::string realm_id;
};

class SandboxHarness {
 public:
  // Starts a sandbox with one Canadian company; `time_scale` makes throttle windows pass faster.
  explicit SandboxHarness(double time_scale = 60.0);
  ~SandboxHarness();

  qbo_sandbox::Server& server() { return *server_; }
  const boost::json::object& info() const { return info_; }
  std::string realm_id() const;

  // The plugin's host configuration pointing at this sandbox.
  // `clock_speed`: the plugin's clock runs this many times faster than real time.
  std::string plugin_config(const std::string& data_dir, int clock_speed = 600) const;
  // The same, with the plugin's clock standing still until the test moves it (advance_clock).
  std::string plugin_config_on_manual_clock(const std::string& data_dir) const;

  // GET/POST <control>/<path>; returns the parsed JSON answer (throws on a non-2xx status).
  boost::json::value control(const std::string& method, const std::string& path,
                             const std::string& body = "");

  // What the admin's browser does: opens the authorization URL and follows the consent to the
  // redirect, whose query it returns.
  Redirect consent(const std::string& authorization_url, const std::string& realm_id = "");

 private:
  std::unique_ptr<qbo_sandbox::Server> server_;
  boost::json::object info_;
  qbo::CurlTransport http_;
};

}  // namespace qbo_sync::testing
