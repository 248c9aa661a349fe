#include "crypto/digest.h"

#include <gtest/gtest.h>

namespace qbo_sync::crypto {
namespace {

TEST(DigestTest, Sha256OfTheFips180Vectors) {
  EXPECT_EQ(hex(sha256("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(hex(sha256("")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

struct HmacVector {
  std::string key;
  std::string data;
  std::string_view expected_hex;
};

// RFC 4231 §4.2-§4.8, HMAC-SHA-256 (test case 5 is truncated output, left out).
const HmacVector kRfc4231[] = {
    {std::string(20, '\x0b'), "Hi There",
     "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"},
    {"Jefe", "what do ya want for nothing?",
     "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
    {std::string(20, '\xaa'), std::string(50, '\xdd'),
     "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"},
    {std::string("\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13"
                 "\x14\x15\x16\x17\x18\x19",
                 25),
     std::string(50, '\xcd'), "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"},
    {std::string(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First",
     "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"},
    {std::string(131, '\xaa'),
     "This is a test using a larger than block-size key and a larger than block-size data. The "
     "key needs to be hashed before being used by the HMAC algorithm.",
     "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"},
};

TEST(DigestTest, HmacSha256OfTheRfc4231Vectors) {
  for (const auto& vector : kRfc4231) {
    EXPECT_EQ(hex(hmac_sha256(vector.key, vector.data)), vector.expected_hex) << vector.data;
  }
}

TEST(DigestTest, DigestBytesAreTheRawDigest) {
  const Sha256Digest digest = sha256("abc");
  const std::string bytes = digest_bytes(digest);
  ASSERT_EQ(bytes.size(), 32u);
  EXPECT_EQ(static_cast<unsigned char>(bytes.front()), 0xba);
  EXPECT_EQ(static_cast<unsigned char>(bytes.back()), 0xad);
}

}  // namespace
}  // namespace qbo_sync::crypto
