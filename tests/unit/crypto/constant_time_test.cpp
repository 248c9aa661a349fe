#include "crypto/constant_time.h"

#include <gtest/gtest.h>

namespace qbo_sync::crypto {
namespace {

TEST(ConstantTimeTest, EqualOnlyForTheSameBytes) {
  using namespace std::string_view_literals;
  struct Pair {
    std::string_view a, b;
    bool equal;
  };
  for (const auto& [a, b, equal] :
       {Pair{"", "", true}, Pair{"secret", "secret", true}, Pair{"secret", "secreT", false},
        Pair{"secret", "secret ", false}, Pair{"secret", "", false}, Pair{"a\0b"sv, "a\0b"sv, true},
        Pair{"a\0b"sv, "a\0c"sv, false}}) {
    EXPECT_EQ(constant_time_equal(a, b), equal) << a << " / " << b;
  }
}

}  // namespace
}  // namespace qbo_sync::crypto
