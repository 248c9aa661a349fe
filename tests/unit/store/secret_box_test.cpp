#include "store/secret_box.h"

#include <gtest/gtest.h>

namespace qbo_sync::store {
namespace {

std::array<uint8_t, 32> key_of(uint8_t fill) {
  std::array<uint8_t, 32> key{};
  key.fill(fill);
  return key;
}

TEST(SecretBox, OpensWhatItSealed) {
  SecretBox box(key_of(7));
  const std::string secret = R"({"refresh_token":"RT1-109-H0-secret"})";
  const auto sealed = box.seal(secret, "acct-1");
  EXPECT_EQ(sealed.find("RT1-109"), std::string::npos);
  EXPECT_EQ(sealed.size(), secret.size() + 28);
  EXPECT_EQ(box.open(sealed, "acct-1"), secret);
}

TEST(SecretBox, SealsTheSameSecretDifferentlyEachTime) {
  SecretBox box(key_of(7));
  EXPECT_NE(box.seal("same", "acct-1"), box.seal("same", "acct-1"));
}

TEST(SecretBox, RefusesAnotherKeyAnotherAccountOrAnAlteredBox) {
  SecretBox box(key_of(7));
  auto sealed = box.seal("secret", "acct-1");
  EXPECT_FALSE(SecretBox(key_of(8)).open(sealed, "acct-1").has_value());
  EXPECT_FALSE(box.open(sealed, "acct-2").has_value());
  sealed[13] = static_cast<char>(sealed[13] ^ 1);
  EXPECT_FALSE(box.open(sealed, "acct-1").has_value());
  EXPECT_FALSE(box.open("short", "acct-1").has_value());
}

}  // namespace
}  // namespace qbo_sync::store
