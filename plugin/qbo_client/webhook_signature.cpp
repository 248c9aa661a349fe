#include "qbo_client/webhook_signature.h"

#include <array>
#include <cctype>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace qbo_sync::qbo {
namespace {

using Digest = std::array<unsigned char, 32>;

bool hmac_sha256(std::string_view body, std::string_view key, Digest& digest) {
  unsigned int length = 0;
  const unsigned char* result = HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
                                     reinterpret_cast<const unsigned char*>(body.data()),
                                     body.size(), digest.data(), &length);
  return result != nullptr && length == digest.size();
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

}  // namespace

std::string compute_webhook_signature(std::string_view raw_body, std::string_view verifier_token) {
  Digest digest{};
  if (!hmac_sha256(raw_body, verifier_token, digest)) {
    return {};
  }
  std::array<unsigned char, 4 * ((digest.size() + 2) / 3) + 1> encoded{};
  const int length =
      EVP_EncodeBlock(encoded.data(), digest.data(), static_cast<int>(digest.size()));
  return std::string(reinterpret_cast<const char*>(encoded.data()),
                     static_cast<std::size_t>(length));
}

bool verify_webhook_signature(std::string_view raw_body, std::string_view signature_header,
                              std::string_view verifier_token) {
  const std::string_view signature = trim(signature_header);
  // A SHA-256 digest is 32 bytes: 44 base64 characters with one '=' of padding.
  if (verifier_token.empty() || signature.size() != 44) {
    return false;
  }
  std::array<unsigned char, 33> decoded{};  // EVP_DecodeBlock writes 3 bytes per 4 characters
  const int length =
      EVP_DecodeBlock(decoded.data(), reinterpret_cast<const unsigned char*>(signature.data()),
                      static_cast<int>(signature.size()));
  if (length != 33 || signature.back() != '=' || signature[signature.size() - 2] == '=') {
    return false;
  }
  Digest expected{};
  if (!hmac_sha256(raw_body, verifier_token, expected)) {
    return false;
  }
  return CRYPTO_memcmp(expected.data(), decoded.data(), expected.size()) == 0;
}

}  // namespace qbo_sync::qbo
