#include "qbo_client/webhook_signature.h"

#include "crypto/base64.h"
#include "crypto/constant_time.h"
#include "crypto/digest.h"
#include "text/ascii.h"

namespace qbo_sync::qbo {

std::string compute_webhook_signature(std::string_view raw_body, std::string_view verifier_token) {
  return crypto::base64_encode(crypto::digest_bytes(crypto::hmac_sha256(verifier_token, raw_body)));
}

bool verify_webhook_signature(std::string_view raw_body, std::string_view signature_header,
                              std::string_view verifier_token) {
  const std::string_view signature = text::trim(signature_header);
  // A SHA-256 digest is 32 bytes: 44 base64 characters with one '=' of padding.
  if (verifier_token.empty() || signature.size() != 44) {
    return false;
  }
  const auto decoded = crypto::base64_decode(signature);
  if (!decoded) {
    return false;
  }
  const std::string expected = crypto::digest_bytes(crypto::hmac_sha256(verifier_token, raw_body));
  return crypto::constant_time_equal(expected, *decoded);
}

}  // namespace qbo_sync::qbo
