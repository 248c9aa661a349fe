#include "events/duplicate_keys.h"

#include <string>

#include <gtest/gtest.h>

namespace qbo_sync::events {
namespace {

TEST(DuplicateKeys, FindsTheSecondOccurrenceAndWhereItIs) {
  EXPECT_EQ(scan_json(R"({"a":1,"a":2})", 32).duplicate_key_pointer, "/a");
  EXPECT_EQ(scan_json(R"({"p":{"lines":[{"x":1},{"q":"1","q":"2"}]}})", 32).duplicate_key_pointer,
            "/p/lines/1/q");
  EXPECT_EQ(scan_json(R"({"a/b":{"k":[1,{}],"k":0}})", 32).duplicate_key_pointer, "/a~1b/k");
  // Escapes are compared decoded: "\u0061" is "a".
  EXPECT_EQ(scan_json(R"({"a":1,"\u0061":2})", 32).duplicate_key_pointer, "/a");
}

TEST(DuplicateKeys, EqualKeysInDifferentObjectsAreFine) {
  const JsonScan scan = scan_json(R"({"a":{"a":1},"b":[{"a":1},{"a":2}],"c":"a"})", 32);
  EXPECT_TRUE(scan.syntax_ok);
  EXPECT_EQ(scan.duplicate_key_pointer, std::nullopt);
}

TEST(DuplicateKeys, ManyKeysStillFindTheDuplicate) {
  std::string json = "{";
  for (int i = 0; i < 5000; ++i) {
    json += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  }
  json += "\"k4321\":0}";
  EXPECT_EQ(scan_json(json, 32).duplicate_key_pointer, "/k4321");
}

TEST(DuplicateKeys, ReportsSyntaxErrorsAndDepth) {
  EXPECT_FALSE(scan_json(R"({"a":1,})", 32).syntax_ok);
  EXPECT_FALSE(scan_json("{} {}", 32).syntax_ok);
  EXPECT_FALSE(scan_json("", 32).syntax_ok);
  EXPECT_TRUE(scan_json("[[[1]]]", 3).syntax_ok);
  const JsonScan deep = scan_json("[[[[1]]]]", 3);
  EXPECT_FALSE(deep.syntax_ok);
  EXPECT_NE(deep.syntax_error.find("near byte"), std::string::npos);
}

}  // namespace
}  // namespace qbo_sync::events
