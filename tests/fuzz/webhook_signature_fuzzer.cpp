// qbo_client/webhook_signature.h: a body's own signature verifies with its token and no other;
// a header that does not carry the same HMAC, and any header under an empty token, is refused.
// The verifier compares the decoded HMAC, so surrounding spaces and the two unused bits of the last
// base64 digit do not matter.
#include <cctype>
#include <string>

#include "fuzz_checks.h"
#include "qbo_client/webhook_signature.h"

namespace {

int base64_digit(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

// True when `header` encodes the same 32 bytes as the canonical `signature` (44 characters,
// the last a single '=').
bool carries_same_hmac(std::string_view header, std::string_view signature) {
  while (!header.empty() && std::isspace(static_cast<unsigned char>(header.front()))) {
    header.remove_prefix(1);
  }
  while (!header.empty() && std::isspace(static_cast<unsigned char>(header.back()))) {
    header.remove_suffix(1);
  }
  if (header.size() != 44 || signature.size() != 44 || header.back() != '=') return false;
  const int last = base64_digit(header[42]);
  return header.substr(0, 42) == signature.substr(0, 42) && last >= 0 &&
         last >> 2 == base64_digit(signature[42]) >> 2;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace qbo_sync;
  if (size < 2) return 0;
  const std::size_t token_size = std::min<std::size_t>(data[0], size - 1);
  const auto token = fuzz::as_text(data + 1, token_size);
  const auto rest = fuzz::as_text(data + 1 + token_size, size - 1 - token_size);
  const std::size_t header_size = rest.empty() ? 0 : static_cast<unsigned char>(rest[0]) % 64;
  const auto header = rest.substr(std::min<std::size_t>(1, rest.size())).substr(0, header_size);
  const auto body = rest.substr(std::min(rest.size(), 1 + header.size()));

  const std::string signature = qbo::compute_webhook_signature(body, token);
  fuzz::require(qbo::verify_webhook_signature(body, signature, token) == !token.empty(),
                "a body's own signature verifies (under a non-empty token)", body);
  fuzz::require(!qbo::verify_webhook_signature(body, signature, std::string(token) + "x"),
                "a signature does not verify under another token", body);
  if (qbo::verify_webhook_signature(body, header, token)) {
    fuzz::require(carries_same_hmac(header, signature), "only the body's own HMAC verifies",
                  header);
  }
  fuzz::require(!qbo::verify_webhook_signature(body, header, ""),
                "nothing verifies under an empty token", header);
  return 0;
}
