// A tripwire on the ABI header: any edit to plugin_api.h fails this test until the recorded hash
// is updated, which is the moment to check the change against the compatibility policy
// (docs/abi.md) and raise QBO_SYNC_ABI_MINOR or QBO_SYNC_ABI_MAJOR.
#include <openssl/evp.h>

#include <gtest/gtest.h>

#include <array>
#include <sstream>

#include "abi_test_paths.h"
#include "abi_test_support.h"

namespace qbo_sync::abi_test {
namespace {

std::string sha256_hex(const std::string& bytes) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  EXPECT_EQ(EVP_Digest(bytes.data(), bytes.size(), digest.data(), &length, EVP_sha256(), nullptr),
            1);
  std::string hex;
  static constexpr char kHex[] = "0123456789abcdef";
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 0x0f];
  }
  return hex;
}

// The first non-comment line of the .sha256 file: "<hex>  <path>".
std::string recorded_hash() {
  std::istringstream lines(read_file(kHeaderHashFile));
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty() && line.front() != '#') {
      return line.substr(0, line.find(' '));
    }
  }
  return {};
}

TEST(PluginApiHeaderHashTest, TheHeaderMatchesTheRecordedHash) {
  const std::string header = read_file(kPluginApiHeader);
  ASSERT_FALSE(header.empty()) << kPluginApiHeader;
  EXPECT_EQ(sha256_hex(header), recorded_hash())
      << "plugin_api.h changed. Check the change against the compatibility policy in docs/abi.md "
         "(append-only: raise QBO_SYNC_ABI_MINOR; anything released changed: raise "
         "QBO_SYNC_ABI_MAJOR), update the layout asserts, then record the new hash in "
      << kHeaderHashFile;
}

TEST(PluginApiHeaderHashTest, TheHashIsSensitiveToASingleByte) {
  std::string header = read_file(kPluginApiHeader);
  ASSERT_FALSE(header.empty());
  header.back() = header.back() == ' ' ? '\t' : ' ';
  EXPECT_NE(sha256_hex(header), recorded_hash());
}

}  // namespace
}  // namespace qbo_sync::abi_test
