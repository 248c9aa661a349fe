#include "qbo_client/entity_refs.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <boost/json.hpp>
#include <filesystem>
#include <string>

namespace qbo_sync::qbo {
namespace {

namespace json = boost::json;

// The answer body of one interaction of a recorded QBO cassette.
json::value recorded_body(const std::string& cassette, std::size_t interaction) {
  const auto path = std::filesystem::path(QBO_RECORDED_DIR) / cassette;
  const YAML::Node recorded = YAML::LoadFile(path.string());
  return json::parse(
      recorded["http_interactions"][interaction]["response"]["body"]["string"].as<std::string>());
}

TEST(EntityRefsTest, ReadsARecordedInvoiceBeforeAndAfterItsVoid) {
  const Entity open = entity_of(recorded_body("void/invoice.yml", 0), "Invoice");
  EXPECT_EQ(open.id, "264");
  EXPECT_EQ(open.sync_token, "0");
  EXPECT_FALSE(open.customer_ref.value.empty());
  EXPECT_FALSE(open.customer_ref.name.empty());
  EXPECT_EQ(open.total_minor(2), 10000);
  EXPECT_EQ(open.balance_minor(2), 10000);
  EXPECT_TRUE(open.linked_txn.empty());
  EXPECT_EQ(open.json.at("Id"), "264");

  const Entity voided = entity_of(recorded_body("void/invoice.yml", 1), "Invoice");
  EXPECT_EQ(voided.id, "264");
  EXPECT_EQ(voided.sync_token, "1");
  EXPECT_EQ(voided.private_note, "Voided");
  EXPECT_EQ(voided.customer_ref.value, open.customer_ref.value);
  EXPECT_EQ(voided.total_minor(2), 0);
  EXPECT_EQ(voided.balance_minor(2), 0);
}

TEST(EntityRefsTest, ReadsTheRowsOfARecordedSalesReceiptQueryWithTheirLinkedTransactions) {
  const json::value body = recorded_body("all/sales_receipts.yml", 0);
  const json::value& response = body.at("QueryResponse");
  const std::vector<Entity> rows = entity_rows(response, "SalesReceipt");
  ASSERT_EQ(rows.size(), query_rows(response, "SalesReceipt").size());
  ASSERT_FALSE(rows.empty());
  int deposited = 0;
  for (const Entity& receipt : rows) {
    EXPECT_FALSE(receipt.id.empty());
    EXPECT_FALSE(receipt.sync_token.empty());
    EXPECT_TRUE(receipt.total_amt.has_value()) << receipt.id;
    // What is read is what QBO takes back on an update.
    const json::value* linked = receipt.json.if_contains("LinkedTxn");
    EXPECT_EQ(receipt.linked_txn_json(), linked ? linked->as_array() : json::array()) << receipt.id;
    for (const LinkedTxn& txn : receipt.linked_txn) {
      if (txn.txn_type == "Deposit" && txn.txn_id == "62") ++deposited;
    }
  }
  EXPECT_GE(deposited, 1);
  ASSERT_TRUE(first_row(response, "SalesReceipt").has_value());
  EXPECT_EQ(first_row(response, "SalesReceipt")->id, rows.front().id);
  EXPECT_FALSE(first_row(response, "Invoice").has_value());
}

TEST(EntityRefsTest, ReadsTheTotalCountOfACountAnswerAndZeroWithoutOne) {
  EXPECT_EQ(query_total_count(json::parse(R"({"totalCount":42})")), 42);
  EXPECT_EQ(query_total_count(json::parse(R"({"totalCount":"42"})")), 0);
  EXPECT_EQ(query_total_count(json::parse(R"({})")), 0);
  EXPECT_EQ(query_total_count(json::value(nullptr)), 0);
}

TEST(EntityRefsTest, AbsentOrUnreadableFieldsReadAsEmptyAndAbsentActiveAsActive) {
  const Entity nothing = Entity::from_json(json::value("not an entity"));
  EXPECT_TRUE(nothing.id.empty());
  EXPECT_TRUE(nothing.active);
  EXPECT_EQ(nothing.total_minor(2), 0);

  const Entity item = entity_of(json::parse(R"({"Item":{"Id":"7","Name":"Yoga mat","Type":"Service",
      "Active":false,"SyncToken":"3"}})"),
                                "Item");
  EXPECT_EQ(item.id, "7");
  EXPECT_EQ(item.name, "Yoga mat");
  EXPECT_EQ(item.type, "Service");
  EXPECT_FALSE(item.active);
  EXPECT_EQ(item.sync_token, "3");

  // Unwrapped, with amounts as text and one that is no amount.
  const Entity customer = entity_of(json::parse(R"({"Id":"12","DisplayName":"Zoë Pair",
      "PrimaryEmailAddr":{"Address":"zoe@example.ca"},"Balance":"12.50","TotalAmt":"twelve"})"),
                                    "Customer");
  EXPECT_EQ(customer.id, "12");
  EXPECT_EQ(customer.display_name, "Zoë Pair");
  EXPECT_EQ(customer.primary_email, "zoe@example.ca");
  EXPECT_EQ(customer.balance_minor(2), 1250);
  EXPECT_EQ(customer.total_minor(2), 0);
  EXPECT_FALSE(customer.total_amt.has_value());
}

TEST(EntityRefsTest, AnAmountWithMoreDecimalsThanTheCurrencyReadsAsZero) {
  const Entity receipt = Entity::from_json(json::parse(R"({"TotalAmt":10.005,"Balance":3})"));
  EXPECT_EQ(receipt.total_minor(2), 0);
  EXPECT_EQ(receipt.total_minor(3), 10005);
  EXPECT_EQ(receipt.balance_minor(2), 300);
}

}  // namespace
}  // namespace qbo_sync::qbo
