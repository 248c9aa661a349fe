// SHA-256 and HMAC-SHA256 (RFC 2104 / FIPS 180-4) of byte strings.
#pragma once

#include <array>
#include <string>
#include <string_view>

namespace qbo_sync::crypto {

using Sha256Digest = std::array<unsigned char, 32>;

Sha256Digest sha256(std::string_view bytes);
Sha256Digest hmac_sha256(std::string_view key, std::string_view message);

// The digest as bytes in a string, for encoders that take text.
std::string digest_bytes(const Sha256Digest& digest);
// Lower-case hexadecimal of the digest.
std::string hex(const Sha256Digest& digest);

}  // namespace qbo_sync::crypto
