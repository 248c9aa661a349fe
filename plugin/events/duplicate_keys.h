// Finds a key that appears twice in one JSON object. Boost.JSON keeps the last of two equal keys
// without a word; a payload that says "total" twice is ambiguous and must be refused instead.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace qbo_sync::events {

struct JsonScan {
  bool syntax_ok = true;
  std::string syntax_error;                          // when !syntax_ok: what and near which byte
  std::optional<std::string> duplicate_key_pointer;  // JSON Pointer of the second occurrence
};

// One pass over `json`, building nothing. Nesting deeper than `max_depth` is a syntax error.
JsonScan scan_json(std::string_view json, std::size_t max_depth);

}  // namespace qbo_sync::events
