#include "qbo_client/query_builder.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace qbo_sync::qbo {
namespace {

TEST(QueryBuilderTest, EscapesApostrophesLikeTheRecordedQuery) {
  const auto query = QueryBuilder::select_all("Customer")
                         .where("DisplayName", QueryOperator::equal, "Amy's Bird Sanctuary");
  EXPECT_EQ(query.str(), R"(SELECT * FROM Customer WHERE DisplayName = 'Amy\'s Bird Sanctuary')");
  // As sent in recorded/get/display_name.yml.
  EXPECT_EQ(query.url_encoded(),
            "SELECT%20*%20FROM%20Customer%20WHERE%20DisplayName%20=%20%27Amy%5C%27s%20Bird%"
            "20Sanctuary%27");
}

TEST(QueryBuilderTest, EncodesAmpersandLikeTheRecordedQuery) {
  const auto query = QueryBuilder::select_all("Vendor").where("DisplayName", QueryOperator::equal,
                                                              "Robertson & Associates");
  // As sent in recorded/misc/ampersand.yml.
  EXPECT_EQ(query.url_encoded(),
            "SELECT%20*%20FROM%20Vendor%20WHERE%20DisplayName%20=%20%27Robertson%20%26%"
            "20Associates%27");
}

TEST(QueryBuilderTest, EscapesBackslashesBeforeApostrophes) {
  EXPECT_EQ(escape_query_value(R"(a\'b)"), R"(a\\\'b)");
  EXPECT_EQ(escape_query_value("plain"), "plain");
  // An injection attempt stays inside the quoted value.
  const auto query = QueryBuilder::select_all("Customer")
                         .where("DisplayName", QueryOperator::equal, "x' OR '1'='1");
  EXPECT_EQ(query.str(), R"(SELECT * FROM Customer WHERE DisplayName = 'x\' OR \'1\'=\'1')");
}

TEST(QueryBuilderTest, InListsPagingOrderingAndCount) {
  const auto query =
      QueryBuilder::select_all("Customer")
          .where_in("Active", std::vector<bool>{true, false})
          .where_in("Id", std::vector<std::string>{"1", "2'3"})
          .where("MetaData.LastUpdatedTime", QueryOperator::greater, "2024-01-01T00:00:00-08:00")
          .order_by("Id", true)
          .start_position(101)
          .max_results(100);
  EXPECT_EQ(query.str(),
            "SELECT * FROM Customer WHERE Active IN (true, false) AND Id IN ('1', '2\\'3') AND "
            "MetaData.LastUpdatedTime > '2024-01-01T00:00:00-08:00' ORDERBY Id DESC "
            "STARTPOSITION 101 MAXRESULTS 100");
  EXPECT_EQ(QueryBuilder::count("Customer").str(), "SELECT COUNT(*) FROM Customer");
  EXPECT_EQ(QueryBuilder::select_all("Invoice")
                .where("TotalAmt", QueryOperator::greater_or_equal, std::int64_t{300})
                .str(),
            "SELECT * FROM Invoice WHERE TotalAmt >= '300'");
  EXPECT_EQ(QueryBuilder::select_all("Item").where("Active", false).str(),
            "SELECT * FROM Item WHERE Active = false");
}

TEST(QueryBuilderTest, RejectsBadNamesAndPagingWithTheFieldInTheMessage) {
  EXPECT_THROW(QueryBuilder::select_all("Customer; DROP"), std::invalid_argument);
  EXPECT_THROW(QueryBuilder::select_all(""), std::invalid_argument);
  try {
    QueryBuilder::select_all("Customer").where("Display Name", QueryOperator::equal, "x");
    FAIL() << "expected invalid_argument";
  } catch (const std::invalid_argument& error) {
    EXPECT_NE(std::string(error.what()).find("Display Name"), std::string::npos);
  }
  EXPECT_THROW(QueryBuilder::select_all("Customer").start_position(0), std::invalid_argument);
  EXPECT_THROW(QueryBuilder::select_all("Customer").max_results(1001), std::invalid_argument);
  EXPECT_THROW(QueryBuilder::select_all("Customer").where_in("Id", std::vector<std::string>{}),
               std::invalid_argument);
}

TEST(QueryBuilderTest, UrlEncodingCoversNonAscii) {
  EXPECT_EQ(url_encode_component("Café/Ü+"), "Caf%C3%A9%2F%C3%9C%2B");
}

}  // namespace
}  // namespace qbo_sync::qbo
