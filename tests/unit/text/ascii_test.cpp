#include "text/ascii.h"

#include <gtest/gtest.h>

namespace qbo_sync::text {
namespace {

TEST(AsciiTest, TrimRemovesSurroundingWhitespaceOnly) {
  EXPECT_EQ(trim(" \t value with spaces \r\n"), "value with spaces");
  EXPECT_EQ(trim("   "), "");
  EXPECT_EQ(trim(""), "");
  EXPECT_EQ(trim("\xC2\xA0x"), "\xC2\xA0x");  // a no-break space is not ASCII whitespace
}

TEST(AsciiTest, TrimTakesTheCharactersToRemove) {
  EXPECT_EQ(trim("\t x \n", " \t"), "x \n");
  EXPECT_EQ(trim("--x--", "-"), "x");
}

TEST(AsciiTest, LowerCasesAsciiLettersAndNothingElse) {
  EXPECT_EQ(ascii_lower("Content-Type"), "content-type");
  EXPECT_EQ(ascii_lower("SalesReceipt"), "salesreceipt");
  EXPECT_EQ(ascii_lower("ÉCOLE"), "École");  // É is left to case folding
}

TEST(AsciiTest, ComparesAndSearchesWithoutRegardToAsciiCase) {
  EXPECT_TRUE(equal_ascii_nocase("Intuit-Signature", "intuit-signature"));
  EXPECT_FALSE(equal_ascii_nocase("intuit-signature", "intuit-signatures"));
  EXPECT_FALSE(equal_ascii_nocase("É", "é"));  // not ASCII: left to case folding
  EXPECT_TRUE(contains_ascii_nocase("message: THROTTLEEXCEEDED", "ThrottleExceeded"));
  EXPECT_FALSE(contains_ascii_nocase("message", "ThrottleExceeded"));
}

}  // namespace
}  // namespace qbo_sync::text
