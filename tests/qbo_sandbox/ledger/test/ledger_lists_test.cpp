// Items, Accounts, Employees and the other sales forms, through Ledger::handle.
#include "ledger_fixture.h"

namespace qbo_sandbox::testing {
namespace {

namespace json = boost::json;

TEST_F(LedgerTest, ItemsNeedAUniqueNameAndAnIncomeAccount) {
  const auto created =
      post("item",
           {{"Name", "Consulting"}, {"Type", "Service"}, {"IncomeAccountRef", {{"value", "1"}}}});
  ASSERT_EQ(created.status, 200) << last_text;
  EXPECT_EQ(created.body.at("Item").at("FullyQualifiedName"), "Consulting");
  EXPECT_EQ(created.body.at("Item").at("IncomeAccountRef").at("name"), "Services");
  EXPECT_EQ(
      fault_code(post("item", {{"Name", "consulting"}, {"IncomeAccountRef", {{"value", "1"}}}})),
      "6240");
  EXPECT_EQ(fault_code(post("item", {{"Name", "No Account"}, {"Type", "Service"}})), "2020");
  EXPECT_EQ(
      fault_code(post("item", {{"Name", "Bad Account"}, {"IncomeAccountRef", {{"value", "999"}}}})),
      "2500");
  EXPECT_EQ(fault_code(post("item", {{"Type", "Service"}, {"IncomeAccountRef", {{"value", "1"}}}})),
            "2020");
  // A name-list DisplayName does not collide with an item name.
  EXPECT_EQ(post("customer", {{"DisplayName", "Consulting"}}).status, 200);
}

TEST_F(LedgerTest, AnInactiveItemCannotBeSold) {
  const auto item = post("item", {{"Name", "Old"}, {"IncomeAccountRef", {{"value", "1"}}}});
  const json::value id = item.body.at("Item").at("Id");
  const auto gone =
      post("item", {{"Id", id}, {"SyncToken", "0"}, {"sparse", true}, {"Active", false}});
  ASSERT_EQ(gone.status, 200);
  EXPECT_EQ(gone.body.at("Item").at("Name"), "Old (deleted)");
  auto line = sales_line(5, "5");
  line["SalesItemLineDetail"].as_object()["ItemRef"] = {{"value", id}};
  const auto refused = post("salesreceipt", {{"Line", json::array{line}}});
  EXPECT_EQ(fault_code(refused), "2500");
  EXPECT_EQ(refused.body.at("Fault").at("Error").at(0).at("element"),
            "Line.SalesItemLineDetail.ItemRef");
}

TEST_F(LedgerTest, AccountsGetTheirClassificationFromTheirType) {
  const auto created = post("account", {{"Name", "Consulting Income"}, {"AccountType", "Income"}});
  ASSERT_EQ(created.status, 200) << last_text;
  EXPECT_EQ(created.body.at("Account").at("Classification"), "Revenue");
  EXPECT_EQ(fault_code(post("account", {{"Name", "Consulting Income"}, {"AccountType", "Income"}})),
            "6240");
  EXPECT_EQ(fault_code(post("account", {{"Name", "No Type"}})), "2020");
  EXPECT_EQ(fault_code(post("account", {{"Name", "Odd"}, {"AccountType", "Spaceship"}})), "2050");
}

TEST_F(LedgerTest, EmployeesAndVendorsShareTheNameSpaceAndDeactivate) {
  const auto employee = post("employee", {{"GivenName", "Emily"}, {"FamilyName", "Platt"}});
  ASSERT_EQ(employee.status, 200) << last_text;
  EXPECT_EQ(employee.body.at("Employee").at("DisplayName"), "Emily Platt");
  EXPECT_EQ(employee.body.at("Employee").at("BillableTime"), false);
  const json::value id = employee.body.at("Employee").at("Id");
  const auto gone =
      post("employee", {{"Id", id}, {"SyncToken", "0"}, {"sparse", true}, {"Active", false}});
  EXPECT_EQ(gone.body.at("Employee").at("DisplayName"), "Emily Platt (deleted)");
  EXPECT_EQ(gone.body.at("Employee").at("PrintOnCheckName"), "Emily Platt");
  const auto back =
      post("employee", {{"Id", id}, {"SyncToken", "1"}, {"sparse", true}, {"Active", true}});
  EXPECT_EQ(back.body.at("Employee").at("DisplayName"), "Emily Platt");
}

TEST_F(LedgerTest, CreditMemosRefundReceiptsAndEstimatesGetTotals) {
  const json::value customer = create_customer("Forms").at("Id");
  const auto memo = post("creditmemo", {{"CustomerRef", {{"value", customer}}},
                                        {"Line", json::array{sales_line(20, "7")}}});
  ASSERT_EQ(memo.status, 200) << last_text;
  EXPECT_EQ(memo.body.at("CreditMemo").at("TotalAmt").to_number<double>(), 21.0);
  const auto estimate = post("estimate", {{"CustomerRef", {{"value", customer}}},
                                          {"Line", json::array{sales_line(20, "5")}}});
  ASSERT_EQ(estimate.status, 200) << last_text;
  EXPECT_EQ(estimate.body.at("Estimate").at("TotalAmt").to_number<double>(), 22.6);
  const json::object refund_without_account{{"CustomerRef", {{"value", customer}}},
                                            {"Line", json::array{sales_line(20, "5")}}};
  EXPECT_EQ(fault_code(post("refundreceipt", refund_without_account)), "2020");
  auto refund = refund_without_account;
  refund["DepositToAccountRef"] = {{"value", "4"}};
  const auto refunded = post("refundreceipt", refund);
  ASSERT_EQ(refunded.status, 200) << last_text;
  EXPECT_EQ(refunded.body.at("RefundReceipt").at("DepositToAccountRef").at("name"), "Chequing");
  EXPECT_EQ(refunded.body.at("RefundReceipt").at("Balance"), 0);
}

TEST_F(LedgerTest, APaymentOnlyMovesTheBalancesItTouches) {
  const json::value first = create_customer("First").at("Id");
  const json::value second = create_customer("Second").at("Id");
  const auto invoice_for = [&](const json::value& customer) {
    return post("invoice", {{"CustomerRef", {{"value", customer}}},
                            {"Line", json::array{sales_line(100, "5")}}})
        .body.at("Invoice")
        .at("Id");
  };
  const json::value first_invoice = invoice_for(first);
  invoice_for(second);
  // A payment by `customer` of `amount` against the first customer's invoice.
  const auto pay_first_invoice = [&](const json::value& customer, int amount) {
    const json::array links{{{"TxnId", first_invoice}, {"TxnType", "Invoice"}}};
    return post("payment", {{"CustomerRef", {{"value", customer}}},
                            {"TotalAmt", amount},
                            {"Line", json::array{{{"Amount", amount}, {"LinkedTxn", links}}}}});
  };
  const auto payment = pay_first_invoice(first, 113);
  ASSERT_EQ(payment.status, 200) << last_text;
  EXPECT_EQ(get("customer/" + std::string(first.as_string())).body.at("Customer").at("Balance"), 0);
  EXPECT_EQ(get("customer/" + std::string(second.as_string())).body.at("Customer").at("Balance"),
            113);
  // A payment may not reach another customer's invoice.
  const auto wrong = pay_first_invoice(second, 1);
  EXPECT_EQ(fault_code(wrong), "6000");
  // Deleting the payment reopens the invoice.
  ASSERT_EQ(post("payment", {{"Id", payment.body.at("Payment").at("Id")}, {"SyncToken", "0"}},
                 {{"operation", "delete"}})
                .status,
            200);
  EXPECT_EQ(
      get("invoice/" + std::string(first_invoice.as_string())).body.at("Invoice").at("Balance"),
      113);
  EXPECT_TRUE(get("invoice/" + std::string(first_invoice.as_string()))
                  .body.at("Invoice")
                  .at("LinkedTxn")
                  .as_array()
                  .empty());
}

}  // namespace
}  // namespace qbo_sandbox::testing
