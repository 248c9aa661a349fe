#include "events/json_pointer.h"

#include <gtest/gtest.h>

namespace qbo_sync::events {
namespace {

TEST(JsonPointer, EscapesTildeBeforeSlashAsRfc6901Requires) {
  // "~1" literally must not be read back as "/": the tilde is escaped first.
  for (const auto& [token, escaped] : {std::pair{"plain", "plain"},
                                       {"a/b", "a~1b"},
                                       {"a~b", "a~0b"},
                                       {"~1", "~01"},
                                       {"/~/", "~1~0~1"},
                                       {"", ""}}) {
    EXPECT_EQ(escape_pointer_token(token), escaped) << token;
  }
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
