#include "events/utf8.h"

#include <cstdint>

namespace qbo_sync::events {

namespace {

// Past the 8-byte chunks of ASCII from `i`: payloads are mostly ASCII.
std::size_t skip_ascii_chunks(const unsigned char* data, std::size_t i, std::size_t size) {
  while (i + 8 <= size) {
    uint64_t chunk = 0;
    for (int k = 0; k < 8; ++k) {
      chunk |= static_cast<uint64_t>(data[i + k]) << (8 * k);
    }
    if ((chunk & 0x8080808080808080ULL) != 0) {
      break;
    }
    i += 8;
  }
  return i;
}

// The length of the well-formed multi-byte sequence at `i`; 0 when it is ill-formed.
std::size_t sequence_length(const unsigned char* data, std::size_t i, std::size_t size) {
  const unsigned char lead = data[i];
  std::size_t length = 0;
  unsigned char low = 0x80;  // the allowed range of the second byte (Table 3-7 of Unicode)
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead == 0xE0) {
    length = 3;
    low = 0xA0;
  } else if ((lead >= 0xE1 && lead <= 0xEC) || lead == 0xEE || lead == 0xEF) {
    length = 3;
  } else if (lead == 0xED) {
    length = 3;
    high = 0x9F;  // no UTF-16 surrogates
  } else if (lead == 0xF0) {
    length = 4;
    low = 0x90;
  } else if (lead >= 0xF1 && lead <= 0xF3) {
    length = 4;
  } else if (lead == 0xF4) {
    length = 4;
    high = 0x8F;  // nothing above U+10FFFF
  } else {
    return 0;
  }
  if (i + length > size) {
    return 0;
  }
  if (data[i + 1] < low || data[i + 1] > high) {
    return 0;
  }
  for (std::size_t k = 2; k < length; ++k) {
    if (data[i + k] < 0x80 || data[i + k] > 0xBF) {
      return 0;
    }
  }
  return length;
}

}  // namespace

std::optional<std::size_t> first_invalid_utf8(std::string_view bytes) {
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t size = bytes.size();
  std::size_t i = 0;
  while (i < size) {
    i = skip_ascii_chunks(data, i, size);
    if (i >= size) {
      break;
    }
    if (data[i] < 0x80) {
      ++i;
      continue;
    }
    const std::size_t length = sequence_length(data, i, size);
    if (length == 0) {
      return i;
    }
    i += length;
  }
  return std::nullopt;
}

}  // namespace qbo_sync::events

namespace qbo_sync::events {

std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) {
    return text;
  }
  std::size_t end = max_bytes;
  // Back off over continuation bytes (10xxxxxx) to the start of the character that was cut.
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
    --end;
  }
  return text.substr(0, end);
}

}  // namespace qbo_sync::events
