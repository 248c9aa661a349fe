#include "runtime/host_config.h"

#include <array>
#include <cstdint>

#include <boost/json.hpp>

#include "text/described_json.h"

namespace qbo_sync::runtime {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
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

// The configuration as written, section by section, by the members' own names (Describe).
struct EngineSection : EngineOptions {
  // Written before testing.clock_speed, it means the same; testing.clock_speed overrides it.
  std::optional<int> time_scale;
};
BOOST_DESCRIBE_STRUCT(EngineSection, (EngineOptions), (time_scale))

struct StoreSection {
  StoreKind kind = StoreKind::sqlite;
  std::string url;
  StoreDurability durability = StoreDurability::process_crash;
};
BOOST_DESCRIBE_STRUCT(StoreSection, (), (kind, url, durability))

struct HostConfigDocument {
  std::string data_dir;
  std::string encryption_key;
  QboEndpoints qbo;
  EngineSection engine;
  TestingOptions testing;
  StoreSection store;
};
BOOST_DESCRIBE_STRUCT(HostConfigDocument, (),
                      (data_dir, encryption_key, qbo, engine, testing, store))

bool sets_clock_speed(const boost::json::object& root) {
  const auto* testing = root.if_contains("testing");
  return testing && testing->is_object() && testing->get_object().contains("clock_speed");
}

struct FieldProblem {
  std::string path;
  std::string message;
};

std::optional<FieldProblem> read_store(const StoreSection& section, StoreOptions& store) {
  store.kind = section.kind;
  store.durability = section.durability;
  if (section.kind != StoreKind::postgresql) return std::nullopt;
  auto url = store::PostgresUrl::parse(section.url);
  if (!url) return FieldProblem{"/store/url", "store.url: " + url.error()};
  store.postgres_url = std::move(*url);
  return std::nullopt;
}

std::optional<FieldProblem> read_document(const boost::json::object& root, HostConfig& out) {
  HostConfigDocument document;
  text::read_present_members(root, document);
  out.data_dir = document.data_dir;
  if (out.data_dir.empty() || !out.data_dir.is_absolute()) {
    return FieldProblem{"/data_dir", "data_dir must be an absolute directory path"};
  }
  if (!read_encryption_key(document.encryption_key, out.encryption_key)) {
    return FieldProblem{"/encryption_key",
                        "encryption_key must be 64 hexadecimal characters (a 256-bit key)"};
  }
  out.qbo = document.qbo;
  apply_environment_defaults(out.qbo);
  out.engine = document.engine;
  out.testing = document.testing;
  if (document.engine.time_scale && !sets_clock_speed(root)) {
    out.testing.clock_speed = *document.engine.time_scale;
  }
  return read_store(document.store, out.store);
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
  auto problem = read_document(document.as_object(), out);
  if (!problem) return std::nullopt;
  error_path = problem->path;
  return problem->message;
}

}  // namespace qbo_sync::runtime
