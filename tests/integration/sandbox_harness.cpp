#include "sandbox_harness.h"

#include <boost/json.hpp>
#include <boost/url.hpp>
#include <stdexcept>

#include "qbo_sync/host_stub/sandbox_config.h"
#include "store_backend.h"

namespace qbo_sync::testing {

SandboxHarness::SandboxHarness(double time_scale) {
  qbo_sandbox::ServerOptions options;
  options.companies = {qbo_sandbox::CompanyPreset::canada};
  options.time_scale = time_scale;
  server_ = std::make_unique<qbo_sandbox::Server>(options);
  server_->start();
  info_ = server_->startup_info();
}

SandboxHarness::~SandboxHarness() {
  server_->stop();
}

std::string SandboxHarness::realm_id() const {
  return std::string(info_.at("realm_ids").as_array().at(0).as_string());
}

std::string SandboxHarness::plugin_config(const std::string& data_dir, int clock_speed) const {
  boost::json::object config;
  config["data_dir"] = data_dir;
  config["encryption_key"] = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
  config["qbo"] = boost::json::parse(host_stub::qbo_config_for_sandbox(info_));
  // The engine looks for due records every 20 ms of real time.
  config["engine"] = {{"poll_interval_ms", 20 * clock_speed}};
  config["testing"] = {{"clock_speed", clock_speed}};
  if (auto store = store_section_for(data_dir)) config["store"] = std::move(*store);
  return boost::json::serialize(config);
}

std::string SandboxHarness::plugin_config_on_manual_clock(const std::string& data_dir) const {
  auto config = boost::json::parse(plugin_config(data_dir, 1)).as_object();
  config["testing"] = {{"clock", "manual"}};
  // Due records are taken up at once when an event or a retry arrives; the poll only finds those
  // whose backoff ended, each time the test moves the clock past a few seconds.
  config["engine"].as_object()["poll_interval_ms"] = 5000;
  return boost::json::serialize(config);
}

boost::json::value SandboxHarness::control(const std::string& method, const std::string& path,
                                           const std::string& body) {
  qbo::HttpRequest request;
  request.method = method;
  request.url = std::string(info_.at("control").as_string()) + path;
  request.body = body;
  if (!body.empty()) request.headers.emplace_back("Content-Type", "application/json");
  auto result = http_.send(request);
  const auto* response = std::get_if<qbo::HttpResponse>(&result);
  if (!response) throw std::runtime_error("the sandbox's control endpoint did not answer");
  if (response->status < 200 || response->status > 299) {
    throw std::runtime_error("control " + path + " answered " + std::to_string(response->status) +
                             ": " + response->body);
  }
  return response->body.empty() ? boost::json::value() : boost::json::parse(response->body);
}

Redirect SandboxHarness::consent(const std::string& authorization_url,
                                 const std::string& realm_id) {
  std::string url = authorization_url;
  if (!realm_id.empty()) url += "&realm_id=" + realm_id;
  qbo::HttpRequest request;
  request.url = url;
  auto result = http_.send(request);
  const auto* response = std::get_if<qbo::HttpResponse>(&result);
  if (!response || response->status != 302) {
    throw std::runtime_error("the authorize endpoint did not redirect: " +
                             (response ? response->body : std::string("no answer")));
  }
  const auto location = response->header("Location");
  if (!location) throw std::runtime_error("the redirect has no Location");
  auto parsed = boost::urls::parse_uri(*location);
  if (!parsed) throw std::runtime_error("the redirect Location is not a URL: " + *location);
  Redirect redirect;
  for (auto param : parsed->params()) {
    if (param.key == "code") redirect.code = param.value;
    if (param.key == "state") redirect.state = param.value;
    if (param.key == "realmId") redirect.realm_id = param.value;
  }
  return redirect;
}

}  // namespace qbo_sync::testing
