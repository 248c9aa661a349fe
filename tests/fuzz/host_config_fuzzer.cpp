// The host configuration: EventValidator::validate_host_config, then the runtime's reader
// (runtime::read_host_config) over what was accepted and over the raw input. Besides the usual
// error properties: an error message never repeats a secret. The seeds carry the canary text
// kSecretCanary in the secret fields; while the canary is found only in secret fields, no message
// may contain it.
#include <string>
#include <string_view>
#include <variant>

#include "events/event_validator.h"
#include "fuzz_checks.h"
#include "runtime/host_config.h"

namespace {

constexpr std::string_view kSecretCanary = "canary-7f3a";

bool is_secret_member(std::string_view pointer) {
  return pointer == "/encryption_key" || pointer == "/qbo/client_secret" ||
         pointer == "/qbo/webhook_verifier_token";
}

// True when some key, or some string outside the secret members, contains the canary.
bool canary_outside_secrets(const boost::json::value& value, const std::string& pointer) {
  if (value.is_string()) {
    return !is_secret_member(pointer) &&
           std::string_view(value.as_string()).find(kSecretCanary) != std::string_view::npos;
  }
  if (value.is_array()) {
    for (const auto& item : value.as_array()) {
      if (canary_outside_secrets(item, pointer + "/-")) return true;
    }
  }
  if (value.is_object()) {
    for (const auto& member : value.as_object()) {
      if (member.key().find(kSecretCanary) != std::string_view::npos) return true;
      if (canary_outside_secrets(member.value(), pointer + "/" + std::string(member.key()))) {
        return true;
      }
    }
  }
  return false;
}

bool may_check_secrets(std::string_view input) {
  if (input.find(kSecretCanary) == std::string_view::npos) return false;
  boost::system::error_code error;
  const auto document = boost::json::parse(input, error);
  return !error && !canary_outside_secrets(document, "");
}

void require_no_secret(std::string_view message, bool check, std::string_view input) {
  if (check) {
    qbo_sync::fuzz::require(message.find(kSecretCanary) == std::string_view::npos,
                            "host configuration errors never repeat a secret", input);
  }
}

void read_with_runtime(std::string_view json, bool check_secrets, std::string_view input) {
  qbo_sync::runtime::HostConfig config;
  std::string error_path;
  if (const auto error = qbo_sync::runtime::read_host_config(json, config, error_path)) {
    qbo_sync::fuzz::require_error_into("host_config", *error, error_path, json);
    require_no_secret(*error, check_secrets, input);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace qbo_sync;
  static const events::EventValidator validator;
  const auto input = fuzz::as_text(data, size);
  const bool check_secrets = may_check_secrets(input);
  const auto result = validator.validate_host_config(input);
  if (const auto* error = std::get_if<events::InputError>(&result)) {
    fuzz::require_error_into(error->code, error->message, error->path, input);
    require_no_secret(error->message, check_secrets, input);
    read_with_runtime(input, check_secrets, input);
    return 0;
  }
  read_with_runtime(boost::json::serialize(std::get<boost::json::object>(result)), check_secrets,
                    input);
  return 0;
}
