// Checks the `intuit-signature` header of a QBO webhook delivery before its body is read.
#pragma once

#include <string>
#include <string_view>

namespace qbo_sync::qbo {

// base64(HMAC-SHA256(key = verifier token, message = raw body)).
std::string compute_webhook_signature(std::string_view raw_body, std::string_view verifier_token);

// True when `signature_header` is the valid signature of `raw_body`. The comparison runs in
// constant time; a malformed or empty header or an empty verifier token is simply invalid.
bool verify_webhook_signature(std::string_view raw_body, std::string_view signature_header,
                              std::string_view verifier_token);

}  // namespace qbo_sync::qbo
