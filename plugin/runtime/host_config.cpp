#include "runtime/host_config.h"

#include <array>
#include <cstdint>

#include <boost/json.hpp>

namespace qbo_sync::runtime {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string string_at(const boost::json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  if (value && value->is_string()) return std::string(value->as_string());
  return {};
}

// Intuit's published endpoints; the API host differs between production and Intuit's sandbox.
void apply_environment_defaults(QboEndpoints& qbo) {
  if (qbo.environment == "custom") return;
  if (qbo.api_base_url.empty()) {
    qbo.api_base_url = qbo.environment == "sandbox" ? "https://sandbox-quickbooks.api.intuit.com"
                                                    : "https://quickbooks.api.intuit.com";
  }
  if (qbo.authorize_url.empty()) qbo.authorize_url = "https://appcenter.intuit.com/connect/oauth2";
  if (qbo.token_url.empty()) {
    qbo.token_url = "https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer";
  }
  if (qbo.revoke_url.empty()) {
    qbo.revoke_url = "https://developer.api.intuit.com/v2/oauth2/tokens/revoke";
  }
}

const boost::json::object* object_at(const boost::json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value && value->is_object() ? &value->as_object() : nullptr;
}

// The key from its 64 hexadecimal characters; false when the text is not that.
bool read_encryption_key(const std::string& text, std::array<uint8_t, 32>& key) {
  if (text.size() != key.size() * 2) return false;
  for (std::size_t i = 0; i < key.size(); ++i) {
    const int high = hex_value(text[2 * i]);
    const int low = hex_value(text[2 * i + 1]);
    if (high < 0 || low < 0) return false;
    key[i] = static_cast<uint8_t>(high * 16 + low);
  }
  return true;
}

void read_qbo_endpoints(const boost::json::object& qbo, QboEndpoints& endpoints) {
  if (auto environment = string_at(qbo, "environment"); !environment.empty()) {
    endpoints.environment = environment;
  }
  endpoints.api_base_url = string_at(qbo, "api_base_url");
  endpoints.authorize_url = string_at(qbo, "authorize_url");
  endpoints.token_url = string_at(qbo, "token_url");
  endpoints.revoke_url = string_at(qbo, "revoke_url");
  endpoints.client_id = string_at(qbo, "client_id");
  endpoints.client_secret = string_at(qbo, "client_secret");
  endpoints.redirect_uri = string_at(qbo, "redirect_uri");
  endpoints.webhook_verifier_token = string_at(qbo, "webhook_verifier_token");
  if (const auto* minor = qbo.if_contains("minor_version"); minor && minor->is_int64()) {
    endpoints.minor_version = static_cast<int>(minor->as_int64());
  }
}

void read_engine(const boost::json::object& engine, HostConfig& out) {
  auto read_int = [&](std::string_view field, int& into) {
    if (const auto* value = engine.if_contains(field); value && value->is_int64()) {
      into = static_cast<int>(value->as_int64());
    }
  };
  read_int("worker_threads", out.engine.worker_threads);
  // Kept for configurations written before testing.clock_speed, which overrides it.
  read_int("time_scale", out.testing.clock_speed);
  read_int("poll_interval_ms", out.engine.poll_interval_ms);
  read_int("cdc_poll_interval_ms", out.engine.cdc_poll_interval_ms);
}

void read_testing(const boost::json::object& testing, TestingOptions& options) {
  if (const auto* speed = testing.if_contains("clock_speed"); speed && speed->is_int64()) {
    options.clock_speed = static_cast<int>(speed->as_int64());
  }
  options.manual_clock = string_at(testing, "clock") == "manual";
  if (const auto* origin = testing.if_contains("clock_origin_ms"); origin && origin->is_int64()) {
    options.clock_origin_ms = origin->as_int64();
  }
}

}  // namespace

std::optional<std::string> read_host_config(std::string_view validated_json, HostConfig& out,
                                            std::string& error_path) {
  boost::system::error_code parse_error;
  auto document = boost::json::parse(validated_json, parse_error);
  if (parse_error || !document.is_object()) {
    error_path = "";
    return "the host configuration is not a JSON object";
  }
  const auto& root = document.as_object();

  out.data_dir = string_at(root, "data_dir");
  if (out.data_dir.empty() || !out.data_dir.is_absolute()) {
    error_path = "/data_dir";
    return "data_dir must be an absolute directory path";
  }
  if (!read_encryption_key(string_at(root, "encryption_key"), out.encryption_key)) {
    error_path = "/encryption_key";
    return "encryption_key must be 64 hexadecimal characters (a 256-bit key)";
  }
  if (const auto* qbo = object_at(root, "qbo")) read_qbo_endpoints(*qbo, out.qbo);
  if (const auto* engine = object_at(root, "engine")) read_engine(*engine, out);
  if (const auto* testing = object_at(root, "testing")) read_testing(*testing, out.testing);
  if (const auto* store = object_at(root, "store")) {
    out.durable_against_power_loss = string_at(*store, "durability") == "power_loss";
  }
  apply_environment_defaults(out.qbo);
  return std::nullopt;
}

}  // namespace qbo_sync::runtime
