#include "ledger/money.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace qbo_sandbox {
namespace {

std::optional<std::int64_t> cents_of(const char* json_text) {
  return to_cents(boost::json::parse(json_text));
}

// Each JSON text reads as the cents beside it.
void expect_cents(std::initializer_list<std::pair<const char*, std::int64_t>> cases) {
  for (const auto& [json, cents] : cases) {
    EXPECT_EQ(cents_of(json), cents) << json;
  }
}

TEST(Money, ReadsJsonNumbersAndTextAsExactCents) {
  expect_cents({{"100", 10000},
                {"337.50", 33750},
                {"0.1", 10},
                {"72.95", 7295},
                {"\"300.00\"", 30000},
                {"-0.05", -5},
                {"1E2", 10000},
                {"1.234E1", 1234}});
}

TEST(Money, RoundsHalfAwayFromZeroToTheCent) {
  expect_cents({{"1861.075", 186108}, {"1861.074", 186107}, {"-0.005", -1}});
}

TEST(Money, RefusesWhatIsNotAnAmount) {
  for (const char* json : {"\"abc\"", "true", "\"1.2.3\"", "\"\""}) {
    EXPECT_EQ(cents_of(json), std::nullopt) << json;
  }
}

TEST(Money, WritesCentsBack) {
  EXPECT_EQ(cents_to_text(7295), "72.95");
  EXPECT_EQ(cents_to_text(-5), "-0.05");
  EXPECT_EQ(cents_to_text(100), "1.00");
  EXPECT_TRUE(cents_to_json(11300).is_int64());
  EXPECT_EQ(cents_to_json(11300).as_int64(), 113);
  EXPECT_EQ(to_cents(cents_to_json(1005)), 1005);
}

}  // namespace
}  // namespace qbo_sandbox
