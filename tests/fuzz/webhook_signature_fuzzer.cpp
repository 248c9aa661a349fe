// qbo_client/webhook_signature.h: a body's own signature verifies with its token and no other;
// any other header text, and any header under an empty token, is refused.
#include <string>

#include "fuzz_checks.h"
#include "qbo_client/webhook_signature.h"

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
  if (header != signature) {
    fuzz::require(!qbo::verify_webhook_signature(body, header, token),
                  "only the body's own signature verifies", header);
  }
  fuzz::require(!qbo::verify_webhook_signature(body, header, ""),
                "nothing verifies under an empty token", header);
  return 0;
}
