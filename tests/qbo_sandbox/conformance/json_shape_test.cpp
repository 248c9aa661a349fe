#include "json_shape.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace qbo_sandbox::conformance {
namespace {

std::vector<std::string> differences(const char* expected, const char* actual) {
  return compare_shapes(shape_of(boost::json::parse(expected)),
                        shape_of(boost::json::parse(actual)), {"Ignored"});
}

TEST(JsonShape, SameKeysAndKindsMatchWhateverTheValues) {
  EXPECT_TRUE(differences(R"({"a":1.5,"b":"x","c":[{"d":true}]})",
                          R"({"b":"y","a":7,"c":[{"d":false},{"d":true}]})")
                  .empty());
  EXPECT_TRUE(differences(R"({"c":[]})", R"({"c":[{"d":1}]})").empty());
}

TEST(JsonShape, ReportsMissingUnexpectedAndKindChangesWithTheirPath) {
  EXPECT_EQ(differences(R"({"a":{"b":1}})", R"({"a":{}})"),
            (std::vector<std::string>{"$.a.b: missing"}));
  EXPECT_EQ(differences(R"({"a":1})", R"({"a":1,"z":2})"),
            (std::vector<std::string>{"$.z: unexpected"}));
  EXPECT_EQ(differences(R"({"a":"1"})", R"({"a":1})"),
            (std::vector<std::string>{"$.a: string vs number"}));
  EXPECT_EQ(differences(R"({"l":[{"x":1},{"y":2}]})", R"({"l":[{"x":1}]})"),
            (std::vector<std::string>{"$.l[].y: missing"}));
}

TEST(JsonShape, SkipsIgnoredKeysAnywhere) {
  EXPECT_TRUE(differences(R"({"a":{"Ignored":[1]}})", R"({"a":{}})").empty());
}

}  // namespace
}  // namespace qbo_sandbox::conformance
