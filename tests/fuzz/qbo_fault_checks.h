// What any Fault the QBO client builds from a response must satisfy: its texts are UTF-8 (they are
// shown to the admin inside JSON) and its summary is one readable line.
#pragma once

#include "fuzz_checks.h"
#include "qbo_client/fault.h"

namespace qbo_sync::fuzz {

inline void require_readable_fault(const qbo::Fault& fault, std::string_view input) {
  const std::string texts[] = {fault.code,       fault.message,    fault.detail,   fault.element,
                               fault.fault_type, fault.intuit_tid, fault.summary()};
  for (const auto& text : texts) {
    if (events::first_invalid_utf8(text)) fail("fault texts are UTF-8", input);
  }
  for (const auto& error : fault.errors) {
    for (const auto* text : {&error.code, &error.message, &error.detail, &error.element}) {
      if (events::first_invalid_utf8(*text)) fail("fault error texts are UTF-8", input);
    }
  }
}

// The first two bytes of an input as an HTTP status from 100 to 599; the rest is the body.
inline int status_from(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 200;
  return 100 + ((data[0] << 8) | data[1]) % 500;
}

inline std::string_view body_from(const std::uint8_t* data, std::size_t size) {
  return size < 2 ? std::string_view{} : as_text(data + 2, size - 2);
}

}  // namespace qbo_sync::fuzz
