// Base64 (RFC 4648 §4) and base64url (§5) text of bytes, and back.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace qbo_sync::crypto {

// Standard alphabet, padded with '=' to a multiple of four characters.
std::string base64_encode(std::string_view bytes);
// The bytes of padded standard base64; nullopt when `text` is not that.
std::optional<std::string> base64_decode(std::string_view text);

// URL- and file-safe alphabet ('-' and '_'), without padding.
std::string base64url_encode(std::string_view bytes);
// The bytes of base64url, padded or not; nullopt when `text` is not that.
std::optional<std::string> base64url_decode(std::string_view text);

}  // namespace qbo_sync::crypto
