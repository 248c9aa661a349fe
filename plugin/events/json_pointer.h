// RFC 6901 JSON Pointers, as InputError::path carries them.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace qbo_sync::events {

// One reference token with '~' written as "~0" and '/' as "~1".
std::string escape_pointer_token(std::string_view token);

// A pointer built token by token: JsonPointer().key("lines").index(0).key("a/b") → "/lines/0/a~1b".
class JsonPointer {
 public:
  JsonPointer() = default;

  JsonPointer key(std::string_view name) const;
  JsonPointer index(std::size_t position) const;

  const std::string& text() const { return text_; }
  // A readable name of the field for messages: "payment.lines[0].quantity"; "the payload" for "".
  std::string field_name() const { return field_.empty() ? "the payload" : field_; }

 private:
  std::string text_;
  std::string field_;
};

}  // namespace qbo_sync::events
