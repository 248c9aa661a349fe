// A QBO webhook delivery forwarded by the host: its `intuit-signature` is checked against the raw
// body with the verifier token before the body is parsed at all; only then are the realms it
// names read (legacy eventNotifications or CloudEvents). Pure.
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <boost/json/object.hpp>

namespace qbo_sync::inbound {

struct WebhookRefusal {
  std::string code;     // missing_signature, invalid_signature, not_configured, malformed_body
  std::string message;  // names the header or field; never the token or the signature
  std::string path;     // JSON Pointer into the admin request
};

// The realms (QBO company ids) whose data changed, each once, in order of first mention.
using WebhookResult = std::variant<std::vector<std::string>, WebhookRefusal>;

// A delivery taken in: the realms it names, and whether it is a replay of one already acted on.
struct WebhookAcceptance {
  std::vector<std::string> realms;
  bool replay = false;
};

// `headers` as the host received them (names in any case, string values).
WebhookResult read_webhook(const boost::json::object& headers, std::string_view raw_body,
                           std::string_view verifier_token);

}  // namespace qbo_sync::inbound
