// Unguessable values from the system's cryptographic random generator.
#pragma once

#include <cstddef>
#include <string>

namespace qbo_sync::crypto {

// `count` random bytes; throws std::runtime_error when the generator fails.
std::string random_bytes(std::size_t count);

// A version-4 UUID, lower case ("0f8fad5b-d9cb-469f-a165-70867728950e").
std::string random_uuid();

// base64url (no padding) of `byte_count` random bytes: opaque tokens and OAuth states.
std::string random_token(std::size_t byte_count);

}  // namespace qbo_sync::crypto
