// Old QBO invoices come into the CRM when the account chose so at connection, marked as
// originating in QuickBooks; their later QBO changes keep flowing in; their CRM-side changes are
// never pushed back.
#include <gtest/gtest.h>

#include <map>

#include "inbound_fixture.h"

namespace qbo_sync::testing {
namespace {

class InboundInvoicesTest : public InboundFixture {
 protected:
  // Two customers with three invoices between them, made in QuickBooks before the connection.
  void make_old_invoices() {
    const auto ann = add_customer("Ann Old", "ann.old@example.com");
    const auto bob = add_customer("Bob Old", "bob.old@example.com");
    old_invoices_ = {add_invoice(ann, 100, "2025-11-03"), add_invoice(ann, 40, "2025-12-01"),
                     add_invoice(bob, 250, "2026-01-15")};
    pay(ann, old_invoices_[0], 113);  // paid in full (HST ON included)
    pay(bob, old_invoices_[2], 100);  // partly
    ann_ = ann;
  }

  std::map<std::string, json::object> imported_by_qbo_id() {
    std::map<std::string, json::object> latest;
    for (const auto& invoice : host_.imported_invoices())
      latest[std::string(invoice.at("qbo_invoice_id").as_string())] = invoice;
    return latest;
  }

  // The CRM id the recording host answered for the first import of the QBO invoice.
  std::string crm_invoice_id_of(const std::string& qbo_id) {
    const auto all = host_.imported_invoices();
    for (std::size_t i = 0; i < all.size(); ++i) {
      if (all[i].at("qbo_invoice_id") == qbo_id.c_str()) return "crm-inv-" + std::to_string(i + 1);
    }
    return {};
  }

  std::vector<std::string> old_invoices_;
  std::string ann_;
};

TEST_F(InboundInvoicesTest, OldInvoicesComeInWhenChosenAndTheirLaterChangesFollow) {
  make_old_invoices();
  start_plugin();
  send_settings(/*import_old_invoices=*/true, /*review_requests=*/false);
  connect();
  wait_for_import();
  const auto status = inbound_status();
  EXPECT_EQ(status.at("import").at("invoices").at("included"), true);
  EXPECT_EQ(status.at("import").at("invoices").at("done"), 3);

  auto imported = imported_by_qbo_id();
  ASSERT_EQ(imported.size(), 3u);
  EXPECT_EQ(host_.imported_invoices().size(), 3u);
  const auto& paid = imported[old_invoices_[0]];
  EXPECT_EQ(paid.at("origin"), "quickbooks");
  EXPECT_EQ(paid.at("status"), "paid");
  EXPECT_EQ(paid.at("total"), "113.00");
  EXPECT_EQ(paid.at("balance"), "0.00");
  EXPECT_EQ(paid.at("tax_total"), "13.00");
  EXPECT_EQ(paid.at("currency"), "CAD");
  EXPECT_EQ(paid.at("issue_date"), "2025-11-03");
  EXPECT_EQ(paid.at("lines").as_array().size(), 1u);
  EXPECT_EQ(paid.at("contact").at("qbo_customer_id"), ann_.c_str());
  EXPECT_TRUE(paid.at("contact").at("crm_contact_id").is_string());  // the contact came first
  EXPECT_EQ(imported[old_invoices_[1]].at("status"), "open");
  EXPECT_EQ(imported[old_invoices_[2]].at("status"), "partially_paid");
  EXPECT_EQ(imported[old_invoices_[2]].at("balance"), "182.50");

  // Paid in QuickBooks later: the CRM gets the new state for the invoice it already has.
  pay(ann_, old_invoices_[1], 45.20);
  ASSERT_TRUE(eventually([&] { return host_.imported_invoices().size() > 3; }));
  const auto update = host_.imported_invoices().back();
  EXPECT_EQ(update.at("qbo_invoice_id"), old_invoices_[1].c_str());
  EXPECT_EQ(update.at("status"), "paid");
  // Sent with the CRM's id from the first import, so the CRM updates rather than adds.
  EXPECT_EQ(update.at("crm_invoice_id"), crm_invoice_id_of(old_invoices_[1]).c_str());
  // A new invoice made in QuickBooks after the connection is not an "old" invoice.
  add_invoice(ann_, 10, "2026-03-01");
  wait_for_polls();

  EXPECT_EQ(host_.imported_invoices().size(), 4u);
}

TEST_F(InboundInvoicesTest, NoInvoiceComesInWhenNotChosen) {
  make_old_invoices();
  start_plugin();
  send_settings(/*import_old_invoices=*/false, /*review_requests=*/false);
  connect();
  wait_for_import();
  EXPECT_EQ(inbound_status().at("import").at("invoices").at("included"), false);
  pay(ann_, old_invoices_[1], 45.20);
  wait_for_polls();
  EXPECT_TRUE(host_.imported_invoices().empty());
  EXPECT_GE(host_.contacts().size(), 2u);  // the customers still came
}

TEST_F(InboundInvoicesTest, AnImportedInvoiceEditedInTheCrmSendsNothingToQuickBooks) {
  make_old_invoices();
  start_plugin();
  send_settings(/*import_old_invoices=*/true, /*review_requests=*/false);
  connect();
  wait_for_import();
  ASSERT_EQ(imported_by_qbo_id().size(), 3u);
  const auto invoices_before = ledger_objects("Invoice");
  const auto payments_before = ledger_objects("Payment");

  // The CRM edits the imported invoice: its update hook carries origin quickbooks.
  auto event = valid_example("invoice.updated.v1", "06-us-tx-imported-from-quickbooks.json");
  event["account_id"] = kInboundAccount;
  event["event_id"] = "evt-inbound-edit-1";
  auto& body = event["invoice"].as_object();
  body["id"] = crm_invoice_id_of(old_invoices_[1]);
  body["qbo_invoice_id"] = old_invoices_[1];
  body["memo"] = "Edited in the CRM";
  const auto answer = plugin_->invoice_updated(json::serialize(event));
  ASSERT_EQ(answer.status, QBO_SYNC_OK) << answer.text;
  const std::string record_id(answer.body.at("record_id").as_string());
  json::object record;
  ASSERT_TRUE(eventually([&] {
    const auto got = plugin_->admin(json::object{
        {"op", "get_record"}, {"account_id", kInboundAccount}, {"record_id", record_id}});
    record = got.body;
    return got.status == QBO_SYNC_OK && record.at("status") != "todo";
  }));
  EXPECT_EQ(record.at("status"), "skipped") << json::serialize(record);
  EXPECT_EQ(record.at("reason"), "imported_from_quickbooks");
  // The QBO ledger is exactly as it was.
  EXPECT_EQ(ledger_objects("Invoice"), invoices_before);
  EXPECT_EQ(ledger_objects("Payment"), payments_before);
}

}  // namespace
}  // namespace qbo_sync::testing
