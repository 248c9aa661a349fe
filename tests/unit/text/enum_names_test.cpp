#include "text/enum_names.h"

#include <gtest/gtest.h>

namespace qbo_sync::text {
namespace {

enum class Colour { red, dark_green, void_ };
BOOST_DESCRIBE_ENUM(Colour, red, dark_green, void_)

TEST(EnumNamesTest, NamesAreTheEnumeratorsWithoutAKeywordMark) {
  EXPECT_EQ(enum_name(Colour::red), "red");
  EXPECT_EQ(enum_name(Colour::dark_green), "dark_green");
  EXPECT_EQ(enum_name(Colour::void_), "void");
  EXPECT_EQ(enum_name(static_cast<Colour>(42)), "unknown");
}

TEST(EnumNamesTest, ReadsNamesBackAndRefusesOthers) {
  EXPECT_EQ(enum_from_name<Colour>("dark_green"), Colour::dark_green);
  EXPECT_EQ(enum_from_name<Colour>("void"), Colour::void_);
  EXPECT_FALSE(enum_from_name<Colour>("void_"));
  EXPECT_FALSE(enum_from_name<Colour>("Red"));
  EXPECT_FALSE(enum_from_name<Colour>(""));
}

TEST(EnumNamesTest, ListsEveryNameInOrder) {
  EXPECT_EQ(enum_names<Colour>(), "red, dark_green, void");
  EXPECT_EQ(enum_names<Colour>("|"), "red|dark_green|void");
}

}  // namespace
}  // namespace qbo_sync::text
