#include "tax/name_folding.h"

#include <gtest/gtest.h>

namespace qbo_sync::tax {
namespace {

TEST(FoldedName, FoldsCaseBeyondAscii) {
  EXPECT_TRUE(same_name("TVQ QUÉBEC", "tvq québec"));
  EXPECT_TRUE(same_name("Straße", "STRASSE"));
  EXPECT_TRUE(same_name("ΣΦΠΑ", "σφπα"));
  EXPECT_FALSE(same_name("GST", "HST"));
}

TEST(FoldedName, ComposesAccentsAndTrimsBlanks) {
  // "é" as one code point and as "e" + combining acute accent.
  EXPECT_TRUE(same_name("Exonér\xC3\xA9", "Exon\xC3\xA9re\xCC\x81"));
  EXPECT_EQ(folded_name("  HST ON \t"), "hst on");
}

TEST(FoldedName, TextThatIsNotUtf8IsFoldedAsAscii) {
  EXPECT_EQ(folded_name("GST \xFF"), "gst \xFF");
}

}  // namespace
}  // namespace qbo_sync::tax
