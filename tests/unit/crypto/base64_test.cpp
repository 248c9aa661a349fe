#include "crypto/base64.h"

#include <gtest/gtest.h>

namespace qbo_sync::crypto {
namespace {

struct Vector {
  std::string_view bytes;
  std::string_view text;
};

// RFC 4648 §10.
constexpr Vector kRfc4648[] = {{"", ""},
                               {"f", "Zg=="},
                               {"fo", "Zm8="},
                               {"foo", "Zm9v"},
                               {"foob", "Zm9vYg=="},
                               {"fooba", "Zm9vYmE="},
                               {"foobar", "Zm9vYmFy"}};

TEST(Base64Test, EncodesAndDecodesTheRfc4648Vectors) {
  for (const auto& [bytes, text] : kRfc4648) {
    EXPECT_EQ(base64_encode(bytes), text);
    EXPECT_EQ(base64_decode(text), std::string(bytes)) << text;
  }
}

TEST(Base64Test, UrlSafeFormHasNoPaddingAndItsOwnAlphabet) {
  for (const auto& [bytes, text] : kRfc4648) {
    const std::string unpadded(text.substr(0, text.find('=')));
    EXPECT_EQ(base64url_encode(bytes), unpadded);
    EXPECT_EQ(base64url_decode(unpadded), std::string(bytes)) << unpadded;
    EXPECT_EQ(base64url_decode(text), std::string(bytes)) << text;
  }
  const std::string high("\xfb\xff\xbf", 3);
  EXPECT_EQ(base64_encode(high), "+/+/");
  EXPECT_EQ(base64url_encode(high), "-_-_");
  EXPECT_EQ(base64url_decode("-_-_"), high);
  EXPECT_FALSE(base64url_decode("+/+/"));
  EXPECT_FALSE(base64_decode("-_-_"));
}

TEST(Base64Test, AllByteValuesRoundTrip) {
  std::string bytes;
  for (int value = 0; value < 256; ++value) bytes.push_back(static_cast<char>(value));
  EXPECT_EQ(base64_decode(base64_encode(bytes)), bytes);
  EXPECT_EQ(base64url_decode(base64url_encode(bytes)), bytes);
}

TEST(Base64Test, RefusesMalformedText) {
  EXPECT_FALSE(base64_decode("abc"));       // not a multiple of four
  EXPECT_FALSE(base64_decode("Zg="));       // padding cut short
  EXPECT_FALSE(base64_decode("ab!d"));      // not in the alphabet
  EXPECT_FALSE(base64_decode("Zg==Zg=="));  // padding in the middle
  EXPECT_FALSE(base64_decode("Z==="));      // one digit cannot hold a byte
  EXPECT_FALSE(base64_decode(" Zm8="));     // no spaces
  EXPECT_FALSE(base64url_decode("Zm9vY"));  // one digit left over
  EXPECT_FALSE(base64url_decode("Zm8=="));  // padded to no multiple of four
}

}  // namespace
}  // namespace qbo_sync::crypto
