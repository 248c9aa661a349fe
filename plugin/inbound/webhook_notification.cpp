#include "inbound/webhook_notification.h"

#include <algorithm>
#include <cctype>

#include <boost/json/parse.hpp>

#include "qbo_client/webhook_signature.h"

namespace qbo_sync::inbound {
namespace {

namespace json = boost::json;

bool same_name(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](unsigned char x, unsigned char y) {
           return std::tolower(x) == std::tolower(y);
         });
}

void add_realm(std::vector<std::string>& realms, const json::value* value) {
  if (!value || !value->is_string() || value->as_string().empty()) return;
  std::string realm(value->as_string());
  if (std::find(realms.begin(), realms.end(), realm) == realms.end())
    realms.push_back(std::move(realm));
}

}  // namespace

WebhookResult read_webhook(const boost::json::object& headers, std::string_view raw_body,
                           std::string_view verifier_token) {
  if (verifier_token.empty()) {
    return WebhookRefusal{"not_configured",
                          "webhooks are not accepted: the host configuration has no "
                          "qbo.webhook_verifier_token",
                          ""};
  }
  const json::value* signature = nullptr;
  for (const auto& header : headers) {
    if (same_name(header.key(), "intuit-signature")) signature = &header.value();
  }
  if (!signature || !signature->is_string() || signature->as_string().empty()) {
    return WebhookRefusal{"missing_signature",
                          "the intuit-signature header is missing: the delivery is refused",
                          "/headers/intuit-signature"};
  }
  // Nothing of the body is read before this check passes.
  if (!qbo::verify_webhook_signature(raw_body, std::string_view(signature->as_string()),
                                     verifier_token)) {
    return WebhookRefusal{"invalid_signature",
                          "the intuit-signature header does not match the body: the delivery is "
                          "refused and nothing was processed",
                          "/headers/intuit-signature"};
  }
  boost::system::error_code error;
  const auto document = json::parse(raw_body, error);
  if (error) {
    return WebhookRefusal{"malformed_body", "the webhook body is not JSON: " + error.message(),
                          "/body"};
  }
  std::vector<std::string> realms;
  if (document.is_array()) {  // CloudEvents: one event per element, the realm in intuitaccountid
    for (const auto& event : document.as_array()) {
      if (event.is_object()) add_realm(realms, event.as_object().if_contains("intuitaccountid"));
    }
  } else if (document.is_object()) {  // legacy: eventNotifications[].realmId
    const auto* notifications = document.as_object().if_contains("eventNotifications");
    if (notifications && notifications->is_array()) {
      for (const auto& notification : notifications->as_array()) {
        if (notification.is_object())
          add_realm(realms, notification.as_object().if_contains("realmId"));
      }
    }
  }
  if (realms.empty()) {
    return WebhookRefusal{"malformed_body",
                          "the webhook body names no realm (eventNotifications[].realmId or "
                          "intuitaccountid)",
                          "/body"};
  }
  return realms;
}

}  // namespace qbo_sync::inbound
