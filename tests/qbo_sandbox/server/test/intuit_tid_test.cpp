#include "intuit_tid.h"

#include <regex>
#include <set>

#include <gtest/gtest.h>

namespace qbo_sandbox {
namespace {

TEST(IntuitTid, HasQbosFormatWithTheEpochSecondsInHex) {
  // 0x5f733c38 = 1601387576 s, as in recorded/error/400.yml "1-5f733c38-6312b3f50596e47933ee0781".
  const auto at = std::chrono::system_clock::time_point(std::chrono::seconds(1601387576));
  const std::string tid = make_intuit_tid(at);
  EXPECT_TRUE(std::regex_match(tid, std::regex("1-5f733c38-[0-9a-f]{24}"))) << tid;
}

TEST(IntuitTid, IsUniquePerCall) {
  std::set<std::string> seen;
  const auto now = std::chrono::system_clock::now();
  for (int i = 0; i < 1000; ++i) {
    seen.insert(make_intuit_tid(now));
  }
  EXPECT_EQ(seen.size(), 1000u);
}

}  // namespace
}  // namespace qbo_sandbox
