#include "query.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace qbo_sandbox::query {
namespace {

Statement parsed(std::string_view text) {
  auto result = parse(text);
  if (auto* fault = std::get_if<Fault>(&result)) {
    ADD_FAILURE() << text << " -> " << fault->code << " " << fault->detail;
    return {};
  }
  return std::get<Statement>(result);
}

Fault refused(std::string_view text) {
  auto result = parse(text);
  if (!std::holds_alternative<Fault>(result)) {
    ADD_FAILURE() << "accepted: " << text;
    return {};
  }
  return std::get<Fault>(result);
}

// A small company: customers (one inactive), and invoices.
class QueryEvaluationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    customers_ = boost::json::parse(R"json([
      {"Id":"1","DisplayName":"Amy's Bird Sanctuary","Active":true,"Balance":239.0,
       "PrimaryEmailAddr":{"Address":"Birds@Intuit.com"},
       "MetaData":{"CreateTime":"2024-01-10T09:00:00-08:00","LastUpdatedTime":"2024-03-01T10:00:00-08:00"}},
      {"Id":"2","DisplayName":"Bill's Windsurf Shop","Active":true,"Balance":85,
       "MetaData":{"CreateTime":"2024-01-11T09:00:00-08:00","LastUpdatedTime":"2024-03-01T17:30:00-08:00"}},
      {"Id":"10","DisplayName":"Cool Cars","Active":true,"Balance":0,
       "MetaData":{"CreateTime":"2024-01-12T09:00:00-08:00","LastUpdatedTime":"2024-03-02T01:00:00Z"}},
      {"Id":"5","DisplayName":"Robertson & Associates","Active":true,"Balance":0,"ParentRef":{"value":"2"},
       "MetaData":{"CreateTime":"2024-01-13T09:00:00-08:00","LastUpdatedTime":"2024-02-01T00:00:00-08:00"}},
      {"Id":"7","DisplayName":"Thrifty Meats (deleted)","Active":false,"Balance":0,
       "MetaData":{"CreateTime":"2024-01-14T09:00:00-08:00","LastUpdatedTime":"2024-02-02T00:00:00-08:00"}}
    ])json")
                     .as_array();
    invoices_ = boost::json::parse(R"json([
      {"Id":"130","DocNumber":"1037","TxnDate":"2024-02-10","CustomerRef":{"value":"1","name":"Amy's Bird Sanctuary"},"TotalAmt":362.07,"Balance":362.07},
      {"Id":"129","DocNumber":"1036","TxnDate":"2024-02-09","CustomerRef":{"value":"2"},"TotalAmt":300.00,"Balance":0},
      {"Id":"131","DocNumber":"1038","TxnDate":"2024-03-01","CustomerRef":{"value":"1"},"TotalAmt":300.5,"Balance":300.5}
    ])json")
                    .as_array();
  }

  boost::json::object run(std::string_view text) {
    const Statement statement = parsed(text);
    std::vector<const boost::json::object*> objects;
    const auto& source = statement.entity == "Invoice" ? invoices_ : customers_;
    for (const auto& value : source) {
      objects.push_back(&value.as_object());
    }
    auto result = execute(statement, objects);
    if (auto* fault = std::get_if<Fault>(&result)) {
      ADD_FAILURE() << text << " -> " << fault->detail;
      return {};
    }
    return std::get<boost::json::object>(result);
  }

  std::vector<std::string> ids(std::string_view text) {
    const boost::json::object response = run(text);
    std::vector<std::string> result;
    for (const auto& [key, value] : response) {
      if (value.is_array()) {
        for (const auto& object : value.as_array()) {
          result.emplace_back(object.as_object().at("Id").as_string());
        }
      }
    }
    return result;
  }

  boost::json::array customers_;
  boost::json::array invoices_;
};

using Ids = std::vector<std::string>;

TEST(QueryParseTest, SelectStarWithEverything) {
  const Statement statement = parsed(
      "SELECT * FROM Customer WHERE DisplayName LIKE 'A%' AND Balance > '100' "
      "ORDERBY MetaData.LastUpdatedTime DESC STARTPOSITION 11 MAXRESULTS 10");
  EXPECT_EQ(statement.entity, "Customer");
  EXPECT_FALSE(statement.count);
  ASSERT_EQ(statement.conditions.size(), 2u);
  EXPECT_EQ(statement.conditions[0].field, "DisplayName");
  EXPECT_EQ(statement.conditions[0].op, Operator::like);
  EXPECT_EQ(statement.conditions[0].values[0].text, "A%");
  EXPECT_EQ(statement.conditions[1].op, Operator::greater);
  ASSERT_EQ(statement.order_by.size(), 1u);
  EXPECT_EQ(statement.order_by[0].field, "MetaData.LastUpdatedTime");
  EXPECT_TRUE(statement.order_by[0].descending);
  EXPECT_EQ(statement.start_position, 11);
  EXPECT_EQ(statement.max_results, 10);
}

TEST(QueryParseTest, KeywordsEntityAndFieldNamesAreCaseInsensitive) {
  const Statement statement =
      parsed("select count(*) from salesreceipt where metadata.lastupdatedtime >= '2024-01-01'");
  EXPECT_EQ(statement.entity, "SalesReceipt");
  EXPECT_TRUE(statement.count);
  EXPECT_EQ(statement.conditions.at(0).field, "MetaData.LastUpdatedTime");
  EXPECT_EQ(statement.conditions.at(0).op, Operator::greater_equal);
}

TEST(QueryParseTest, DefaultsPagingAndAcceptsEitherOrder) {
  const Statement defaults = parsed("SELECT * FROM Vendor");
  EXPECT_EQ(defaults.start_position, 1);
  EXPECT_EQ(defaults.max_results, 100);
  // The recordings put MAXRESULTS before STARTPOSITION.
  const Statement recorded = parsed("SELECT * FROM Vendor MAXRESULTS 5 STARTPOSITION 6");
  EXPECT_EQ(recorded.start_position, 6);
  EXPECT_EQ(recorded.max_results, 5);
  EXPECT_EQ(parsed("SELECT * FROM Vendor MAXRESULTS 1000").max_results, 1000);
}

TEST(QueryParseTest, EscapedApostropheAndAmpersand) {
  const Statement escaped =
      parsed(R"(SELECT * FROM Customer WHERE DisplayName = 'Amy\'s Bird Sanctuary')");
  EXPECT_EQ(escaped.conditions.at(0).values.at(0).text, "Amy's Bird Sanctuary");
  const Statement ampersand =
      parsed("SELECT * FROM Vendor WHERE DisplayName = 'Robertson & Associates'");
  EXPECT_EQ(ampersand.conditions.at(0).values.at(0).text, "Robertson & Associates");
}

TEST(QueryParseTest, InListsOfStringsAndBooleans) {
  const Statement statement =
      parsed("SELECT * FROM Customer WHERE Id IN ('5', '6', '7') AND Active IN ( true, false )");
  ASSERT_EQ(statement.conditions.size(), 2u);
  EXPECT_EQ(statement.conditions[0].op, Operator::in);
  ASSERT_EQ(statement.conditions[0].values.size(), 3u);
  EXPECT_EQ(statement.conditions[0].values[2].text, "7");
  EXPECT_EQ(statement.conditions[1].values[0].kind, Literal::Kind::boolean);
  EXPECT_EQ(statement.conditions[1].values[1].text, "false");
}

TEST(QueryParseTest, OrderByTwoWordsAndSeveralFields) {
  const Statement statement = parsed("SELECT * FROM Invoice ORDER BY TxnDate DESC, DocNumber ASC");
  ASSERT_EQ(statement.order_by.size(), 2u);
  EXPECT_TRUE(statement.order_by[0].descending);
  EXPECT_EQ(statement.order_by[1].field, "DocNumber");
  EXPECT_FALSE(statement.order_by[1].descending);
}

TEST(QueryParseTest, UnknownEntityIsAnInvalidContext) {
  // Recorded: error/400.yml.
  const Fault fault = refused("SELECT * FROM Custmoer");
  EXPECT_EQ(fault.http_status, 400);
  EXPECT_EQ(fault.type, "ValidationFault");
  EXPECT_EQ(fault.code, "4001");
  EXPECT_EQ(fault.message, "Invalid query");
  EXPECT_EQ(fault.detail, "QueryValidationError: invalid context declaration: Custmoer");
}

TEST(QueryParseTest, NonFilterableFieldIsNotQueryable) {
  const Fault fault = refused("SELECT * FROM Vendor WHERE PrimaryEmailAddr = 'a@b.com'");
  EXPECT_EQ(fault.code, "4001");
  EXPECT_EQ(fault.detail, "QueryValidationError: property 'PrimaryEmailAddr' is not queryable");
  EXPECT_EQ(refused("SELECT * FROM Invoice WHERE Line = '1'").detail,
            "QueryValidationError: property 'Line' is not queryable");
  // Customer e-mail is accepted (QBO's query language allows it).
  parsed("SELECT * FROM Customer WHERE PrimaryEmailAddr = 'a@b.com'");
}

TEST(QueryParseTest, PagingBounds) {
  EXPECT_EQ(refused("SELECT * FROM Customer STARTPOSITION 0").detail,
            "QueryValidationError: value 0 is too small. Min allowed value is 1");
  EXPECT_EQ(refused("SELECT * FROM Customer MAXRESULTS 0").detail,
            "QueryValidationError: value 0 is too small. Min allowed value is 1");
  const Fault too_large = refused("SELECT * FROM Customer MAXRESULTS 1500");
  EXPECT_EQ(too_large.code, "4001");
  EXPECT_EQ(too_large.detail,
            "QueryValidationError: value 1500 is too large. Max allowed value is 1000");
}

TEST(QueryParseTest, UnescapedApostropheIsAParserError) {
  // What QBO answered node-quickbooks#56: the text after the stray quote is an identifier.
  const Fault fault = refused("select * from Vendor where DisplayName = 'Cutlery 'R Us'");
  EXPECT_EQ(fault.code, "4000");
  EXPECT_EQ(fault.message, "Error parsing query");
  EXPECT_EQ(fault.detail.rfind("QueryParserError: Encountered \" <IDENTIFIER> \"R \"\" at line 1, "
                               "column 52.\nWas expecting one of:\n",
                               0),
            0u)
      << fault.detail;
}

TEST(QueryParseTest, LexicalErrorsNameTheCharacter) {
  const Fault fault = refused("SELECT * FROM Account WHERE AccountSubType = %Inventory");
  EXPECT_EQ(fault.code, "4000");
  EXPECT_EQ(fault.detail,
            "QueryParserError: Invalid content. Lexical error at line 1, column 46.  "
            "Encountered: \"%\" (37), after : \"\"");
  const Fault unterminated = refused("SELECT * FROM Customer WHERE DisplayName = 'abc");
  EXPECT_EQ(unterminated.code, "4000");
  EXPECT_NE(unterminated.detail.find("Encountered: <EOF>"), std::string::npos);
}

TEST(QueryParseTest, EmptyAndMalformedQueries) {
  EXPECT_EQ(refused("   ").detail, "QueryParserError: The query provided was empty");
  EXPECT_EQ(refused("FROM Customer").code, "4000");
  EXPECT_EQ(refused("SELECT Id, DisplayName FROM Customer").code, "4000");  // no projections
  EXPECT_EQ(refused("SELECT * Customer").code, "4000");
  EXPECT_EQ(refused("SELECT * FROM Customer WHERE").code, "4000");
  EXPECT_EQ(refused("SELECT * FROM Customer WHERE DisplayName").code, "4000");
  EXPECT_EQ(refused("SELECT * FROM Customer WHERE DisplayName = ").code, "4000");
  EXPECT_EQ(refused("SELECT * FROM Customer WHERE Id IN ('1' '2')").code, "4000");
  EXPECT_EQ(refused("SELECT * FROM Customer WHERE DisplayName LIKE 5").code, "4000");
  EXPECT_EQ(refused("SELECT * FROM Customer MAXRESULTS ten").code, "4000");
  EXPECT_EQ(refused("SELECT * FROM Customer MAXRESULTS 5 MAXRESULTS 6").code, "4000");
  EXPECT_EQ(refused("SELECT COUNT(Id) FROM Customer").code, "4000");
  const Fault trailing = refused("SELECT * FROM Customer GROUP BY Id");
  EXPECT_EQ(
      trailing.detail.rfind(
          "QueryParserError: Encountered \" <IDENTIFIER> \"GROUP \"\" at line 1, column 24.", 0),
      0u)
      << trailing.detail;
  EXPECT_EQ(refused("SELECT * FROM Customer WHERE Id = '1' OR Id = '2'").code, "4001");
  EXPECT_EQ(refused("SELECT * FROM Customer WHERE Id != '1'").code, "4000");
}

TEST_F(QueryEvaluationTest, NameListsHideInactiveObjectsByDefault) {
  // Name lists come back ordered by name.
  EXPECT_EQ(ids("SELECT * FROM Customer"), (Ids{"1", "2", "10", "5"}));
  EXPECT_EQ(ids("SELECT * FROM Customer WHERE Active IN (true, false)"),
            (Ids{"1", "2", "10", "5", "7"}));
  EXPECT_EQ(ids("SELECT * FROM Customer WHERE Active = false"), (Ids{"7"}));
  EXPECT_EQ(run("SELECT COUNT(*) FROM Customer").at("totalCount").as_int64(), 4);
  EXPECT_EQ(
      run("SELECT COUNT(*) FROM Customer WHERE Active IN (true,false)").at("totalCount").as_int64(),
      5);
}

TEST_F(QueryEvaluationTest, ResponseShapeAndPaging) {
  const boost::json::object first = run("SELECT * FROM Customer MAXRESULTS 2 STARTPOSITION 1");
  EXPECT_EQ(first.at("startPosition").as_int64(), 1);
  EXPECT_EQ(first.at("maxResults").as_int64(), 2);
  EXPECT_EQ(first.at("Customer").as_array().size(), 2u);
  EXPECT_EQ(first.size(), 3u);
  const boost::json::object last = run("SELECT * FROM Customer MAXRESULTS 3 STARTPOSITION 4");
  EXPECT_EQ(last.at("startPosition").as_int64(), 4);
  EXPECT_EQ(last.at("maxResults").as_int64(), 1);  // what was returned, not what was asked
  // Past the end, and no match at all: an empty QueryResponse (recorded in all/alt_select.yml).
  EXPECT_TRUE(run("SELECT * FROM Customer STARTPOSITION 5").empty());
  EXPECT_TRUE(run("SELECT * FROM Customer WHERE DisplayName = 'Nobody'").empty());
  EXPECT_EQ(
      boost::json::serialize(run("SELECT COUNT(*) FROM Customer WHERE DisplayName = 'Nobody'")),
      R"({"totalCount":0})");
}

TEST_F(QueryEvaluationTest, EqualityIsCaseInsensitiveAndEscapesWork) {
  EXPECT_EQ(ids(R"(SELECT * FROM Customer WHERE DisplayName = 'Amy\'s Bird Sanctuary')"),
            (Ids{"1"}));
  EXPECT_EQ(ids(R"(SELECT * FROM Customer WHERE DisplayName = 'amy\'s bird sanctuary')"),
            (Ids{"1"}));
  EXPECT_EQ(ids("SELECT * FROM Customer WHERE DisplayName = 'Robertson & Associates'"), (Ids{"5"}));
}

TEST_F(QueryEvaluationTest, LikeWithWildcards) {
  EXPECT_EQ(ids("SELECT * FROM Customer WHERE DisplayName LIKE '%s%'"), (Ids{"1", "2", "10", "5"}));
  EXPECT_EQ(ids("SELECT * FROM Customer WHERE DisplayName LIKE 'c%'"), (Ids{"10"}));
  EXPECT_EQ(ids("SELECT * FROM Customer WHERE DisplayName LIKE '%Shop'"), (Ids{"2"}));
  EXPECT_EQ(ids("SELECT * FROM Customer WHERE DisplayName LIKE 'Cool Cars'"), (Ids{"10"}));
  EXPECT_TRUE(ids("SELECT * FROM Customer WHERE DisplayName LIKE 'Cool'").empty());
}

TEST_F(QueryEvaluationTest, IdsCompareAsNumbers) {
  EXPECT_EQ(ids("SELECT * FROM Customer WHERE Id IN ('5', '6', '7', '8', '9', '10')"),
            (Ids{"10", "5"}));
  EXPECT_EQ(ids("SELECT * FROM Customer WHERE Id > '2' ORDERBY Id"), (Ids{"5", "10"}));
  EXPECT_EQ(ids("SELECT * FROM Customer ORDERBY Id DESC"), (Ids{"10", "5", "2", "1"}));
}

TEST_F(QueryEvaluationTest, NumbersCompareExactlyQuotedOrNot) {
  EXPECT_EQ(ids("SELECT * FROM Invoice WHERE TotalAmt > '300.00'"), (Ids{"130", "131"}));
  EXPECT_EQ(ids("SELECT * FROM Invoice WHERE TotalAmt >= 300"), (Ids{"129", "130", "131"}));
  EXPECT_EQ(ids("SELECT * FROM Invoice WHERE TotalAmt = 300.5"), (Ids{"131"}));
  EXPECT_EQ(ids("SELECT * FROM Invoice WHERE Balance < '0.01'"), (Ids{"129"}));
  EXPECT_EQ(ids("SELECT * FROM Invoice WHERE TotalAmt <= 300"), (Ids{"129"}));
}

TEST_F(QueryEvaluationTest, ReferencesCompareOnTheirValue) {
  EXPECT_EQ(ids("SELECT * FROM Invoice WHERE CustomerRef = '1'"), (Ids{"130", "131"}));
  EXPECT_EQ(ids("SELECT * FROM Invoice WHERE CustomerRef IN ('2')"), (Ids{"129"}));
  EXPECT_EQ(ids("SELECT * FROM Customer WHERE ParentRef = '2'"), (Ids{"5"}));
  EXPECT_EQ(ids("SELECT * FROM Customer WHERE PrimaryEmailAddr = 'birds@intuit.com'"), (Ids{"1"}));
}

TEST_F(QueryEvaluationTest, DateTimesCompareAsInstantsAcrossOffsets) {
  // 2024-03-01T17:30:00-08:00 is 2024-03-02T01:30:00Z, after 2024-03-02T01:00:00Z.
  EXPECT_EQ(ids("SELECT * FROM Customer WHERE MetaData.LastUpdatedTime > '2024-03-02T01:00:00Z'"),
            (Ids{"2"}));
  EXPECT_EQ(
      ids("SELECT * FROM Customer WHERE MetaData.LastUpdatedTime >= '2024-03-01T18:00:00-07:00' "
          "ORDERBY MetaData.LastUpdatedTime"),
      (Ids{"10", "2"}));
  EXPECT_EQ(
      ids("SELECT * FROM Customer WHERE MetaData.LastUpdatedTime < '2024-02-15T00:00:00-08:00'"),
      (Ids{"5"}));
  // Dates compare as days.
  EXPECT_EQ(ids("SELECT * FROM Invoice WHERE TxnDate >= '2024-02-10'"), (Ids{"130", "131"}));
  EXPECT_EQ(ids("SELECT * FROM Invoice WHERE TxnDate < '2024-03-01T00:00:00-08:00'"),
            (Ids{"129", "130"}));
}

TEST_F(QueryEvaluationTest, OrderByAndAndConditions) {
  EXPECT_EQ(ids("SELECT * FROM Invoice ORDERBY TxnDate DESC"), (Ids{"131", "130", "129"}));
  EXPECT_EQ(ids("SELECT * FROM Invoice ORDERBY TotalAmt"), (Ids{"129", "131", "130"}));
  EXPECT_EQ(ids("SELECT * FROM Invoice WHERE CustomerRef = '1' AND Balance > '0' AND "
                "DocNumber = '1038'"),
            (Ids{"131"}));
  EXPECT_EQ(ids("SELECT * FROM Customer ORDERBY Balance DESC, DisplayName"),
            (Ids{"1", "2", "10", "5"}));
}

TEST_F(QueryEvaluationTest, TransactionsDefaultToIdOrder) {
  EXPECT_EQ(ids("SELECT * FROM Invoice"), (Ids{"129", "130", "131"}));
  EXPECT_EQ(ids("SELECT * FROM Invoice STARTPOSITION 2 MAXRESULTS 1"), (Ids{"130"}));
}

TEST(QueryEntitiesTest, ListsTheSandboxEntities) {
  const auto& entities = queryable_entities();
  for (const char* name : {"Customer", "Vendor", "Employee", "Item", "Invoice", "SalesReceipt",
                           "Payment", "CreditMemo", "RefundReceipt", "TaxCode", "TaxRate",
                           "Account", "CompanyInfo", "Preferences"}) {
    EXPECT_NE(std::find(entities.begin(), entities.end(), name), entities.end()) << name;
  }
}

}  // namespace
}  // namespace qbo_sandbox::query
