#include "inbound/invoice_document.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "host_schemas.h"

namespace qbo_sync::inbound {
namespace {

namespace json = boost::json;

json::object invoice(std::string_view total, std::string_view balance, std::string_view note = "") {
  return json::parse(R"({
    "Id": "130", "SyncToken": "2", "DocNumber": "1037", "TxnDate": "2026-02-01",
    "DueDate": "2026-03-03", "CurrencyRef": {"value": "CAD"},
    "CustomerRef": {"value": "58", "name": "Ann Lee"},
    "BillEmail": {"Address": "billing@example.com"},
    "PrivateNote": ")" +
                     std::string(note) + R"(",
    "Line": [
      {"Id": "1", "DetailType": "SalesItemLineDetail", "Amount": 100.00,
       "Description": "Consulting",
       "SalesItemLineDetail": {"ItemRef": {"value": "1", "name": "Services"}, "Qty": 2,
                               "UnitPrice": 50, "TaxCodeRef": {"value": "5"}}},
      {"DetailType": "SubTotalLineDetail", "Amount": 100.00, "SubTotalLineDetail": {}},
      {"DetailType": "DiscountLineDetail", "Amount": 10.00,
       "DiscountLineDetail": {"PercentBased": false}}],
    "TxnTaxDetail": {"TotalTax": 11.70},
    "TotalAmt": )" + std::string(total) +
                     R"(, "Balance": )" + std::string(balance) + R"(,
    "CustomerMemo": {"value": "Thank you"},
    "MetaData": {"CreateTime": "2026-02-01T09:00:00-08:00",
                 "LastUpdatedTime": "2026-02-05T09:00:00-08:00"}})")
      .as_object();
}

TEST(InvoiceDocument, StatusFollowsBalanceAndVoid) {
  EXPECT_EQ(invoice_status(*invoice_facts(invoice("101.70", "101.70"), "CAD")), "open");
  EXPECT_EQ(invoice_status(*invoice_facts(invoice("101.70", "50.00"), "CAD")), "partially_paid");
  EXPECT_EQ(invoice_status(*invoice_facts(invoice("101.70", "0"), "CAD")), "paid");
  EXPECT_EQ(invoice_status(*invoice_facts(invoice("0", "0", "Voided"), "CAD")), "void");
  // A zero invoice is not paid: nothing was owed.
  EXPECT_EQ(invoice_status(*invoice_facts(invoice("0", "0"), "CAD")), "open");
}

TEST(InvoiceDocument, TheImportCarriesLinesTaxTotalsAndOrigin) {
  const auto document = invoice("101.70", "50.00");
  const auto facts = invoice_facts(document, "USD");
  ASSERT_TRUE(facts);
  EXPECT_EQ(facts->currency, "CAD");  // the invoice's own currency wins
  const auto request = invoice_import_request("acct-1", document, *facts,
                                              {"crm-ct-1", "Ann Lee", "ann@example.com"}, "");
  EXPECT_EQ(request.at("origin"), "quickbooks");
  EXPECT_EQ(request.at("qbo_invoice_id"), "130");
  EXPECT_EQ(request.at("qbo_sync_token"), "2");
  EXPECT_FALSE(request.contains("crm_invoice_id"));
  EXPECT_EQ(request.at("number"), "1037");
  EXPECT_EQ(request.at("status"), "partially_paid");
  EXPECT_EQ(request.at("issue_date"), "2026-02-01");
  EXPECT_EQ(request.at("due_date"), "2026-03-03");
  EXPECT_EQ(request.at("contact").at("crm_contact_id"), "crm-ct-1");
  EXPECT_EQ(request.at("contact").at("qbo_customer_id"), "58");
  EXPECT_EQ(request.at("billing_email"), "billing@example.com");
  const auto& lines = request.at("lines").as_array();
  ASSERT_EQ(lines.size(), 1u);  // the subtotal and the discount are not sales lines
  EXPECT_EQ(lines[0].at("name"), "Services");
  EXPECT_EQ(lines[0].at("quantity"), "2");
  EXPECT_EQ(lines[0].at("unit_price"), "50");
  EXPECT_EQ(lines[0].at("amount"), "100.00");
  EXPECT_EQ(lines[0].at("qbo_tax_code_id"), "5");
  EXPECT_EQ(request.at("discount_total"), "10.00");
  EXPECT_EQ(request.at("tax_total"), "11.70");
  EXPECT_EQ(request.at("total"), "101.70");
  EXPECT_EQ(request.at("balance"), "50.00");
  EXPECT_EQ(request.at("memo"), "Thank you");
  EXPECT_FALSE(testing::host_schemas().check("host/import_invoice.v1", request))
      << json::serialize(request);

  const auto again = invoice_import_request("acct-1", document, *facts, {}, "crm-inv-4");
  EXPECT_EQ(again.at("crm_invoice_id"), "crm-inv-4");
  EXPECT_EQ(again.at("contact").at("display_name"), "Ann Lee");  // from the CustomerRef
  EXPECT_FALSE(testing::host_schemas().check("host/import_invoice.v1", again));
}

TEST(InvoiceDocument, WithoutIdOrAmountsThereAreNoFacts) {
  EXPECT_FALSE(invoice_facts(json::parse(R"({"Id":"1","TotalAmt":5})").as_object(), "CAD"));
  EXPECT_FALSE(invoice_facts(json::parse(R"({"TotalAmt":5,"Balance":5})").as_object(), "CAD"));
  const auto facts =
      invoice_facts(json::parse(R"({"Id":"4","TotalAmt":5,"Balance":5})").as_object(), "USD");
  ASSERT_TRUE(facts);
  EXPECT_EQ(facts->number, "4");  // no DocNumber: the Id stands in
  EXPECT_EQ(facts->currency, "USD");
}

}  // namespace
}  // namespace qbo_sync::inbound
