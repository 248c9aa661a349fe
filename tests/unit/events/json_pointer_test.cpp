#include "events/json_pointer.h"

#include <gtest/gtest.h>

namespace qbo_sync::events {
namespace {

TEST(JsonPointer, EscapesTildeBeforeSlashAsRfc6901Requires) {
  EXPECT_EQ(escape_pointer_token("plain"), "plain");
  EXPECT_EQ(escape_pointer_token("a/b"), "a~1b");
  EXPECT_EQ(escape_pointer_token("a~b"), "a~0b");
  // "~1" literally must not be read back as "/": the tilde is escaped first.
  EXPECT_EQ(escape_pointer_token("~1"), "~01");
  EXPECT_EQ(escape_pointer_token("/~/"), "~1~0~1");
  EXPECT_EQ(escape_pointer_token(""), "");
}

TEST(JsonPointer, BuildsPathsAndReadableFieldNames) {
  const JsonPointer root;
  EXPECT_EQ(root.text(), "");
  EXPECT_EQ(root.field_name(), "the payload");
  const JsonPointer quantity = root.key("payment").key("lines").index(12).key("quantity");
  EXPECT_EQ(quantity.text(), "/payment/lines/12/quantity");
  EXPECT_EQ(quantity.field_name(), "payment.lines[12].quantity");
  EXPECT_EQ(root.key("metadata").key("utm/source~x").text(), "/metadata/utm~1source~0x");
  EXPECT_EQ(root.key("").text(), "/");
}

}  // namespace
}  // namespace qbo_sync::events
