// Strict UTF-8 checking of raw payload bytes, before any JSON parser sees them.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace qbo_sync::events {

// The offset of the first byte that does not belong to well-formed UTF-8 (RFC 3629: no overlong
// forms, no surrogates, nothing above U+10FFFF); nullopt when all of `bytes` is well formed.
std::optional<std::size_t> first_invalid_utf8(std::string_view bytes);

}  // namespace qbo_sync::events

namespace qbo_sync::events {

// The longest prefix of well-formed UTF-8 `text` that fits in `max_bytes` without cutting a
// character in two: what may be quoted back in a message or sent in a length-limited field.
std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes);

}  // namespace qbo_sync::events
