// Sales documents, payments, void and delete, through Ledger::handle, in a Canadian company.
#include "ledger_fixture.h"

namespace qbo_sandbox::testing {
namespace {

namespace json = boost::json;

class TransactionsTest : public OneCustomerLedgerTest {
 protected:
  TransactionsTest() : OneCustomerLedgerTest("Amy's Bird Sanctuary") {}

  json::object create_invoice(double amount) {
    auto answer = post("invoice", sale_body(amount));
    EXPECT_EQ(answer.status, 200) << last_text;
    return answer.body.at("Invoice").as_object();
  }

  static double number(const json::value& value) { return value.to_number<double>(); }
};

TEST_F(TransactionsTest, AnInvoiceGetsQboTotalsTaxAndDefaults) {
  const auto invoice = create_invoice(100.0);
  EXPECT_EQ(number(invoice.at("TotalAmt")), 113.0);
  EXPECT_EQ(number(invoice.at("Balance")), 113.0);
  EXPECT_EQ(number(invoice.at("TxnTaxDetail").at("TotalTax")), 13.0);
  EXPECT_EQ(invoice.at("DocNumber"), "1001");
  EXPECT_EQ(invoice.at("CustomerRef").at("name"), "Amy's Bird Sanctuary");
  EXPECT_EQ(invoice.at("Line").at(0).at("Id"), "1");
  EXPECT_EQ(invoice.at("Line").at(0).at("LineNum"), 1);
  EXPECT_EQ(invoice.at("Line").at(0).at("SalesItemLineDetail").at("ItemRef").at("name"),
            "Services");
  EXPECT_TRUE(invoice.at("LinkedTxn").as_array().empty());
  EXPECT_TRUE(invoice.at("DueDate").is_string());
  EXPECT_EQ(invoice.at("CurrencyRef").at("value"), "CAD");
  EXPECT_EQ(create_invoice(10.0).at("DocNumber"), "1002");
}

TEST_F(TransactionsTest, ACanadianLineWithoutATaxCodeGives6000) {
  json::object body{
      {"CustomerRef", {{"value", customer_id}}},
      {"Line", json::array{{{"Amount", 10},
                            {"DetailType", "SalesItemLineDetail"},
                            {"SalesItemLineDetail", {{"ItemRef", {{"value", "1"}}}}}}}}};
  const auto answer = post("invoice", body);
  EXPECT_EQ(answer.status, 400);
  EXPECT_EQ(fault_code(answer), "6000");
  EXPECT_EQ(query("SELECT COUNT(*) FROM Invoice").body.at("QueryResponse").at("totalCount"), 0);
}

TEST_F(TransactionsTest, AnAmountThatIsNotQtyTimesUnitPriceGives6070) {
  auto line = sales_line(1861.07, "5");
  line["SalesItemLineDetail"].as_object()["Qty"] = 128.35;
  line["SalesItemLineDetail"].as_object()["UnitPrice"] = 14.5;
  const auto answer = post("salesreceipt", {{"Line", json::array{line}}});
  EXPECT_EQ(fault_code(answer), "6070") << last_text;
}

TEST_F(TransactionsTest, RequiredFieldsAndReferencesAreChecked) {
  EXPECT_EQ(fault_code(post("invoice", {{"CustomerRef", {{"value", customer_id}}}})), "2020");
  EXPECT_EQ(fault_code(post("invoice", {{"Line", json::array{sales_line(1, "5")}}})), "2020");
  auto missing_customer = sale_body(1);
  missing_customer["CustomerRef"] = {{"value", "999"}};
  EXPECT_EQ(fault_code(post("invoice", missing_customer)), "2500");
  auto missing_item = sale_body(1);
  missing_item["Line"].as_array()[0].as_object()["SalesItemLineDetail"].as_object()["ItemRef"] = {
      {"value", "77"}};
  const auto item_answer = post("invoice", missing_item);
  EXPECT_EQ(fault_code(item_answer), "2500");
  EXPECT_EQ(item_answer.body.at("Fault").at("Error").at(0).at("element"),
            "Line.SalesItemLineDetail.ItemRef");
  auto dollars = sale_body(1);
  dollars["CurrencyRef"] = {{"value", "USD"}};
  EXPECT_EQ(fault_code(post("invoice", dollars)), "6000");
}

TEST_F(TransactionsTest, ADuplicateDocNumberIsRefusedUnlessAllowed) {
  auto body = sale_body(5);
  body["DocNumber"] = "INV-7";
  ASSERT_EQ(post("invoice", body).status, 200);
  EXPECT_EQ(fault_code(post("invoice", body)), "6140");
  EXPECT_EQ(post("invoice", body, {{"include", "allowduplicatedocnum"}}).status, 200);
  body["DocNumber"] = "0123456789012345678901";
  EXPECT_EQ(fault_code(post("invoice", body)), "2050");
}

TEST_F(TransactionsTest, ASalesReceiptDepositsToUndepositedFundsWithNoBalance) {
  const auto answer = post("salesreceipt", {{"CustomerRef", {{"value", customer_id}}},
                                            {"Line", json::array{sales_line(50, "7")}}});
  ASSERT_EQ(answer.status, 200) << last_text;
  const auto& receipt = answer.body.at("SalesReceipt").as_object();
  EXPECT_EQ(number(receipt.at("TotalAmt")), 52.5);
  EXPECT_EQ(number(receipt.at("Balance")), 0);
  EXPECT_EQ(receipt.at("DepositToAccountRef").at("name"), "Undeposited Funds");
}

TEST_F(TransactionsTest, APaymentReducesTheInvoiceBalanceAndTheCustomerBalance) {
  const auto invoice = create_invoice(100.0);  // 113.00
  const std::string invoice_id(invoice.at("Id").as_string());
  EXPECT_EQ(number(get("customer/" + customer_id).body.at("Customer").at("Balance")), 113.0);

  json::object payment{
      {"CustomerRef", {{"value", customer_id}}},
      {"TotalAmt", 50.10},
      {"Line",
       json::array{{{"Amount", 40.05},
                    {"LinkedTxn", json::array{{{"TxnId", invoice_id}, {"TxnType", "Invoice"}}}}}}}};
  const auto answer = post("payment", payment);
  ASSERT_EQ(answer.status, 200) << last_text;
  EXPECT_EQ(number(answer.body.at("Payment").at("UnappliedAmt")), 10.05);
  const std::string payment_id(answer.body.at("Payment").at("Id").as_string());

  auto paid = get("invoice/" + invoice_id).body.at("Invoice").as_object();
  EXPECT_EQ(number(paid.at("Balance")), 72.95);
  EXPECT_EQ(paid.at("LinkedTxn"), (json::array{{{"TxnId", payment_id}, {"TxnType", "Payment"}}}));
  EXPECT_EQ(paid.at("SyncToken"), "0");
  EXPECT_EQ(number(get("customer/" + customer_id).body.at("Customer").at("Balance")), 72.95);

  // More than the open balance is refused.
  payment["TotalAmt"] = 80;
  payment["Line"].as_array()[0].as_object()["Amount"] = 72.96;
  EXPECT_EQ(fault_code(post("payment", payment)), "6000");
  // An invoice with payments applied can be neither voided nor deleted.
  EXPECT_EQ(fault_code(post("invoice", {{"Id", invoice_id}, {"SyncToken", "0"}},
                            {{"operation", "delete"}})),
            "6000");

  // Voiding the payment gives the invoice its balance back.
  const auto voided =
      post("payment", {{"Id", payment_id}, {"SyncToken", "0"}}, {{"operation", "void"}});
  ASSERT_EQ(voided.status, 200) << last_text;
  EXPECT_EQ(number(voided.body.at("Payment").at("TotalAmt")), 0);
  EXPECT_EQ(number(get("invoice/" + invoice_id).body.at("Invoice").at("Balance")), 113.0);
}

TEST_F(TransactionsTest, VoidZeroesTheInvoiceAndNotesIt) {
  const auto invoice = create_invoice(100.0);
  const std::string id(invoice.at("Id").as_string());
  const auto answer = post("invoice", {{"Id", id}, {"SyncToken", "0"}}, {{"operation", "void"}});
  ASSERT_EQ(answer.status, 200) << last_text;
  const auto& voided = answer.body.at("Invoice").as_object();
  EXPECT_EQ(voided.at("SyncToken"), "1");
  EXPECT_EQ(voided.at("PrivateNote"), "Voided");
  EXPECT_EQ(number(voided.at("TotalAmt")), 0);
  EXPECT_EQ(number(voided.at("Balance")), 0);
  EXPECT_EQ(number(voided.at("TxnTaxDetail").at("TotalTax")), 0);
  for (const auto& line : voided.at("Line").as_array()) EXPECT_EQ(number(line.at("Amount")), 0);
  EXPECT_EQ(voided.at("DocNumber"), invoice.at("DocNumber"));
  EXPECT_EQ(fault_code(post("invoice", {{"Id", id}, {"SyncToken", "0"}}, {{"operation", "void"}})),
            "5010");
  EXPECT_EQ(
      fault_code(post("creditmemo", {{"Id", id}, {"SyncToken", "1"}}, {{"operation", "void"}})),
      "500");
}

TEST_F(TransactionsTest, DeleteRemovesTheInvoiceAndAnswersWithItsStatus) {
  const auto invoice = create_invoice(10.0);
  const std::string id(invoice.at("Id").as_string());
  EXPECT_EQ(
      fault_code(post("invoice", {{"Id", id}, {"SyncToken", "3"}}, {{"operation", "delete"}})),
      "5010");
  const auto answer = post("invoice", {{"Id", id}, {"SyncToken", "0"}}, {{"operation", "delete"}});
  ASSERT_EQ(answer.status, 200) << last_text;
  EXPECT_EQ(answer.body.at("Invoice"),
            (json::object{{"domain", "QBO"}, {"status", "Deleted"}, {"Id", id}}));
  EXPECT_EQ(fault_code(get("invoice/" + id)), "610");
  EXPECT_EQ(
      fault_code(post("invoice", {{"Id", id}, {"SyncToken", "0"}}, {{"operation", "delete"}})),
      "610");
  EXPECT_EQ(number(get("customer/" + customer_id).body.at("Customer").at("Balance")), 0);
}

TEST_F(TransactionsTest, UpdatingAnInvoiceRecomputesItsTotals) {
  const auto invoice = create_invoice(100.0);
  auto body = sale_body(200.0);
  body["Id"] = invoice.at("Id");
  body["SyncToken"] = "0";
  const auto answer = post("invoice", body);
  ASSERT_EQ(answer.status, 200) << last_text;
  EXPECT_EQ(number(answer.body.at("Invoice").at("TotalAmt")), 226.0);
  EXPECT_EQ(answer.body.at("Invoice").at("DocNumber"), invoice.at("DocNumber"));
  EXPECT_EQ(answer.body.at("Invoice").at("Line").at(0).at("Id"), "2") << "new lines get new Ids";
}

TEST_F(TransactionsTest, QueriesRunOverTheCompanyByGetAndPost) {
  create_invoice(10.0);
  create_invoice(500.0);
  const auto by_get = query("SELECT * FROM Invoice WHERE TotalAmt > '100.00'");
  ASSERT_EQ(by_get.status, 200) << last_text;
  ASSERT_EQ(by_get.body.at("QueryResponse").at("Invoice").as_array().size(), 1u);
  const auto by_post = call("POST", "query", "select count(*) from Invoice");
  EXPECT_EQ(by_post.body.at("QueryResponse").at("totalCount"), 2);
  EXPECT_EQ(fault_code(query("SELECT * FROM Custmoer")), "4001");
  EXPECT_EQ(query("SELECT * FROM Customer WHERE DisplayName = 'Amy\\'s Bird Sanctuary'")
                .body.at("QueryResponse")
                .at("Customer")
                .as_array()
                .size(),
            1u);
}

TEST_F(TransactionsTest, AmountsAreWrittenAsPlainDecimals) {
  create_invoice(337.5);
  EXPECT_NE(last_text.find("\"Amount\":337.5"), std::string::npos) << last_text;
  EXPECT_EQ(last_text.find("E2"), std::string::npos) << last_text;
}

}  // namespace
}  // namespace qbo_sandbox::testing
