#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace qbo_sandbox {

std::string base64_encode(std::string_view bytes);
// nullopt when `text` is not valid base64.
std::optional<std::string> base64_decode(std::string_view text);

// base64(HMAC-SHA256(key, message)): QBO's webhook `intuit-signature`.
std::string hmac_sha256_base64(std::string_view key, std::string_view message);

// Lower-case hex SHA-256: how the control endpoint names a token without showing it.
std::string sha256_hex(std::string_view bytes);

}  // namespace qbo_sandbox
