#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/describe/enum.hpp>

#include "ledger/api_types.h"

namespace qbo_sandbox {

enum class WebhookFormat { legacy, cloudevents };
BOOST_DESCRIBE_ENUM(WebhookFormat, legacy, cloudevents)

std::optional<WebhookFormat> webhook_format_from_string(std::string_view name);
std::string_view to_string(WebhookFormat format);

// {"eventNotifications":[{"realmId":..,"dataChangeEvent":{"entities":[{"name","id","operation",
// "lastUpdated"}]}}]} for the events of one realm, serialised without whitespace, keys in QBO's
// order (the signature is over these exact bytes).
std::string legacy_webhook_payload(std::string_view realm_id,
                                   const std::vector<ChangeEvent>& events);

// [{"specversion":"1.0","id":..,"source":..,"type":"qbo.<entity>.<created|updated|...>.v1",
// "datacontenttype":"application/json","time":..,"intuitentityid":..,"intuitaccountid":..,
// "data":{}}, ...]
std::string cloudevents_webhook_payload(std::string_view source,
                                        const std::vector<ChangeEvent>& events);

// "qbo.customer.created.v1" for (Customer, Create).
std::string cloudevents_type(std::string_view entity, std::string_view operation);

// The `intuit-signature` header: base64(HMAC-SHA256(verifier token, body)).
std::string webhook_signature(std::string_view verifier_token, std::string_view body);

}  // namespace qbo_sandbox
