#include "ledger/json_text.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace qbo_sandbox {
namespace {

TEST(JsonText, WritesDoublesAsPlainDecimals) {
  const boost::json::value value =
      boost::json::parse(R"({"a":337.50,"b":100.0,"c":0.1,"d":[12.34,-0.05],"e":7})");
  EXPECT_EQ(response_json_text(value), R"({"a":337.5,"b":100,"c":0.1,"d":[12.34,-0.05],"e":7})");
}

TEST(JsonText, EscapesStringsAndKeepsEverythingElse) {
  const boost::json::value value =
      boost::json::parse(R"({"name":"Amy's \"Bird\"\n","t":true,"n":null,"o":{},"x":[]})");
  const auto text = response_json_text(value);
  EXPECT_EQ(boost::json::parse(text), value);
  EXPECT_EQ(text, R"({"name":"Amy's \"Bird\"\n","t":true,"n":null,"o":{},"x":[]})");
}

}  // namespace
}  // namespace qbo_sandbox
