#pragma once

#include <cstddef>
#include <string>

namespace qbo_sandbox {

// Random identifiers and token material. Not for real secrets: the sandbox's tokens only need to
// be unguessable by accident and look like QBO's.
std::string random_hex(std::size_t length);
std::string random_alphanumeric(std::size_t length);
std::string random_base64url(std::size_t length);

}  // namespace qbo_sandbox
