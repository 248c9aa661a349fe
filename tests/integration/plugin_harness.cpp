#include "plugin_harness.h"

#include <boost/json.hpp>
#include <utility>

namespace qbo_sync::testing {
namespace {

boost::json::object object_of(const std::string& text) {
  boost::system::error_code error;
  auto value = boost::json::parse(text, error);
  if (error || !value.is_object()) return {};
  return value.as_object();
}

host::RecordingHostOptions numbered_ids() {
  host::RecordingHostOptions options;
  options.crm_ids = host::CrmIds::numbered;
  return options;
}

}  // namespace

RecordingHost::RecordingHost() : host::RecordingHost(numbered_ids()) {}

std::vector<boost::json::object> RecordingHost::requests_to(std::string_view service) const {
  std::vector<boost::json::object> requests;
  for (const auto& call : calls_to(service)) requests.push_back(object_of(call.request));
  return requests;
}

std::vector<std::string> RecordingHost::logs() const {
  std::vector<std::string> lines;
  for (const auto& call : calls_to("log")) lines.push_back(call.request);
  return lines;
}
std::vector<boost::json::object> RecordingHost::emails() const {
  return requests_to("email_admins");
}
std::vector<boost::json::object> RecordingHost::review_requests() const {
  return requests_to("send_review_request");
}
std::vector<boost::json::object> RecordingHost::contacts() const {
  return requests_to("upsert_contact");
}
std::vector<boost::json::object> RecordingHost::imported_invoices() const {
  return requests_to("import_invoice");
}

std::vector<std::string> RecordingHost::everything() const {
  std::vector<std::string> all;
  for (const auto& call : calls()) all.push_back(call.request);
  return all;
}

PluginLibrary::PluginLibrary(const std::string& path) : plugin_(host::LoadedPlugin::load(path)) {}

PluginInstance::PluginInstance(const PluginLibrary& library, const RecordingHost& host,
                               const std::string& config_json)
    : instance_(library.loaded(), host.table(), config_json) {}

Answer PluginInstance::answer(host::CallResult result) {
  Answer answer{result.status, object_of(result.body), std::move(result.body)};
  std::lock_guard lock(mutex_);
  responses_.push_back(answer.text);
  return answer;
}

Answer PluginInstance::admin(const boost::json::object& request) {
  return admin(boost::json::serialize(request));
}
Answer PluginInstance::admin(const std::string& request_json) {
  return answer(instance_.admin(request_json));
}
Answer PluginInstance::payment_completed(const std::string& payload) {
  return answer(instance_.call_hook(host::Hook::payment_completed, payload));
}
Answer PluginInstance::invoice_sent(const std::string& payload) {
  return answer(instance_.call_hook(host::Hook::invoice_sent, payload));
}
Answer PluginInstance::invoice_updated(const std::string& payload) {
  return answer(instance_.call_hook(host::Hook::invoice_updated, payload));
}
Answer PluginInstance::settings_changed(const std::string& payload) {
  return answer(instance_.call_hook(host::Hook::settings_changed, payload));
}

std::vector<std::string> PluginInstance::responses() const {
  std::lock_guard lock(mutex_);
  return responses_;
}

}  // namespace qbo_sync::testing
