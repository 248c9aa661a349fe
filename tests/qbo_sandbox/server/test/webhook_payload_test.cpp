#include "webhook_payload.h"

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

namespace qbo_sandbox {
namespace {

using namespace std::chrono;

// The test vector of Intuit's .NET SDK (WebhooksServiceTest.cs).
constexpr std::string_view kVerifierToken = "00faeec4-08d0-4996-bb37-698ae19f0149";
constexpr std::string_view kVectorBody =
    R"({"eventNotifications":[{"realmId":"1269959970","dataChangeEvent":{"entities":[{"name":"Vendor","id":"40","operation":"Update","lastUpdated":"2016-10-05T03:09:04.000Z"},{"name":"Customer","id":"43","operation":"Create","lastUpdated":"2016-10-05T03:07:04.000Z"}]}}]})";
constexpr std::string_view kVectorSignature = "6q+xGyMirJupwKTh2/WBl2NcdxzxqdIbk3sneKTxLWM=";

std::vector<ChangeEvent> vector_events() {
  const auto day = sys_days{year(2016) / 10 / 5};
  return {
      ChangeEvent{"1269959970", "Vendor", "40", "Update", day + hours(3) + minutes(9) + seconds(4)},
      ChangeEvent{"1269959970", "Customer", "43", "Create",
                  day + hours(3) + minutes(7) + seconds(4)}};
}

TEST(WebhookPayload, SignatureMatchesIntuitsTestVector) {
  EXPECT_EQ(webhook_signature(kVerifierToken, kVectorBody), kVectorSignature);
}

TEST(WebhookPayload, SignatureChangesWithTheBodyOrTheToken) {
  EXPECT_NE(webhook_signature(kVerifierToken, std::string(kVectorBody) + " "), kVectorSignature);
  EXPECT_NE(webhook_signature("another-token", kVectorBody), kVectorSignature);
}

TEST(WebhookPayload, LegacyPayloadIsByteForByteTheVectorBody) {
  const std::string body = legacy_webhook_payload("1269959970", vector_events());
  EXPECT_EQ(body, kVectorBody);
  EXPECT_EQ(webhook_signature(kVerifierToken, body), kVectorSignature);
}

TEST(WebhookPayload, CloudEventsPayloadIsAnArrayOfEvents) {
  const std::string body = cloudevents_webhook_payload("intuit.app", vector_events());
  const auto events = boost::json::parse(body).as_array();
  ASSERT_EQ(events.size(), 2u);
  const auto& first = events[0].as_object();
  const auto expected = boost::json::parse(R"({"specversion": "1.0",
      "type": "qbo.vendor.updated.v1", "source": "intuit.app",
      "datacontenttype": "application/json", "time": "2016-10-05T03:09:04.000000000Z",
      "intuitentityid": "40", "intuitaccountid": "1269959970"})");
  for (const auto& [key, value] : expected.as_object()) {
    EXPECT_EQ(first.at(key), value) << key;
  }
  EXPECT_EQ(first.at("id").as_string().size(), 36u);
  EXPECT_NE(first.at("id"), events[1].as_object().at("id"));
  EXPECT_EQ(events[1].as_object().at("type"), "qbo.customer.created.v1");
}

TEST(WebhookPayload, CloudEventsTypeForEveryOperation) {
  EXPECT_EQ(cloudevents_type("Invoice", "Create"), "qbo.invoice.created.v1");
  EXPECT_EQ(cloudevents_type("Invoice", "Update"), "qbo.invoice.updated.v1");
  EXPECT_EQ(cloudevents_type("Invoice", "Delete"), "qbo.invoice.deleted.v1");
  EXPECT_EQ(cloudevents_type("Invoice", "Void"), "qbo.invoice.voided.v1");
  EXPECT_EQ(cloudevents_type("Customer", "Merge"), "qbo.customer.merged.v1");
  EXPECT_EQ(cloudevents_type("Invoice", "Emailed"), "qbo.invoice.emailed.v1");
  EXPECT_EQ(cloudevents_type("SalesReceipt", "Create"), "qbo.salesreceipt.created.v1");
}

TEST(WebhookPayload, FormatNames) {
  EXPECT_EQ(webhook_format_from_string("legacy"), WebhookFormat::legacy);
  EXPECT_EQ(webhook_format_from_string("cloudevents"), WebhookFormat::cloudevents);
  EXPECT_FALSE(webhook_format_from_string("xml").has_value());
}

}  // namespace
}  // namespace qbo_sandbox
