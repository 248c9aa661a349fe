#include "qbo_sync/host_stub/sandbox_config.h"

#include <boost/json.hpp>

#include "qbo_sync/host/host_error.h"
#include "qbo_sync/host_stub/text_file.h"

namespace qbo_sync::host_stub {

std::string qbo_config_for_sandbox(const boost::json::object& info) {
  boost::json::object qbo;
  qbo["environment"] = "custom";
  qbo["api_base_url"] = info.at("api");
  qbo["authorize_url"] = info.at("authorize");
  qbo["token_url"] = info.at("token");
  qbo["revoke_url"] = info.at("revoke");
  qbo["client_id"] = info.at("client_id");
  qbo["client_secret"] = info.at("client_secret");
  qbo["redirect_uri"] = info.at("redirect_uris").as_array().at(0);
  qbo["webhook_verifier_token"] = info.at("webhook_verifier_token");
  return boost::json::serialize(qbo);
}

std::string realm_for_preset(const boost::json::object& info, std::string_view preset) {
  for (const auto& company : info.at("companies").as_array()) {
    if (company.at("preset").as_string() == preset) {
      return std::string(company.at("realm_id").as_string());
    }
  }
  throw host::HostError("the QBO sandbox has no " + std::string(preset) + " company");
}

boost::json::object read_sandbox_info(const std::filesystem::path& file) {
  boost::system::error_code error;
  auto info = boost::json::parse(read_text_file(file, "sandbox info file"), error);
  if (error || !info.is_object() || !info.as_object().contains("api")) {
    throw host::HostError("the sandbox info file " + file.string() +
                          " is not the sandbox's start-up line");
  }
  return std::move(info.as_object());
}

}  // namespace qbo_sync::host_stub
