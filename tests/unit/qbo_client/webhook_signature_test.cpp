#include "qbo_client/webhook_signature.h"

#include <gtest/gtest.h>

namespace qbo_sync::qbo {
namespace {

// The .NET SDK's test vector (research notes §7).
constexpr std::string_view kVerifier = "00faeec4-08d0-4996-bb37-698ae19f0149";
constexpr std::string_view kBody =
    R"({"eventNotifications":[{"realmId":"1269959970","dataChangeEvent":{"entities":[{"name":"Vendor","id":"40","operation":"Update","lastUpdated":"2016-10-05T03:09:04.000Z"},{"name":"Customer","id":"43","operation":"Create","lastUpdated":"2016-10-05T03:07:04.000Z"}]}}]})";
constexpr std::string_view kSignature = "6q+xGyMirJupwKTh2/WBl2NcdxzxqdIbk3sneKTxLWM=";

TEST(WebhookSignatureTest, MatchesTheIntuitTestVector) {
  EXPECT_EQ(compute_webhook_signature(kBody, kVerifier), kSignature);
  EXPECT_TRUE(verify_webhook_signature(kBody, kSignature, kVerifier));
  EXPECT_TRUE(verify_webhook_signature(kBody, " 6q+xGyMirJupwKTh2/WBl2NcdxzxqdIbk3sneKTxLWM=\r\n",
                                       kVerifier));
}

TEST(WebhookSignatureTest, RejectsAlteredBodiesWrongTokensAndMalformedHeaders) {
  std::string altered(kBody);
  altered[altered.find("40")] = '5';
  EXPECT_FALSE(verify_webhook_signature(altered, kSignature, kVerifier));
  EXPECT_FALSE(verify_webhook_signature(kBody, kSignature, "another-verifier"));
  EXPECT_FALSE(verify_webhook_signature(kBody, kSignature, ""));
  EXPECT_FALSE(verify_webhook_signature(kBody, "", kVerifier));
  EXPECT_FALSE(
      verify_webhook_signature(kBody, "6q+xGyMirJupwKTh2/WBl2NcdxzxqdIbk3sneKTxLWM", kVerifier));
  EXPECT_FALSE(
      verify_webhook_signature(kBody, "!!!xGyMirJupwKTh2/WBl2NcdxzxqdIbk3sneKTxLWM=", kVerifier));
  std::string flipped(kSignature);
  flipped[5] = flipped[5] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(verify_webhook_signature(kBody, flipped, kVerifier));
}

}  // namespace
}  // namespace qbo_sync::qbo
