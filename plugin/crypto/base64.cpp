#include "crypto/base64.h"

#include <array>
#include <cstdint>

namespace qbo_sync::crypto {
namespace {

constexpr std::string_view kStandard =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view kUrlSafe =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string encode(std::string_view bytes, std::string_view alphabet, bool pad) {
  std::string text;
  text.reserve(4 * ((bytes.size() + 2) / 3));
  for (std::size_t at = 0; at < bytes.size(); at += 3) {
    const std::size_t count = std::min<std::size_t>(3, bytes.size() - at);
    std::uint32_t group = 0;
    for (std::size_t i = 0; i < 3; ++i) {
      group = (group << 8) | (i < count ? static_cast<unsigned char>(bytes[at + i]) : 0u);
    }
    for (std::size_t i = 0; i <= count; ++i) {
      text.push_back(alphabet[(group >> (18 - 6 * i)) & 0x3f]);
    }
    if (pad) text.append(3 - count, '=');
  }
  return text;
}

// Reads groups of four digits; the last group may be short (2 or 3 digits). Its unused low bits
// are ignored, as OpenSSL's decoder and most others do.
std::optional<std::string> decode(std::string_view text, std::string_view alphabet) {
  if (text.size() % 4 == 1) return std::nullopt;
  std::string bytes;
  bytes.reserve(3 * (text.size() / 4) + 2);
  for (std::size_t at = 0; at < text.size(); at += 4) {
    const std::size_t count = std::min<std::size_t>(4, text.size() - at);
    std::uint32_t group = 0;
    for (std::size_t i = 0; i < 4; ++i) {
      std::size_t digit = 0;
      if (i < count) {
        digit = alphabet.find(text[at + i]);
        if (digit == std::string_view::npos) return std::nullopt;
      }
      group = (group << 6) | static_cast<std::uint32_t>(digit);
    }
    for (std::size_t i = 0; i + 1 < count; ++i) {
      bytes.push_back(static_cast<char>((group >> (16 - 8 * i)) & 0xff));
    }
  }
  return bytes;
}

std::string_view without_padding(std::string_view text) {
  std::size_t padding = 0;
  while (padding < 2 && padding < text.size() && text[text.size() - 1 - padding] == '=') ++padding;
  return text.substr(0, text.size() - padding);
}

}  // namespace

std::string base64_encode(std::string_view bytes) {
  return encode(bytes, kStandard, true);
}

std::optional<std::string> base64_decode(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  return decode(without_padding(text), kStandard);
}

std::string base64url_encode(std::string_view bytes) {
  return encode(bytes, kUrlSafe, false);
}

std::optional<std::string> base64url_decode(std::string_view text) {
  const std::string_view digits = without_padding(text);
  if (digits.size() != text.size() && text.size() % 4 != 0) return std::nullopt;
  return decode(digits, kUrlSafe);
}

}  // namespace qbo_sync::crypto
