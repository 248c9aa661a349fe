#include "crypto/random_id.h"

#include <regex>
#include <set>

#include <gtest/gtest.h>

#include "crypto/base64.h"

namespace qbo_sync::crypto {
namespace {

TEST(RandomIdTest, UuidsAreVersion4LowerCaseAndDistinct) {
  const std::regex shape("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const std::string id = random_uuid();
    EXPECT_TRUE(std::regex_match(id, shape)) << id;
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 200u);
}

TEST(RandomIdTest, TokensAreUnpaddedBase64UrlOfTheBytesAsked) {
  const std::string token = random_token(32);
  EXPECT_EQ(token.size(), 43u);
  EXPECT_EQ(
      token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
      std::string::npos);
  const auto bytes = base64url_decode(token);
  ASSERT_TRUE(bytes);
  EXPECT_EQ(bytes->size(), 32u);
  EXPECT_NE(random_token(32), token);
}

TEST(RandomIdTest, RandomBytesHaveTheLengthAsked) {
  EXPECT_EQ(random_bytes(0).size(), 0u);
  EXPECT_EQ(random_bytes(12).size(), 12u);
  EXPECT_NE(random_bytes(16), random_bytes(16));
}

}  // namespace
}  // namespace qbo_sync::crypto
