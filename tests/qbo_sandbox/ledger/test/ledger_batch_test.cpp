// POST batch: per-item results and faults, bId, the item limit.
#include "ledger_fixture.h"

namespace qbo_sandbox::testing {
namespace {

namespace json = boost::json;

TEST_F(LedgerTest, BatchAnswersEachItemWithItsBidAndItsOwnFault) {
  const auto receipt = post("salesreceipt", {{"Line", json::array{sales_line(10, "5")}}});
  ASSERT_EQ(receipt.status, 200) << last_text;
  const std::string receipt_id(receipt.body.at("SalesReceipt").at("Id").as_string());
  ASSERT_EQ(post("salesreceipt",
                 {{"Id", receipt_id}, {"SyncToken", "0"}, {"sparse", true}, {"PrivateNote", "x"}})
                .status,
            200);

  json::array items{
      {{"bId", "bid1"},
       {"operation", "create"},
       {"Vendor", {{"DisplayName", "Boraski Family Store"}}}},
      {{"bId", "bid2"}, {"operation", "delete"}, {"Invoice", {{"Id", "129"}, {"SyncToken", "0"}}}},
      {{"bId", "bid3"},
       {"operation", "update"},
       {"SalesReceipt",
        {{"sparse", true},
         {"Id", receipt_id},
         {"SyncToken", "0"},
         {"PrivateNote", "A private note."}}}},
      {{"bId", "bid4"}, {"Query", "select * from SalesReceipt where TotalAmt > '5.00'"}},
      {{"bId", "bid5"},
       {"operation", "update"},
       {"optionsData", "void"},
       {"SalesReceipt", {{"Id", receipt_id}, {"SyncToken", "1"}}}},
  };
  const auto answer = post("batch", {{"BatchItemRequest", items}});
  ASSERT_EQ(answer.status, 200) << last_text;
  const auto& responses = answer.body.at("BatchItemResponse").as_array();
  ASSERT_EQ(responses.size(), 5u);
  EXPECT_EQ(responses[0].at("bId"), "bid1");
  EXPECT_EQ(responses[0].at("Vendor").at("DisplayName"), "Boraski Family Store");
  EXPECT_EQ(responses[1].at("bId"), "bid2");
  EXPECT_EQ(responses[1].at("Fault").at("Error").at(0).at("code"), "610");
  EXPECT_EQ(responses[1].at("Fault").at("Error").at(0).at("element"), "");
  EXPECT_EQ(responses[2].at("Fault").at("Error").at(0).at("code"), "5010");
  EXPECT_EQ(responses[3].at("QueryResponse").at("SalesReceipt").as_array().size(), 1u);
  EXPECT_EQ(responses[4].at("SalesReceipt").at("PrivateNote"), "Voided - x");

  // The item that succeeded is kept although others failed.
  EXPECT_EQ(query("SELECT COUNT(*) FROM Vendor").body.at("QueryResponse").at("totalCount"), 1);
}

TEST_F(LedgerTest, BatchRefusesMoreItemsThanTheLimit) {
  json::array items;
  for (int i = 0; i < 31; ++i) {
    items.push_back(json::object{{"bId", std::to_string(i)}, {"Query", "select * from Customer"}});
  }
  const auto answer = post("batch", {{"BatchItemRequest", items}});
  EXPECT_EQ(answer.status, 400);
  EXPECT_FALSE(fault_code(answer).empty());
  items.pop_back();
  EXPECT_EQ(post("batch", {{"BatchItemRequest", items}}).status, 200);
  ledger.set_batch_limit(10);
  EXPECT_EQ(post("batch", {{"BatchItemRequest", items}}).status, 400);
  EXPECT_EQ(fault_code(post("batch", {{"Nothing", 1}})), "2020");
}

}  // namespace
}  // namespace qbo_sandbox::testing
