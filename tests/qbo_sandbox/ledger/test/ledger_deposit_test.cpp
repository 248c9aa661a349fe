// Bank deposits of Undeposited Funds: a Deposit links whole receipts and payments, which then
// name it and cannot be voided, deleted or changed in amount until the deposit lets them go.
#include "ledger_fixture.h"

namespace qbo_sandbox::testing {
namespace {

namespace json = boost::json;

constexpr const char* kUndepositedFunds = "3";
constexpr const char* kChequing = "4";

class DepositTest : public OneCustomerLedgerTest {
 protected:
  DepositTest() : OneCustomerLedgerTest("Deposit Customer") {}

  json::object create_receipt(double amount) {
    const auto answer = post("salesreceipt", sale_body(amount));
    EXPECT_EQ(answer.status, 200) << last_text;
    return answer.body.at("SalesReceipt").as_object();
  }

  static json::object deposit_line(const json::object& receipt, const char* type = "SalesReceipt") {
    return {{"Amount", receipt.at("TotalAmt")},
            {"LinkedTxn", json::array{{{"TxnId", receipt.at("Id")}, {"TxnType", type}}}}};
  }

  Answer deposit(json::array lines, const char* account = kChequing) {
    return post("deposit",
                {{"DepositToAccountRef", {{"value", account}}}, {"Line", std::move(lines)}});
  }

  json::object stored(const std::string& entity, const json::value& id) {
    const auto snapshot = ledger.snapshot(realm);
    for (const auto& object : snapshot.at("objects").at(entity).as_array()) {
      if (object.at("Id") == id) return object.as_object();
    }
    ADD_FAILURE() << entity << " " << id << " not found";
    return {};
  }
};

TEST_F(DepositTest, ADepositOfTwoReceiptsTotalsThemAndEachReceiptNamesIt) {
  const auto first = create_receipt(100.0);
  const auto second = create_receipt(50.0);
  const auto answer = deposit({deposit_line(first), deposit_line(second)});
  ASSERT_EQ(answer.status, 200) << last_text;
  const auto& made = answer.body.at("Deposit").as_object();
  EXPECT_EQ(made.at("TotalAmt").to_number<double>(), 169.5);  // 113.00 + 56.50
  EXPECT_EQ(made.at("DepositToAccountRef").at("name"), "Chequing");
  EXPECT_EQ(made.at("Line").at(0).at("DetailType"), "DepositLineDetail");
  for (const auto* receipt : {&first, &second}) {
    const auto links = stored("SalesReceipt", receipt->at("Id")).at("LinkedTxn");
    ASSERT_EQ(links.as_array().size(), 1u);
    EXPECT_EQ(links.at(0).at("TxnType"), "Deposit");
    EXPECT_EQ(links.at(0).at("TxnId"), made.at("Id"));
  }
}

TEST_F(DepositTest, ADepositedReceiptCannotBeVoidedDeletedOrChangedInAmount) {
  const auto receipt = create_receipt(100.0);
  ASSERT_EQ(deposit({deposit_line(receipt)}).status, 200) << last_text;
  const json::object target{{"Id", receipt.at("Id")}, {"SyncToken", "0"}};
  EXPECT_EQ(fault_code(post("salesreceipt", target, {{"operation", "void"}})), "6000");
  EXPECT_EQ(fault_code(post("salesreceipt", target, {{"operation", "delete"}})), "6000");
  json::object bigger{{"Id", receipt.at("Id")},
                      {"SyncToken", "0"},
                      {"CustomerRef", {{"value", customer_id}}},
                      {"Line", json::array{sales_line(200.0, "5")}}};
  EXPECT_EQ(fault_code(post("salesreceipt", bigger)), "6000");
  json::object memo_only{
      {"Id", receipt.at("Id")}, {"SyncToken", "0"}, {"sparse", true}, {"PrivateNote", "checked"}};
  const auto noted = post("salesreceipt", memo_only);
  ASSERT_EQ(noted.status, 200) << last_text;
  EXPECT_EQ(noted.body.at("SalesReceipt").at("LinkedTxn").at(0).at("TxnType"), "Deposit");
}

TEST_F(DepositTest, DeletingTheDepositLetsTheReceiptGo) {
  const auto receipt = create_receipt(100.0);
  const auto made = deposit({deposit_line(receipt)});
  ASSERT_EQ(made.status, 200) << last_text;
  const json::object deposit_target{{"Id", made.body.at("Deposit").at("Id")}, {"SyncToken", "0"}};
  ASSERT_EQ(post("deposit", deposit_target, {{"operation", "delete"}}).status, 200) << last_text;
  EXPECT_TRUE(stored("SalesReceipt", receipt.at("Id")).at("LinkedTxn").as_array().empty());
  const json::object target{{"Id", receipt.at("Id")}, {"SyncToken", "0"}};
  EXPECT_EQ(post("salesreceipt", target, {{"operation", "void"}}).status, 200) << last_text;
}

TEST_F(DepositTest, ADepositTakesOnlyWholeUndepositedReceiptsAndPaymentsOnce) {
  const auto receipt = create_receipt(100.0);
  json::object partial = deposit_line(receipt);
  partial["Amount"] = 50;
  EXPECT_EQ(fault_code(deposit({partial})), "6000");
  EXPECT_EQ(fault_code(deposit({deposit_line(receipt), deposit_line(receipt)})), "6000");
  EXPECT_EQ(fault_code(deposit({deposit_line(receipt)}, kUndepositedFunds)), "6000");
  EXPECT_EQ(fault_code(deposit({deposit_line(receipt, "Invoice")})), "6000");
  ASSERT_EQ(deposit({deposit_line(receipt)}).status, 200) << last_text;
  EXPECT_EQ(fault_code(deposit({deposit_line(receipt)})), "6000");  // already deposited
  EXPECT_EQ(fault_code(post("deposit", {{"Line", json::array{deposit_line(receipt)}}})), "2020");

  const auto banked = post("salesreceipt", {{"CustomerRef", {{"value", customer_id}}},
                                            {"DepositToAccountRef", {{"value", kChequing}}},
                                            {"Line", json::array{sales_line(10.0, "5")}}});
  ASSERT_EQ(banked.status, 200) << last_text;
  EXPECT_EQ(fault_code(deposit({deposit_line(banked.body.at("SalesReceipt").as_object())})),
            "6000");
}

TEST_F(DepositTest, APaymentInUndepositedFundsIsDepositedToo) {
  const auto invoice = post("invoice", {{"CustomerRef", {{"value", customer_id}}},
                                        {"Line", json::array{sales_line(100.0, "5")}}})
                           .body.at("Invoice")
                           .as_object();
  const auto paid = post(
      "payment", {{"CustomerRef", {{"value", customer_id}}},
                  {"TotalAmt", 113},
                  {"Line", json::array{{{"Amount", 113},
                                        {"LinkedTxn", json::array{{{"TxnId", invoice.at("Id")},
                                                                   {"TxnType", "Invoice"}}}}}}}});
  ASSERT_EQ(paid.status, 200) << last_text;
  const auto& payment = paid.body.at("Payment").as_object();
  ASSERT_EQ(deposit({deposit_line(payment, "Payment")}).status, 200) << last_text;
  EXPECT_EQ(fault_code(post("payment", {{"Id", payment.at("Id")}, {"SyncToken", "0"}},
                            {{"operation", "delete"}})),
            "6000");
}

TEST_F(DepositTest, ADepositDatedInAClosedPeriodIsRefused) {
  const auto receipt = create_receipt(100.0);
  ledger.set_closing_date(realm, "2026-03-31");
  const auto answer = post("deposit", {{"DepositToAccountRef", {{"value", kChequing}}},
                                       {"TxnDate", "2026-03-30"},
                                       {"Line", json::array{deposit_line(receipt)}}});
  EXPECT_EQ(fault_code(answer), "6210");
}

}  // namespace
}  // namespace qbo_sandbox::testing
