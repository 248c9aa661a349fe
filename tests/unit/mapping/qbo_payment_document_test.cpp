#include "mapping/qbo_payment_document.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "money/json_numbers.h"

namespace qbo_sync::mapping {
namespace {

namespace json = boost::json;

money::Amount cad(int64_t minor) {
  return money::Amount{minor, 2};
}

// What split_payment makes of a CRM amount paid, what QBO holds paid and the QBO balance.
struct SplitCase {
  const char* what;
  int64_t crm_paid, qbo_paid, qbo_balance;
  int64_t total, applied, unapplied;
};

TEST(SplitPaymentTest, PaysTheIncreaseAndLeavesAnyExcessUnapplied) {
  for (const auto& c : {
           SplitCase{"a partial payment is applied whole", 50000, 0, 111870, 50000, 50000, 0},
           SplitCase{"only the increase over what QBO holds is paid", 111870, 50000, 61870, 61870,
                     61870, 0},
           SplitCase{"an overpayment leaves the excess unapplied", 120000, 50000, 61870, 70000,
                     61870, 8130},
           SplitCase{"a payment on a paid invoice is all credit", 120000, 111870, 0, 8130, 0, 8130},
       }) {
    const auto split = split_payment(cad(c.crm_paid), cad(c.qbo_paid), cad(c.qbo_balance));
    ASSERT_TRUE(split) << c.what;
    EXPECT_EQ(split->total, cad(c.total)) << c.what;
    EXPECT_EQ(split->applied, cad(c.applied)) << c.what;
    EXPECT_EQ(split->unapplied, cad(c.unapplied)) << c.what;
  }
}

TEST(SplitPaymentTest, NothingIsPaidWhenQboAlreadyHoldsTheAmount) {
  EXPECT_FALSE(split_payment(cad(50000), cad(50000), cad(61870)));
  EXPECT_FALSE(split_payment(cad(40000), cad(50000), cad(61870)));  // a refund is not a payment
  EXPECT_FALSE(split_payment(cad(0), cad(0), cad(0)));
}

QboPaymentInput input_for(const PaymentSplit& split) {
  QboPaymentInput input;
  input.customer_id = "58";
  input.qbo_invoice_id = "130";
  input.crm_invoice_id = "inv-ca-1001";
  input.invoice_number = "INV-1001";
  input.split = split;
  input.paid_to = cad(120000);
  input.txn_date = "2026-03-28";
  input.reference = "ch_3OqJ9u0V1w2X3y4Z-extra-long";
  return input;
}

TEST(QboPaymentTest, AppliesToTheInvoiceAndNamesTheCrmInvoice) {
  const auto body = build_qbo_payment(input_for({cad(70000), cad(61870), cad(8130)}));
  EXPECT_EQ(body.at("CustomerRef").at("value").as_string(), "58");
  EXPECT_EQ(body.at("TxnDate").as_string(), "2026-03-28");
  const std::string text = money::serialize_exact(body);
  EXPECT_NE(text.find("\"TotalAmt\":700"), std::string::npos) << text;
  EXPECT_NE(text.find("\"Amount\":618.7"), std::string::npos) << text;
  const auto& line = body.at("Line").at(0);
  EXPECT_EQ(line.at("LinkedTxn").at(0).at("TxnId").as_string(), "130");
  EXPECT_EQ(line.at("LinkedTxn").at(0).at("TxnType").as_string(), "Invoice");
  const std::string note(body.at("PrivateNote").as_string());
  EXPECT_EQ(note.rfind(payment_note_prefix("inv-ca-1001"), 0), 0u) << note;
  EXPECT_NE(note.find("1200.00"), std::string::npos) << note;
  EXPECT_NE(note.find("81.30"), std::string::npos) << note;
  EXPECT_EQ(body.at("PaymentRefNum").as_string().size(), 21u);  // QBO's limit
  EXPECT_FALSE(body.contains("PaymentMethodRef"));
  EXPECT_FALSE(body.contains("CurrencyRef"));
}

TEST(QboPaymentTest, ACreditOnlyPaymentHasNoLine) {
  const auto body = build_qbo_payment(input_for({cad(8130), cad(0), cad(8130)}));
  EXPECT_TRUE(body.at("Line").as_array().empty());
}

TEST(QboPaymentTest, MethodAndCurrencyWhenGiven) {
  auto input = input_for({cad(100), cad(100), cad(0)});
  input.payment_method_id = "7";
  input.currency = "USD";
  const auto body = build_qbo_payment(input);
  EXPECT_EQ(body.at("PaymentMethodRef").at("value").as_string(), "7");
  EXPECT_EQ(body.at("CurrencyRef").at("value").as_string(), "USD");
}

TEST(PaidByPluginTest, SumsOnlyThisInvoicesPayments) {
  const auto payments = json::parse(R"([
    {"Id":"1","TotalAmt":500,"PrivateNote":"CRM invoice inv-1: payment bringing A to 500.00 paid"},
    {"Id":"2","TotalAmt":"618.70","PrivateNote":"CRM invoice inv-1: payment bringing A to 1118.70 paid"},
    {"Id":"3","TotalAmt":99,"PrivateNote":"CRM invoice inv-10: payment bringing B to 99.00 paid"},
    {"Id":"4","TotalAmt":25},
    {"Id":"5","TotalAmt":30,"PrivateNote":"entered by hand for CRM invoice inv-1: x"}])")
                            .as_array();
  EXPECT_EQ(paid_by_plugin(payments, "inv-1", 2), cad(111870));
  EXPECT_EQ(paid_by_plugin(payments, "inv-10", 2), cad(9900));
  EXPECT_EQ(paid_by_plugin(payments, "inv-2", 2), cad(0));
}

CrmPaymentInput two_invoices() {
  CrmPaymentInput input;
  input.crm_payment_id = "pay-7";
  input.customer_id = "58";
  input.invoices = {{"130", "INV-1001", cad(100000), cad(111870)},
                    {"131", "INV-1002", cad(50000), cad(20000)}};
  input.txn_date = "2026-03-10";
  input.reference = "EFT-1";
  return input;
}

TEST(CrmPaymentTest, OneLinePerInvoiceUpToItsBalanceAndTheExcessUnapplied) {
  const auto body = build_crm_payment(two_invoices());
  EXPECT_EQ(body.at("CustomerRef").at("value").as_string(), "58");
  const std::string text = money::serialize_exact(body);
  EXPECT_NE(text.find("\"TotalAmt\":1500"), std::string::npos) << text;
  const auto& lines = body.at("Line").as_array();
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].at("LinkedTxn").at(0).at("TxnId").as_string(), "130");
  EXPECT_EQ(money::serialize_exact(lines[0].at("Amount")), "1000");
  EXPECT_EQ(lines[1].at("LinkedTxn").at(0).at("TxnId").as_string(), "131");
  EXPECT_EQ(money::serialize_exact(lines[1].at("Amount")), "200");  // its open balance
  const std::string note(body.at("PrivateNote").as_string());
  EXPECT_EQ(note.rfind(crm_payment_note_prefix("pay-7"), 0), 0u) << note;
  EXPECT_NE(note.find("INV-1002 500.00"), std::string::npos) << note;
}

TEST(CrmPaymentTest, AnInvoiceThePaymentDoesNotPayYetIsAddedOnce) {
  auto input = two_invoices();
  auto first_only = input;
  first_only.invoices.pop_back();
  const json::object posted = build_crm_payment(first_only);
  const auto grown = add_missing_invoices(posted, input);
  ASSERT_TRUE(grown);
  EXPECT_EQ(grown->at("Line").as_array().size(), 2u);
  EXPECT_EQ(money::serialize_exact(grown->at("TotalAmt")), "1500");
  EXPECT_FALSE(add_missing_invoices(*grown, input));
  EXPECT_FALSE(add_missing_invoices(posted, first_only));
}

TEST(CrmPaymentTest, FoundByItsNoteAndNeverByAnotherPaymentsPrefix) {
  const auto payments = json::parse(R"([
    {"Id":"1","TotalAmt":5,"PrivateNote":"CRM payment pay-70: pays INV-1 5.00"},
    {"Id":"2","TotalAmt":5,"PrivateNote":"CRM invoice pay-7: payment bringing X to 5.00 paid"},
    {"Id":"3","TotalAmt":5,"PrivateNote":"CRM payment pay-7: pays INV-1 5.00"}])")
                            .as_array();
  const auto found = find_crm_payment(payments, "pay-7");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->at("Id").as_string(), "3");
  EXPECT_FALSE(find_crm_payment(payments, "pay-8"));
}

TEST(PaidByCrmPaymentsTest, CountsTheLinesAppliedToTheInvoiceAndAllOfAPaymentOfItAlone) {
  const auto payments = json::parse(R"([
    {"Id":"1","TotalAmt":700,"PrivateNote":"CRM payment p1: pays A 700.00",
     "Line":[{"Amount":618.7,"LinkedTxn":[{"TxnId":"130","TxnType":"Invoice"}]}]},
    {"Id":"2","TotalAmt":1500,"PrivateNote":"CRM payment p2: pays A 1000.00, B 500.00",
     "Line":[{"Amount":1000,"LinkedTxn":[{"TxnId":"131","TxnType":"Invoice"}]},
             {"Amount":500,"LinkedTxn":[{"TxnId":"130","TxnType":"Invoice"}]}]},
    {"Id":"3","TotalAmt":40,"PrivateNote":"CRM invoice inv-1: payment bringing A to 40.00 paid",
     "Line":[{"Amount":40,"LinkedTxn":[{"TxnId":"130","TxnType":"Invoice"}]}]},
    {"Id":"4","TotalAmt":10,
     "Line":[{"Amount":10,"LinkedTxn":[{"TxnId":"130","TxnType":"Invoice"}]}]}])")
                            .as_array();
  EXPECT_EQ(paid_by_crm_payments(payments, "130", 2), cad(120000));
  EXPECT_EQ(paid_by_crm_payments(payments, "131", 2), cad(100000));
  EXPECT_EQ(paid_by_crm_payments(payments, "132", 2), cad(0));
}

TEST(PaidTargetTest, PaidInTheCrmMeansPaidInQbo) {
  events::Invoice invoice;
  invoice.total = cad(111870);
  invoice.amount_paid = cad(50000);
  invoice.status = events::InvoiceStatus::partially_paid;
  EXPECT_EQ(paid_target(invoice), cad(50000));
  invoice.status = events::InvoiceStatus::paid;  // marked paid without the amount recorded
  EXPECT_EQ(paid_target(invoice), cad(111870));
  invoice.amount_paid = cad(120000);  // an overpayment stays what it is
  EXPECT_EQ(paid_target(invoice), cad(120000));
}

TEST(LatestPaymentTest, TheLatestByTimeWhateverTheOrder) {
  events::Invoice invoice;
  EXPECT_EQ(latest_payment(invoice), nullptr);
  invoice.payments.push_back({"p2", cad(100), "2026-03-28T15:30:00Z", std::nullopt, "", cad(0)});
  invoice.payments.push_back(
      {"p1", cad(100), "2026-03-28T12:00:00-05:00", std::nullopt, "", cad(0)});
  invoice.payments.push_back({"p0", cad(100), "2026-03-10T12:00:00Z", std::nullopt, "", cad(0)});
  ASSERT_NE(latest_payment(invoice), nullptr);
  EXPECT_EQ(latest_payment(invoice)->payment_id, "p1");  // 17:00 UTC
}

}  // namespace
}  // namespace qbo_sync::mapping
