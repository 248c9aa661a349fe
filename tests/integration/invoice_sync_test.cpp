// Issue: a sent CRM invoice becomes a QBO Invoice and every later change follows it (lines,
// discounts, payments, void), through the real plugin and its sync engine, against the QBO
// sandbox. Each test asserts what the sandbox's ledger holds afterwards.
#include <gtest/gtest.h>

#include <algorithm>

#include "invoice_fixture.h"

namespace qbo_sync::testing {
namespace {

namespace json = boost::json;

class InvoiceSyncTest : public InvoiceFixture {};

TEST_F(InvoiceSyncTest, ASentInvoiceBecomesAQboInvoiceWithItsNumberDatesEmailAndLines) {
  connect();
  InvoiceStory story("sent");
  send(story.sent());
  const auto record = settled(story.id());
  ASSERT_EQ(record.at("status"), "completed") << json::serialize(record);

  const auto invoice = qbo_invoice(story.number());
  EXPECT_EQ(record.at("qbo_id"), invoice.at("Id"));
  EXPECT_EQ(invoice.at("TxnDate"), "2026-03-02");
  EXPECT_EQ(invoice.at("DueDate"), "2026-04-01");
  EXPECT_EQ(invoice.at("BillEmail").at("Address"), "emilie.tremblay@example.ca");
  EXPECT_EQ(item_line_amounts(invoice), (std::vector<int64_t>{100000, 4000}));
  EXPECT_EQ(cents(invoice.at("TxnTaxDetail").at("TotalTax")), 13520);
  EXPECT_EQ(cents(invoice.at("TotalAmt")), 117520);
  EXPECT_EQ(cents(invoice.at("Balance")), 117520);
  EXPECT_TRUE(payments_of(std::string(invoice.at("Id").as_string()), story.id()).empty());
}

TEST_F(InvoiceSyncTest, EveryCanadianExampleInvoiceHoldsTheCrmTotalsInQbo) {
  connect();
  const std::string created_at = utc_text_in(std::chrono::seconds{2});
  int index = 0;
  for (const char* file :
       {"01-ca-on-inv-1001.json", "02-ca-qc-inv-1002.json", "04-ca-bc-inv-1003-old.json"}) {
    json::object event = valid_example("invoice.sent.v1", file);
    event["event_id"] = "evt-tax-" + std::to_string(++index);
    auto& invoice_json = event["invoice"].as_object();
    invoice_json["created_at"] = created_at;
    invoice_json["sent_at"] = created_at;
    send(event);
    const std::string id(invoice_json.at("id").as_string());
    const auto record = settled(id);
    ASSERT_EQ(record.at("status"), "completed") << file << " " << json::serialize(record);
    const auto invoice = qbo_invoice(std::string(invoice_json.at("number").as_string()));
    EXPECT_EQ(cents(invoice.at("TotalAmt")), cents(invoice_json.at("total"))) << file;
    EXPECT_EQ(cents(invoice.at("TxnTaxDetail").at("TotalTax")), cents(invoice_json.at("tax_total")))
        << file;
    EXPECT_EQ(cents(invoice.at("Balance")),
              cents(invoice_json.at("total")) - cents(invoice_json.at("amount_paid")))
        << file;
  }
}

TEST_F(InvoiceSyncTest, AUsInvoiceFoldsItsTaxIntoTheLinesAndHoldsTheCrmTotal) {
  const auto added = sandbox_.control("POST", "/companies", R"({"preset":"us","name":"US Co"})");
  const std::string realm(added.at("realm_id").as_string());
  const char* account = "acct-demo-us";
  const auto connected = connect_account(*plugin_, sandbox_, account, realm);
  ASSERT_EQ(connected.status, QBO_SYNC_OK) << connected.text;

  json::object event = valid_example("invoice.sent.v1", "03-us-ny-inv-2001.json");
  const std::string created_at = utc_text_in(std::chrono::seconds{2});
  event["invoice"].as_object()["created_at"] = created_at;
  event["invoice"].as_object()["sent_at"] = created_at;
  send(event);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  json::object record;
  for (;;) {
    const auto answer = plugin_->admin(
        json::object{{"op", "list_records"}, {"account_id", account}, {"limit", 10}});
    record = answer.body.at("records").as_array().at(0).as_object();
    if (record.at("status") != "todo" || std::chrono::steady_clock::now() > deadline) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_EQ(record.at("status"), "completed") << json::serialize(record);

  const auto snapshot = sandbox_.control("GET", "/ledger/" + realm);
  const auto& invoices = snapshot.at("objects").at("Invoice").as_array();
  ASSERT_EQ(invoices.size(), 1u);
  const auto& invoice = invoices[0].as_object();
  EXPECT_EQ(invoice.at("DocNumber"), "2001");
  EXPECT_EQ(cents(invoice.at("TotalAmt")), 151574);  // 1,200.00 + 290.00 + 25.74 tax
  EXPECT_EQ(cents(invoice.at("Balance")), 151574);
  int64_t lines = 0;
  for (const auto& line : invoice.at("Line").as_array()) {
    if (line.at("DetailType") == "SalesItemLineDetail") lines += cents(line.at("Amount"));
  }
  EXPECT_EQ(lines, 151574);  // the tax is in the line prices: QBO adds none
}

TEST_F(InvoiceSyncTest, EditedLinesUpdateTheSameQboInvoice) {
  const InvoiceStory story = connected_with_invoice("lines");
  send_synced(story.with_quantity(2, 10));

  const auto invoice = qbo_invoice(story.number());
  EXPECT_EQ(item_line_amounts(invoice), (std::vector<int64_t>{125000, 4000}));
  EXPECT_EQ(cents(invoice.at("TotalAmt")), 145770);
  EXPECT_EQ(cents(invoice.at("Balance")), 145770);
  EXPECT_EQ(invoice.at("SyncToken"), "1");
  EXPECT_EQ(ledger_objects("Invoice").size(), 1u);
}

TEST_F(InvoiceSyncTest, ADiscountAddedAfterSendingReachesQbo) {
  const InvoiceStory story = connected_with_invoice("disc");
  send_synced(story.discounted());

  const auto invoice = qbo_invoice(story.number());
  int64_t discount = 0;
  for (const auto& line : invoice.at("Line").as_array()) {
    if (line.at("DetailType") == "DiscountLineDetail") discount += cents(line.at("Amount"));
  }
  EXPECT_EQ(discount, 5000);
  EXPECT_EQ(cents(invoice.at("TxnTaxDetail").at("TotalTax")), 12870);
  EXPECT_EQ(cents(invoice.at("TotalAmt")), 111870);
  EXPECT_EQ(cents(invoice.at("Balance")), 111870);
}

TEST_F(InvoiceSyncTest, APartialPaymentBecomesAQboPaymentAppliedToTheInvoice) {
  const InvoiceStory story = connected_with_invoice("part");
  send_synced(story.partly_paid());

  const auto invoice = qbo_invoice(story.number());
  const std::string qbo_id(invoice.at("Id").as_string());
  EXPECT_EQ(cents(invoice.at("TotalAmt")), 111870);
  EXPECT_EQ(cents(invoice.at("Balance")), 61870);
  const auto payments = payments_of(qbo_id, story.id());
  ASSERT_EQ(payments.size(), 1u);
  EXPECT_EQ(cents(payments[0].at("TotalAmt")), 50000);
  EXPECT_EQ(cents(payments[0].at("UnappliedAmt")), 0);
  EXPECT_EQ(payments[0].at("TxnDate"), "2026-03-10");
  EXPECT_EQ(payments[0].at("PaymentRefNum"), "EFT-0310-5512");
}

TEST_F(InvoiceSyncTest, ASecondPaymentPaysTheInvoiceInFull) {
  const InvoiceStory story = connected_with_invoice("full");
  send_synced(story.partly_paid());
  send_synced(story.paid());

  const auto invoice = qbo_invoice(story.number());
  EXPECT_EQ(cents(invoice.at("TotalAmt")), 111870);
  EXPECT_EQ(cents(invoice.at("Balance")), 0);
  const auto payments = payments_of(std::string(invoice.at("Id").as_string()), story.id());
  ASSERT_EQ(payments.size(), 2u);
  std::vector<int64_t> amounts{cents(payments[0].at("TotalAmt")),
                               cents(payments[1].at("TotalAmt"))};
  std::sort(amounts.begin(), amounts.end());
  EXPECT_EQ(amounts, (std::vector<int64_t>{50000, 61870}));
}

TEST_F(InvoiceSyncTest, AnOverpaymentLeavesTheExcessAsAnUnappliedCredit) {
  const InvoiceStory story = connected_with_invoice("over");
  json::object over = story.paid();
  auto& invoice_json = over["invoice"].as_object();
  invoice_json["amount_paid"] = "1200.00";
  invoice_json["amount_due"] = "-81.30";
  invoice_json["payments"].as_array()[1].as_object()["amount"] = "700.00";
  send_synced(over);

  const auto invoice = qbo_invoice(story.number());
  EXPECT_EQ(cents(invoice.at("Balance")), 0);
  auto payments = payments_of(std::string(invoice.at("Id").as_string()), story.id());
  ASSERT_EQ(payments.size(), 2u);  // one QBO Payment per CRM payment the invoice lists
  std::sort(payments.begin(), payments.end(), [](const json::object& a, const json::object& b) {
    return cents(a.at("TotalAmt")) < cents(b.at("TotalAmt"));
  });
  EXPECT_EQ(cents(payments[0].at("TotalAmt")), 50000);
  EXPECT_EQ(cents(payments[0].at("UnappliedAmt")), 0);
  EXPECT_EQ(cents(payments[1].at("TotalAmt")), 70000);
  EXPECT_EQ(cents(payments[1].at("UnappliedAmt")), 8130);
  EXPECT_EQ(cents(payments[1].at("Line").at(0).at("Amount")), 61870);
}

TEST_F(InvoiceSyncTest, AStaleSyncTokenIsReadAgainAndTheChangeAppliedOnce) {
  const InvoiceStory story = connected_with_invoice("stale");
  inject({{"kind", "xml_fault"},
          {"count", 1},
          {"entity", "Invoice"},
          {"method", "POST"},
          {"status", 400},
          {"code", "5010"},
          {"message", "Stale Object Error"},
          {"detail", "You and another user were working on the same thing."}});
  send(story.with_quantity(2, 10));
  const auto record = settled(story.id());
  ASSERT_EQ(record.at("status"), "completed") << json::serialize(record);
  EXPECT_TRUE(sandbox_.control("GET", "/faults").at("faults").as_array().empty());

  const auto invoice = qbo_invoice(story.number());
  EXPECT_EQ(item_line_amounts(invoice), (std::vector<int64_t>{125000, 4000}));
  EXPECT_EQ(cents(invoice.at("TotalAmt")), 145770);
  EXPECT_EQ(invoice.at("SyncToken"), "1");  // one update reached QBO

  // Settled within the attempt (read again, applied once more), not by a retry later.
  const auto full = plugin_->admin(json::object{{"op", "get_record"},
                                                {"account_id", record.at("account_id")},
                                                {"record_id", record.at("record_id")}});
  int updated = 0;
  for (const auto& entry : full.body.at("audit").as_array()) {
    const auto* detail = entry.at("detail").if_object();
    if (!detail || !detail->contains("outcome")) continue;
    EXPECT_NE(detail->at("outcome"), "retry") << json::serialize(entry);
    if (const auto* how = detail->if_contains("how"); how && *how == "updated") ++updated;
  }
  EXPECT_EQ(updated, 1);
}

TEST_F(InvoiceSyncTest, AZeroTotalInvoiceSyncsLikeAnyOther) {
  connect();
  InvoiceStory story("zero");
  json::object event = story.sent();
  auto& invoice_json = event["invoice"].as_object();
  for (auto& line : invoice_json["lines"].as_array()) {
    auto& object = line.as_object();
    object["unit_price"] = "0.00";
    object["amount"] = "0.00";
    object["tax_lines"].as_array()[0].as_object()["amount"] = "0.00";
  }
  for (const char* field : {"subtotal", "tax_total", "total", "amount_due"})
    invoice_json[field] = "0.00";
  send_synced(event);
  const auto invoice = qbo_invoice(story.number());
  EXPECT_EQ(cents(invoice.at("TotalAmt")), 0);
  EXPECT_EQ(cents(invoice.at("Balance")), 0);
  EXPECT_EQ(item_line_amounts(invoice), (std::vector<int64_t>{0, 0}));
}

TEST_F(InvoiceSyncTest, AVoidedInvoiceIsVoidedInQboNotDeleted) {
  const InvoiceStory story = connected_with_invoice("void");
  json::object voided = story.as_update(story.sent(), 2);
  voided["invoice"].as_object()["status"] = "void";
  voided["invoice"].as_object()["voided_at"] = utc_text_in(std::chrono::seconds{5});
  send_synced(voided);

  const auto invoice = qbo_invoice(story.number());  // still there
  EXPECT_EQ(cents(invoice.at("TotalAmt")), 0);
  EXPECT_EQ(cents(invoice.at("Balance")), 0);
  EXPECT_EQ(std::string(invoice.at("PrivateNote").as_string()).rfind("Voided", 0), 0u);
}

TEST_F(InvoiceSyncTest, VoidingAPaidInvoiceThatQboRefusesIsErroredWithWhatToDo) {
  const InvoiceStory story = connected_with_invoice("paidvoid");
  send_synced(story.paid());
  json::object voided = story.as_update(story.paid(), 5);
  voided["invoice"].as_object()["status"] = "void";
  voided["invoice"].as_object()["voided_at"] = utc_text_in(std::chrono::seconds{5});
  send(voided);
  const auto record = settled_as(story.id(), "errored", "void_refused");
  EXPECT_NE(json::serialize(record.at("last_error")).find("remove the invoice's payments"),
            std::string::npos);

  const auto invoice = qbo_invoice(story.number());
  EXPECT_EQ(cents(invoice.at("TotalAmt")), 111870);
  EXPECT_EQ(cents(invoice.at("Balance")), 0);
  // The two CRM payments the paid invoice lists, untouched by the refused void.
  EXPECT_EQ(payments_of(std::string(invoice.at("Id").as_string()), story.id()).size(), 2u);
}

TEST_F(InvoiceSyncTest, AnOlderRevisionArrivingLateIsSupersededAndChangesNothing) {
  const InvoiceStory story = connected_with_invoice("order");
  send(story.partly_paid());  // revision 3
  ASSERT_EQ(settled(story.id()).at("status"), "completed");
  const auto before = qbo_invoice(story.number());

  const Answer late = send(story.discounted());  // revision 2, after 3
  EXPECT_TRUE(late.body.at("superseded").as_bool()) << late.text;
  const auto record = settled(story.id());
  EXPECT_EQ(record.at("status"), "completed") << json::serialize(record);
  EXPECT_EQ(record.at("revision").as_int64(), 3);

  const auto after = qbo_invoice(story.number());
  EXPECT_EQ(after.at("SyncToken"), before.at("SyncToken"));
  EXPECT_EQ(cents(after.at("Balance")), 61870);
  EXPECT_EQ(payments_of(std::string(after.at("Id").as_string()), story.id()).size(), 1u);
}

TEST_F(InvoiceSyncTest, TwentyRapidUpdatesCollapseIntoAtMostTwoQboUpdates) {
  // The plugin's clock stands still while the burst arrives, so its quiet period cannot end
  // in the middle of it however slow the machine.
  start_plugin_with(sandbox_.plugin_config_on_manual_clock(dir_.path().string()));
  const InvoiceStory story = connected_with_invoice("burst");
  for (int revision = 2; revision <= 21; ++revision) send(story.with_quantity(revision, revision));
  // The engine has seen the burst begin: its quiet period started at the standing clock's time.
  ASSERT_TRUE(wait_for_reason(*plugin_, kDemoAccount, story.id(), "collecting_updates"));
  // The quiet period (2 s) ends and the engine's next look finds the invoice due.
  ASSERT_EQ(advance_clock(*plugin_, std::chrono::seconds(10)).status, QBO_SYNC_OK);
  const auto record = settled(story.id());
  ASSERT_EQ(record.at("status"), "completed") << json::serialize(record);

  const auto invoice = qbo_invoice(story.number());
  // Every update increments the SyncToken from the created invoice's 0.
  EXPECT_LE(std::stoi(std::string(invoice.at("SyncToken").as_string())), 2);
  EXPECT_GE(std::stoi(std::string(invoice.at("SyncToken").as_string())), 1);
  EXPECT_EQ(item_line_amounts(invoice), (std::vector<int64_t>{12500 * 21, 4000}));
  EXPECT_EQ(cents(invoice.at("TotalAmt")), (12500 * 21 + 4000) * 113 / 100);
}

TEST_F(InvoiceSyncTest, ANumberQboAlreadyHoldsForTheSameCustomerAndTotalIsLinked) {
  connect();
  // An invoice of the same contact gives QBO the customer, the item and the tax code.
  InvoiceStory earlier("earlier");
  send(earlier.sent());
  ASSERT_EQ(settled(earlier.id()).at("status"), "completed");
  const auto model = qbo_invoice(earlier.number());
  const auto& detail = model.at("Line").at(0).at("SalesItemLineDetail");

  // Entered in QuickBooks by hand: number T-link, same customer, 1,040.00 + 13 % HST = 1,175.20.
  InvoiceStory story("link");
  json::object typed{
      {"CustomerRef", model.at("CustomerRef")},
      {"DocNumber", story.number()},
      {"TxnDate", "2026-03-02"},
      {"GlobalTaxCalculation", "TaxExcluded"},
      {"Line", json::array{json::object{{"Amount", 1040},
                                        {"DetailType", "SalesItemLineDetail"},
                                        {"SalesItemLineDetail",
                                         json::object{{"ItemRef", detail.at("ItemRef")},
                                                      {"TaxCodeRef", detail.at("TaxCodeRef")}}}}}}};
  qbo_sandbox::ApiRequest request;
  request.method = "POST";
  request.realm_id = sandbox_.realm_id();
  request.path = "invoice";
  request.body = json::serialize(typed);
  request.content_type = "application/json";
  const auto created = sandbox_.server().ledger().handle(request);
  ASSERT_EQ(created.status, 200) << created.body;
  const std::string typed_id(json::parse(created.body).at("Invoice").at("Id").as_string());

  send(story.sent());
  const auto record = settled(story.id());
  ASSERT_EQ(record.at("status"), "completed") << json::serialize(record);
  EXPECT_EQ(record.at("qbo_id"), typed_id.c_str());
  EXPECT_EQ(ledger_objects("Invoice").size(), 2u);  // no duplicate
  EXPECT_EQ(cents(qbo_invoice(story.number()).at("TotalAmt")), 117520);
}

TEST_F(InvoiceSyncTest, ANumberThatMirrorsAnotherCrmInvoiceIsNotLinkedTwice) {
  connect();
  InvoiceStory first("mirror");
  send(first.sent());
  ASSERT_EQ(settled(first.id()).at("status"), "completed");

  json::object twin = first.sent();  // same number, customer and total; another CRM invoice
  twin["event_id"] = "evt-mirror-twin";
  twin["invoice"].as_object()["id"] = "inv-mirror-twin";
  send(twin);
  const auto record = settled_as("inv-mirror-twin", "errored", "doc_number_in_use");
  EXPECT_NE(json::serialize(record.at("last_error")).find(first.id()), std::string::npos);
  EXPECT_EQ(ledger_objects("Invoice").size(), 1u);
}

TEST_F(InvoiceSyncTest, ANumberQboAlreadyHoldsForAnotherTotalIsErroredWithBothDocuments) {
  connect();
  InvoiceStory first("clash");
  send(first.sent());
  ASSERT_EQ(settled(first.id()).at("status"), "completed");

  json::object other = first.with_quantity(1, 9);
  other["schema"] = "invoice.sent.v1";
  other["event_id"] = "evt-clash-other";
  other["invoice"].as_object()["id"] = "inv-clash-other";
  send(other);
  const auto record = settled_as("inv-clash-other", "errored", "doc_number_in_use");
  const std::string error = json::serialize(record.at("last_error"));
  EXPECT_NE(error.find("1316.45"), std::string::npos) << error;  // the CRM's total
  EXPECT_NE(error.find("1175.20"), std::string::npos) << error;  // QBO's
  EXPECT_EQ(ledger_objects("Invoice").size(), 1u);
}

TEST_F(InvoiceSyncTest, AnInvoiceWhoseLinesDoNotAddUpIsHeldAndNothingIsPosted) {
  connect();
  InvoiceStory story("hold");
  send(story.sent_with({{"total", "1185.20"}, {"amount_due", "1185.20"}}));
  const auto record = settled_as(story.id(), "errored", "total_mismatch");
  const std::string error = json::serialize(record.at("last_error"));
  EXPECT_NE(error.find("1185.20"), std::string::npos) << error;
  EXPECT_NE(error.find("1175.20"), std::string::npos) << error;
  EXPECT_TRUE(ledger_objects("Invoice").empty());
}

TEST_F(InvoiceSyncTest, AnInvoiceCreatedInTheSecondOfTheConnectionIsSynced) {
  connect();
  const auto status =
      plugin_->admin(json::object{{"op", "connection_status"}, {"account_id", kAccount}});
  ASSERT_EQ(status.status, QBO_SYNC_OK) << status.text;
  // The connection's time as the CRM writes times: in whole seconds.
  const std::string connected_second(status.body.at("connected_since").as_string());
  InvoiceStory story("same-second");
  send(story.sent_with({{"created_at", connected_second.substr(0, 19) + "Z"}}));
  const auto record = settled(story.id());
  EXPECT_EQ(record.at("status"), "completed") << json::serialize(record);
  qbo_invoice(story.number());
}

TEST_F(InvoiceSyncTest, AnInvoiceSentBeforeTheConnectionWaitsForItAndIsThenJudgedByItsAge) {
  send(valid_example("invoice.sent.v1", "01-ca-on-inv-1001.json"));  // created 2026-03-02
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  std::string reason;
  while (reason != "not_connected" && std::chrono::steady_clock::now() < deadline) {
    for (const auto& record : records()) {
      if (record.at("status") == "todo" && record.at("attempts").as_int64() > 0)
        reason = std::string(record.at("reason").as_string());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_EQ(reason, "not_connected");

  connect();
  settled_as("inv-ca-1001", "skipped", "predates_connection");
  EXPECT_TRUE(ledger_objects("Invoice").empty());
}

TEST_F(InvoiceSyncTest, AnInvoiceCreatedBeforeTheConnectionIsSkipped) {
  connect();
  send(valid_example("invoice.sent.v1", "01-ca-on-inv-1001.json"));  // created 2026-03-02
  settled_as("inv-ca-1001", "skipped", "predates_connection");
  EXPECT_TRUE(ledger_objects("Invoice").empty());
}

TEST_F(InvoiceSyncTest, AnInvoiceImportedFromQuickBooksIsNeverSentBack) {
  connect();
  InvoiceStory story("imported");
  send(story.sent_with({{"origin", "quickbooks"}, {"qbo_invoice_id", "4242"}}));
  settled_as(story.id(), "skipped", "imported_from_quickbooks");
  EXPECT_TRUE(ledger_objects("Invoice").empty());
}

TEST_F(InvoiceSyncTest, AClosedPeriodIsErroredWithWhatToDo) {
  connect();
  inject({{"kind", "xml_fault"},
          {"count", 1},
          {"entity", "Invoice"},
          {"method", "POST"},
          {"status", 400},
          {"code", "6210"},
          {"message", "Account Period Closed"},
          {"detail", "The account period has closed and the books are locked."}});
  InvoiceStory story("closed");
  send(story.sent());
  const auto record = settled_as(story.id(), "errored", "closed_period");
  EXPECT_NE(json::serialize(record.at("last_error")).find("closing date"), std::string::npos);
  EXPECT_TRUE(ledger_objects("Invoice").empty());
}

TEST_F(InvoiceSyncTest, APaymentWhoseAnswerIsLostIsPostedOnce) {
  const InvoiceStory story = connected_with_invoice("lost");
  lose_next_payment_answer();
  send_synced(story.partly_paid());
  // The injected fault was used: the answer of the written payment was lost once.
  EXPECT_TRUE(sandbox_.control("GET", "/faults").at("faults").as_array().empty());

  const auto invoice = qbo_invoice(story.number());
  EXPECT_EQ(cents(invoice.at("Balance")), 61870);
  EXPECT_EQ(payments_of(std::string(invoice.at("Id").as_string()), story.id()).size(), 1u);
}

}  // namespace
}  // namespace qbo_sync::testing
