#include "sandbox_control.h"

#include <boost/json.hpp>

#include "crypto/base64.h"
#include "crypto/digest.h"
#include "qbo_sync/host/host_error.h"
#include "qbo_sync/host_stub/http_get.h"

namespace qbo_sync::soak {

using host::HostError;
using host_stub::http_request;

namespace {

boost::json::object parse_object(const std::string& text, const std::string& what) {
  boost::system::error_code error;
  boost::json::value value = boost::json::parse(text, error);
  if (error || !value.is_object())
    throw host::HostError(what + " answered no JSON object: " + text);
  return std::move(value.as_object());
}

}  // namespace

SandboxControl::SandboxControl(const boost::json::object& info)
    : info_(info), control_(info.at("control").as_string()) {}

std::string SandboxControl::realm_for_preset(const std::string& preset) const {
  for (const auto& company : info_.at("companies").as_array()) {
    if (company.at("preset").as_string() == preset) {
      return std::string(company.at("realm_id").as_string());
    }
  }
  throw host::HostError("the QBO sandbox has no " + preset + " company");
}

boost::json::object SandboxControl::post(const std::string& route,
                                         const boost::json::object& body) const {
  const auto answer = http_request(control_ + route, boost::json::serialize(body));
  if (answer.status < 200 || answer.status >= 300) {
    throw host::HostError("the sandbox's control " + route + " refused: " + answer.body);
  }
  return parse_object(answer.body, "the sandbox's control " + route);
}

std::int64_t SandboxControl::api_calls_so_far() const {
  const auto answer = http_request(control_ + "/requests");
  const auto requests = parse_object(answer.body, "the sandbox's control /requests");
  std::int64_t total = 0;
  for (const auto& [realm, counts] : requests.at("realms").as_object()) {
    total += counts.at("total").to_number<std::int64_t>();
  }
  return total;
}

void SandboxControl::inject_fault(const std::string& realm, const std::string& kind) const {
  // A timeout holds the call briefly: long enough to be a timeout for no one but the sandbox.
  post("/faults", {{"kind", kind}, {"count", 1}, {"realm_id", realm}, {"delay_ms", 300}});
}

void SandboxControl::expire_access_token(const std::string& realm) const {
  post("/tokens/expire", {{"realm_id", realm}, {"which", "access"}});
}

void SandboxControl::set_rotation_age(int seconds) const {
  post("/oauth/rotation", {{"rotation_age_seconds", seconds}, {"rotated_token_grace_seconds", 0}});
}

boost::json::object SandboxControl::write(const std::string& realm, const std::string& entity,
                                          const boost::json::object& body) const {
  return post("/ledger/" + realm + "/" + entity, body);
}

std::string SandboxControl::signed_webhook_request(const std::string& realm) const {
  const std::string body = R"({"eventNotifications":[{"realmId":")" + realm + R"("}]})";
  const std::string verifier(info_.at("webhook_verifier_token").as_string());
  return boost::json::serialize(boost::json::object{
      {"op", "qbo_webhook"},
      {"headers",
       {{"intuit-signature",
         crypto::base64_encode(crypto::digest_bytes(crypto::hmac_sha256(verifier, body)))}}},
      {"body", body}});
}

}  // namespace qbo_sync::soak
