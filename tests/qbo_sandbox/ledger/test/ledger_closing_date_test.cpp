// The company's closing date: QBO refuses through the API (6210) every change to a transaction
// dated on or before it, and nothing else.
#include "ledger_fixture.h"

namespace qbo_sandbox::testing {
namespace {

namespace json = boost::json;

class ClosingDateTest : public OneCustomerLedgerTest {
 protected:
  ClosingDateTest() : OneCustomerLedgerTest("Closed Books Ltd") {}

  json::object receipt_body(const std::string& date) {
    json::object body = sale_body(100.0);
    body["TxnDate"] = date;
    return body;
  }

  json::object create_receipt(const std::string& date) {
    const auto answer = post("salesreceipt", receipt_body(date));
    EXPECT_EQ(answer.status, 200) << last_text;
    return answer.body.at("SalesReceipt").as_object();
  }
};

TEST_F(ClosingDateTest, ACreateDatedOnOrBeforeTheClosingDateIsRefusedAsQboRefusesIt) {
  ASSERT_TRUE(ledger.set_closing_date(realm, "2026-03-31"));
  for (const char* date : {"2026-03-31", "2025-12-01"}) {
    const auto refused = post("salesreceipt", receipt_body(date));
    EXPECT_EQ(refused.status, 400) << date;
    EXPECT_EQ(refused.body.at("Fault").at("type"), "ValidationFault");
    const auto& error = refused.body.at("Fault").at("Error").at(0);
    EXPECT_EQ(error.at("code"), "6210");
    EXPECT_EQ(error.at("Message"), "Account Period Closed, Cannot Update Through Services API");
  }
  EXPECT_EQ(post("salesreceipt", receipt_body("2026-04-01")).status, 200) << last_text;
  EXPECT_EQ(ledger.snapshot(realm).at("counts").at("SalesReceipt"), 1);
}

TEST_F(ClosingDateTest, AnUpdateVoidOrDeleteOfAClosedTransactionIsRefused) {
  const auto receipt = create_receipt("2026-03-15");
  const std::string id(receipt.at("Id").as_string());
  ledger.set_closing_date(realm, "2026-03-31");
  json::object update = receipt_body("2026-04-02");  // moving it out of the closed period
  update["Id"] = id;
  update["SyncToken"] = "0";
  EXPECT_EQ(fault_code(post("salesreceipt", update)), "6210");
  const json::object target{{"Id", id}, {"SyncToken", "0"}};
  EXPECT_EQ(fault_code(post("salesreceipt", target, {{"operation", "void"}})), "6210");
  EXPECT_EQ(fault_code(post("salesreceipt", target, {{"operation", "delete"}})), "6210");
}

TEST_F(ClosingDateTest, AnOpenTransactionCannotBeMovedIntoTheClosedPeriod) {
  const auto receipt = create_receipt("2026-04-15");
  ledger.set_closing_date(realm, "2026-03-31");
  json::object update = receipt_body("2026-03-01");
  update["Id"] = receipt.at("Id");
  update["SyncToken"] = "0";
  EXPECT_EQ(fault_code(post("salesreceipt", update)), "6210");
  update["TxnDate"] = "2026-04-20";
  EXPECT_EQ(post("salesreceipt", update).status, 200) << last_text;
}

TEST_F(ClosingDateTest, NamesAreNotDatedAndClearingTheDateOpensTheBooks) {
  ledger.set_closing_date(realm, "2026-03-31");
  EXPECT_EQ(ledger.closing_date(realm), "2026-03-31");
  EXPECT_EQ(post("customer", {{"DisplayName", "Still Welcome"}}).status, 200);
  const auto prefs = get("preferences").body.at("Preferences").at("AccountingInfoPrefs");
  EXPECT_EQ(prefs.at("BookCloseDate"), "2026-03-31");
  ledger.set_closing_date(realm, "");
  EXPECT_EQ(ledger.closing_date(realm), "");
  EXPECT_EQ(post("salesreceipt", receipt_body("2026-01-01")).status, 200) << last_text;
  EXPECT_FALSE(ledger.set_closing_date("no-such-realm", "2026-03-31"));
}

}  // namespace
}  // namespace qbo_sandbox::testing
