// A tripwire on the ABI header: any edit to plugin_api.h fails this test until the recorded hash
// is updated, which is the moment to check the change against the compatibility policy
// (docs/abi.md) and raise QBO_SYNC_ABI_MINOR or QBO_SYNC_ABI_MAJOR.

#include <gtest/gtest.h>

#include <array>
#include <sstream>

#include "abi_test_paths.h"
#include "abi_test_support.h"
#include "crypto/digest.h"

namespace qbo_sync::abi_test {
namespace {

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
  EXPECT_EQ(crypto::hex(crypto::sha256(header)), recorded_hash())
      << "plugin_api.h changed. Check the change against the compatibility policy in docs/abi.md "
         "(append-only: raise QBO_SYNC_ABI_MINOR; anything released changed: raise "
         "QBO_SYNC_ABI_MAJOR), update the layout asserts, then record the new hash in "
      << kHeaderHashFile;
}

TEST(PluginApiHeaderHashTest, TheHashIsSensitiveToASingleByte) {
  std::string header = read_file(kPluginApiHeader);
  ASSERT_FALSE(header.empty());
  header.back() = header.back() == ' ' ? '\t' : ' ';
  EXPECT_NE(crypto::hex(crypto::sha256(header)), recorded_hash());
}

}  // namespace
}  // namespace qbo_sync::abi_test
