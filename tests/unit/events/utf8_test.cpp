#include "events/utf8.h"

#include <string>

#include <gtest/gtest.h>

namespace qbo_sync::events {
namespace {

TEST(Utf8, AcceptsWellFormedText) {
  EXPECT_EQ(first_invalid_utf8(""), std::nullopt);
  EXPECT_EQ(first_invalid_utf8("plain ASCII that is longer than eight bytes"), std::nullopt);
  EXPECT_EQ(first_invalid_utf8("Émilie Tremblay-Roy, Montréal"), std::nullopt);
  EXPECT_EQ(first_invalid_utf8("€ 中文 \xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF"), std::nullopt);
}

TEST(Utf8, FindsTheFirstBadByte) {
  EXPECT_EQ(first_invalid_utf8("abc\xFF"), 3u);
  EXPECT_EQ(first_invalid_utf8("0123456789\x80"),
            10u);                                 // stray continuation byte after the fast path
  EXPECT_EQ(first_invalid_utf8("\xC3"), 0u);      // truncated sequence
  EXPECT_EQ(first_invalid_utf8("ab\xC3(x"), 2u);  // bad continuation
}

TEST(Utf8, RefusesOverlongSurrogatesAndBeyondUnicode) {
  EXPECT_EQ(first_invalid_utf8("\xC0\xAF"), 0u);          // overlong '/'
  EXPECT_EQ(first_invalid_utf8("\xE0\x80\xAF"), 0u);      // overlong, three bytes
  EXPECT_EQ(first_invalid_utf8("\xED\xA0\x80"), 0u);      // U+D800, a surrogate
  EXPECT_EQ(first_invalid_utf8("\xF4\x90\x80\x80"), 0u);  // U+110000
  EXPECT_EQ(first_invalid_utf8("\xF5\x80\x80\x80"), 0u);
}

TEST(Utf8Prefix, KeepsWholeCharactersOnly) {
  const std::string text = "a\xC3\xA9\xF0\x9F\x99\x82z";  // a é 🙂 z
  EXPECT_EQ(utf8_prefix(text, 100), text);
  EXPECT_EQ(utf8_prefix(text, 1), "a");
  EXPECT_EQ(utf8_prefix(text, 2), "a");  // é would be cut in two
  EXPECT_EQ(utf8_prefix(text, 3), "a\xC3\xA9");
  EXPECT_EQ(utf8_prefix(text, 4), "a\xC3\xA9");
  EXPECT_EQ(utf8_prefix(text, 6), "a\xC3\xA9");
  EXPECT_EQ(utf8_prefix(text, 7), "a\xC3\xA9\xF0\x9F\x99\x82");
  for (std::size_t size = 0; size <= text.size(); ++size) {
    EXPECT_FALSE(first_invalid_utf8(utf8_prefix(text, size)).has_value()) << size;
  }
}

}  // namespace
}  // namespace qbo_sync::events
