#include "inbound/webhook_notification.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "qbo_client/webhook_signature.h"

namespace qbo_sync::inbound {
namespace {

namespace json = boost::json;
constexpr std::string_view kToken = "verifier-token-for-tests";

json::object signed_headers(std::string_view body,
                            std::string_view header_name = "intuit-signature") {
  return json::object{{header_name, qbo::compute_webhook_signature(body, kToken)},
                      {"content-type", "application/json"}};
}

TEST(WebhookNotification, ALegacyDeliveryNamesItsRealms) {
  const std::string body =
      R"({"eventNotifications":[{"realmId":"111","dataChangeEvent":{"entities":[)"
      R"({"name":"Customer","id":"1","operation":"Create"}]}},{"realmId":"222"},{"realmId":"111"}]})";
  const auto result = read_webhook(signed_headers(body), body, kToken);
  ASSERT_TRUE(std::holds_alternative<std::vector<std::string>>(result));
  EXPECT_EQ(std::get<std::vector<std::string>>(result), (std::vector<std::string>{"111", "222"}));
}

TEST(WebhookNotification, ACloudEventsDeliveryNamesItsRealmsAndHeaderCaseDoesNotMatter) {
  const std::string body =
      R"([{"specversion":"1.0","type":"qbo.customer.created.v1","intuitaccountid":"333"}])";
  const auto result = read_webhook(signed_headers(body, "Intuit-Signature"), body, kToken);
  ASSERT_TRUE(std::holds_alternative<std::vector<std::string>>(result));
  EXPECT_EQ(std::get<std::vector<std::string>>(result), (std::vector<std::string>{"333"}));
}

TEST(WebhookNotification, ABadSignatureIsRefusedNamingTheHeader) {
  const std::string body = R"({"eventNotifications":[{"realmId":"111"}]})";
  auto headers = signed_headers(body);
  const std::string tampered = R"({"eventNotifications":[{"realmId":"999"}]})";
  const auto result = read_webhook(headers, tampered, kToken);
  ASSERT_TRUE(std::holds_alternative<WebhookRefusal>(result));
  const auto& refusal = std::get<WebhookRefusal>(result);
  EXPECT_EQ(refusal.code, "invalid_signature");
  EXPECT_EQ(refusal.path, "/headers/intuit-signature");
  EXPECT_NE(refusal.message.find("intuit-signature"), std::string::npos);
  EXPECT_EQ(refusal.message.find(kToken), std::string::npos);
  // Signed with another token.
  headers["intuit-signature"] = qbo::compute_webhook_signature(body, "another-token");
  EXPECT_EQ(std::get<WebhookRefusal>(read_webhook(headers, body, kToken)).code,
            "invalid_signature");
}

TEST(WebhookNotification, TheBodyIsNotReadBeforeTheSignatureIsChecked) {
  // Not JSON at all: with a bad signature the answer is about the signature, not the body.
  const auto refused = read_webhook(json::object{{"intuit-signature", "AAAA"}}, "{{{", kToken);
  EXPECT_EQ(std::get<WebhookRefusal>(refused).code, "invalid_signature");
  const auto malformed = read_webhook(signed_headers("{{{"), "{{{", kToken);
  EXPECT_EQ(std::get<WebhookRefusal>(malformed).code, "malformed_body");
}

TEST(WebhookNotification, MissingSignatureOrTokenIsRefused) {
  const std::string body = R"({"eventNotifications":[{"realmId":"111"}]})";
  EXPECT_EQ(std::get<WebhookRefusal>(read_webhook(json::object{}, body, kToken)).code,
            "missing_signature");
  EXPECT_EQ(std::get<WebhookRefusal>(read_webhook(signed_headers(body), body, "")).code,
            "not_configured");
  const std::string no_realm = R"({"eventNotifications":[]})";
  EXPECT_EQ(std::get<WebhookRefusal>(read_webhook(signed_headers(no_realm), no_realm, kToken)).code,
            "malformed_body");
}

}  // namespace
}  // namespace qbo_sync::inbound
