// A QBO webhook delivery as the host forwards it: inbound::read_webhook over fuzzed headers and
// body. Half the inputs carry the body's true signature, so the body reader behind the signature
// check is reached; the other half a fuzzed signature, which must be refused unless it happens to
// be the true one. Realms come back once each, non-empty; refusals name a documented code.
#include <set>
#include <string>
#include <variant>

#include "fuzz_checks.h"
#include "inbound/webhook_notification.h"
#include "qbo_client/webhook_signature.h"

namespace {

constexpr std::string_view kVerifierToken = "verifier-token-canary-7f3a";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace qbo_sync;
  if (size < 2) return 0;
  const bool signed_truly = (data[0] & 1) != 0;
  const std::size_t signature_size = std::min<std::size_t>(data[1], size - 2);
  const auto fuzzed_signature = fuzz::as_text(data + 2, signature_size);
  const auto body = fuzz::as_text(data + 2 + signature_size, size - 2 - signature_size);
  const std::string true_signature = qbo::compute_webhook_signature(body, kVerifierToken);
  const std::string signature = signed_truly ? true_signature : std::string(fuzzed_signature);
  const boost::json::object headers{{(data[0] & 2) ? "Intuit-Signature" : "intuit-signature",
                                     boost::json::string_view(signature.data(), signature.size())}};

  const auto result = inbound::read_webhook(headers, body, kVerifierToken);
  if (const auto* refusal = std::get_if<inbound::WebhookRefusal>(&result)) {
    fuzz::require(refusal->code == "missing_signature" || refusal->code == "invalid_signature" ||
                      refusal->code == "not_configured" || refusal->code == "malformed_body",
                  "a webhook refusal has a documented code", refusal->code);
    fuzz::require_utf8(refusal->message, "a webhook refusal message is UTF-8");
    fuzz::require(fuzz::is_json_pointer(refusal->path), "a webhook refusal path is a pointer",
                  refusal->path);
    fuzz::require(
        refusal->message.find(kVerifierToken) == std::string::npos &&
            (true_signature.empty() || refusal->message.find(true_signature) == std::string::npos),
        "a webhook refusal never shows the token or the signature", refusal->message);
    return 0;
  }
  fuzz::require(signature == true_signature, "only a truly signed delivery is read", body);
  const auto& realms = std::get<std::vector<std::string>>(result);
  std::set<std::string> distinct;
  for (const auto& realm : realms) {
    fuzz::require(!realm.empty(), "a realm id is never empty", body);
    fuzz::require_utf8(realm, "a realm id is UTF-8");
    fuzz::require(distinct.insert(realm).second, "each realm comes back once", realm);
  }
  return 0;
}
