#include "events/json_pointer.h"

namespace qbo_sync::events {

std::string escape_pointer_token(std::string_view token) {
  std::string escaped;
  escaped.reserve(token.size());
  for (const char c : token) {
    if (c == '~') {
      escaped += "~0";
    } else if (c == '/') {
      escaped += "~1";
    } else {
      escaped += c;
    }
  }
  return escaped;
}

JsonPointer JsonPointer::key(std::string_view name) const {
  JsonPointer next = *this;
  next.text_ += '/';
  next.text_ += escape_pointer_token(name);
  if (!next.field_.empty()) {
    next.field_ += '.';
  }
  next.field_ += name;
  return next;
}

JsonPointer JsonPointer::index(std::size_t position) const {
  JsonPointer next = *this;
  const std::string number = std::to_string(position);
  next.text_ += '/';
  next.text_ += number;
  next.field_ += '[' + number + ']';
  return next;
}

}  // namespace qbo_sync::events
