#include "text/case_folding.h"

#include <gtest/gtest.h>

namespace qbo_sync::text {
namespace {

TEST(CaseFoldingTest, AsciiIsLowerCased) {
  EXPECT_EQ(fold_case("Ann@Example.COM"), "ann@example.com");
}

TEST(CaseFoldingTest, AccentedCapitalsFoldToTheirSmallLetters) {
  EXPECT_EQ(fold_case("JOSÉ@CAFÉ.TEST"), "josé@café.test");
  EXPECT_TRUE(same_folded("Zoë.Øst@example.com", "ZOË.ØST@EXAMPLE.COM"));
}

TEST(CaseFoldingTest, FullFoldingExpandsSharpS) {
  EXPECT_TRUE(same_folded("straße@example.de", "STRASSE@example.de"));
}

TEST(CaseFoldingTest, GreekAndCyrillicFold) {
  EXPECT_TRUE(same_folded("ΣΟΦΊΑ", "σοφία"));
  EXPECT_TRUE(same_folded("ИВАН@пример.рф", "иван@ПРИМЕР.РФ"));
}

TEST(CaseFoldingTest, ComposedAndDecomposedAccentsAreTheSame) {
  EXPECT_TRUE(same_folded("Jos\xC3\xA9", "JOSE\xCC\x81"));  // é precomposed; E + combining acute
}

TEST(CaseFoldingTest, DifferentLettersStayDifferent) {
  EXPECT_FALSE(same_folded("josé@x.test", "jose@x.test"));
  EXPECT_FALSE(same_folded("ann@x.test", "anne@x.test"));
}

TEST(CaseFoldingTest, InvalidUtf8FoldsItsAsciiLettersOnly) {
  EXPECT_EQ(fold_case("AB\xFF\xFE"), "ab\xFF\xFE");
}

TEST(CaseFoldingTest, AsciiDetection) {
  EXPECT_TRUE(is_ascii("ann@x.test"));
  EXPECT_FALSE(is_ascii("josé@x.test"));
}

}  // namespace
}  // namespace qbo_sync::text
