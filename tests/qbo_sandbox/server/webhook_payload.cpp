#include "webhook_payload.h"

#include <algorithm>
#include <cctype>
#include <map>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "crypto/base64.h"
#include "crypto/digest.h"
#include "crypto/random_id.h"
#include "qbo_time.h"
#include "random_text.h"
#include "text/ascii.h"
#include "text/enum_names.h"

namespace qbo_sandbox {
namespace {

namespace json = boost::json;

}  // namespace

std::optional<WebhookFormat> webhook_format_from_string(std::string_view name) {
  return qbo_sync::text::enum_from_name<WebhookFormat>(name);
}

std::string_view to_string(WebhookFormat format) {
  return qbo_sync::text::enum_name(format);
}

std::string legacy_webhook_payload(std::string_view realm_id,
                                   const std::vector<ChangeEvent>& events) {
  json::array entities;
  for (const auto& event : events) {
    json::object entity;
    entity["name"] = event.entity;
    entity["id"] = event.id;
    entity["operation"] = event.operation;
    entity["lastUpdated"] = utc_timestamp_millis(event.at);
    entities.push_back(std::move(entity));
  }
  json::object change;
  change["entities"] = std::move(entities);
  json::object notification;
  notification["realmId"] = realm_id;
  notification["dataChangeEvent"] = std::move(change);
  json::object body;
  body["eventNotifications"] = json::array{std::move(notification)};
  return json::serialize(body);
}

std::string cloudevents_type(std::string_view entity, std::string_view operation) {
  static const std::map<std::string, std::string, std::less<>> kPastTense{
      {"create", "created"}, {"update", "updated"}, {"delete", "deleted"},
      {"merge", "merged"},   {"void", "voided"},    {"emailed", "emailed"}};
  const std::string verb = qbo_sync::text::ascii_lower(operation);
  auto known = kPastTense.find(verb);
  return "qbo." + qbo_sync::text::ascii_lower(entity) + "." +
         (known == kPastTense.end() ? verb : known->second) + ".v1";
}

std::string cloudevents_webhook_payload(std::string_view source,
                                        const std::vector<ChangeEvent>& events) {
  json::array body;
  for (const auto& event : events) {
    json::object cloud_event;
    cloud_event["specversion"] = "1.0";
    cloud_event["id"] = qbo_sync::crypto::random_uuid();
    cloud_event["source"] = source;
    cloud_event["type"] = cloudevents_type(event.entity, event.operation);
    cloud_event["datacontenttype"] = "application/json";
    cloud_event["time"] = utc_timestamp_nanos(event.at);
    cloud_event["intuitentityid"] = event.id;
    cloud_event["intuitaccountid"] = event.realm_id;
    cloud_event["data"] = json::object{};
    body.push_back(std::move(cloud_event));
  }
  return json::serialize(body);
}

std::string webhook_signature(std::string_view verifier_token, std::string_view body) {
  namespace crypto = qbo_sync::crypto;
  return crypto::base64_encode(crypto::digest_bytes(crypto::hmac_sha256(verifier_token, body)));
}

}  // namespace qbo_sandbox
