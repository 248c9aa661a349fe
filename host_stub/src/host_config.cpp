#include "qbo_sync/host_stub/host_config.h"

#include <openssl/rand.h>

#include <array>
#include <boost/json.hpp>
#include <fstream>
#include <iterator>

#include "qbo_sync/host/host_error.h"

namespace qbo_sync::host_stub {

namespace {

constexpr std::size_t kKeyBytes = 32;
constexpr const char* kKeyFileName = "host_stub.key";

bool is_hex_key(const std::string& text) {
  if (text.size() != kKeyBytes * 2) {
    return false;
  }
  for (const char c : text) {
    const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (!hex) {
      return false;
    }
  }
  return true;
}

std::string random_hex_key() {
  std::array<unsigned char, kKeyBytes> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    throw host::HostError("the system's random source failed while making an encryption key");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (const unsigned char byte : bytes) {
    hex += kHex[byte >> 4];
    hex += kHex[byte & 0x0f];
  }
  return hex;
}

}  // namespace

std::string host_config_json(const HostConfig& config) {
  boost::system::error_code parse_error;
  boost::json::value qbo = boost::json::parse(config.qbo_json, parse_error);
  if (parse_error || !qbo.is_object()) {
    throw host::HostError("the QuickBooks settings are not a JSON object");
  }
  boost::json::object document{{"data_dir", config.data_dir.string()},
                               {"encryption_key", config.encryption_key},
                               {"qbo", std::move(qbo)}};
  if (config.time_scale > 0) document["engine"] = {{"time_scale", config.time_scale}};
  if (!config.store_url.empty()) {
    document["store"] = {{"kind", "postgresql"}, {"url", config.store_url}};
  }
  return boost::json::serialize(document);
}

std::string load_or_create_encryption_key(const std::filesystem::path& data_dir) {
  std::error_code error;
  std::filesystem::create_directories(data_dir, error);
  if (error) {
    throw host::HostError("cannot create the data directory " + data_dir.string() + ": " +
                          error.message());
  }
  const std::filesystem::path key_path = data_dir / kKeyFileName;
  if (std::ifstream existing{key_path}) {
    std::string key;
    existing >> key;
    if (!is_hex_key(key)) {
      throw host::HostError("the key file " + key_path.string() +
                            " does not hold 64 hex characters");
    }
    return key;
  }
  const std::string key = random_hex_key();
  {
    std::ofstream created(key_path, std::ios::out | std::ios::trunc);
    created << key << '\n';
    if (!created) {
      throw host::HostError("cannot write the key file " + key_path.string());
    }
  }
  std::filesystem::permissions(
      key_path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write, error);
  return key;
}

HostConfig host_config_for(const std::filesystem::path& data_dir) {
  HostConfig config;
  config.data_dir = std::filesystem::absolute(data_dir).lexically_normal();
  config.encryption_key = load_or_create_encryption_key(config.data_dir);
  return config;
}

}  // namespace qbo_sync::host_stub
