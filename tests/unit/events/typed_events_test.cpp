#include "events/typed_events.h"

#include <numeric>

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

#include "test_files.h"

namespace qbo_sync::events {
namespace {

using money::Amount;
using money::Decimal;
using testing::example;

boost::json::value load(const std::string& schema, const std::string& name) {
  return boost::json::parse(example(schema, "valid", name));
}

Amount cad(int64_t cents) {
  return Amount{cents, 2};
}

TEST(TypedEvents, ReadsAMultiLineCanadianPayment) {
  const Payment payment = parse_payment(load("payment.completed.v1", "03-ca-bc-membership.json"));
  EXPECT_EQ(payment.account_id, "acct-demo-ca");
  EXPECT_EQ(payment.event_id, "evt-ca-pay-0003");
  EXPECT_EQ(payment.id, "pay-ca-0003");
  EXPECT_EQ(payment.revision, 1);
  EXPECT_EQ(payment.source, PaymentSource::membership);
  EXPECT_EQ(payment.method, PaymentMethod::bank_transfer);
  EXPECT_EQ(payment.currency, "CAD");
  EXPECT_FALSE(payment.test);
  EXPECT_FALSE(payment.tax_inclusive);
  ASSERT_TRUE(payment.contact.billing_address.has_value());
  EXPECT_EQ(payment.contact.billing_address->region, "BC");
  EXPECT_EQ(payment.contact.billing_address->country, "CA");
  ASSERT_EQ(payment.lines.size(), 2u);
  const Line& lockers = payment.lines[1];
  EXPECT_EQ(lockers.quantity, Decimal::from_integer(12));
  EXPECT_EQ(lockers.unit_price, *Decimal::parse("7.5"));
  EXPECT_EQ(lockers.amount, cad(9000));
  ASSERT_EQ(lockers.tax_lines.size(), 2u);
  EXPECT_EQ(lockers.tax_lines[1].name, "PST BC");
  EXPECT_EQ(lockers.tax_lines[1].rate, Decimal::from_integer(7));
  EXPECT_EQ(lockers.tax_lines[1].amount, cad(567));
  ASSERT_EQ(payment.discounts.size(), 1u);
  EXPECT_EQ(payment.discounts[0].coupon_code, "WELCOMEBACK");
  EXPECT_EQ(payment.discounts[0].percent, Decimal::from_integer(10));
  EXPECT_EQ(payment.discounts[0].amount, cad(5700));
  EXPECT_EQ(payment.subtotal, cad(57000));
  EXPECT_EQ(payment.discount_total, cad(5700));
  EXPECT_EQ(payment.tax_total, cad(6156));
  EXPECT_EQ(payment.total, cad(57456));
}

TEST(TypedEvents, ExampleTotalsAddUp) {
  // The examples are what the demo and later the sync tests push: their arithmetic must hold.
  for (const std::string name :
       {"01-ca-on-order-form.json", "02-ca-qc-subscription.json", "03-ca-bc-membership.json",
        "04-ca-ns-event.json", "05-ca-ab-calendar.json", "08-us-ny-order-form.json",
        "11-ca-on-tax-inclusive.json"}) {
    SCOPED_TRACE(name);
    const Payment payment = parse_payment(load("payment.completed.v1", name));
    int64_t lines = 0;
    int64_t taxes = 0;
    for (const Line& line : payment.lines) {
      lines += line.amount.minor;
      for (const TaxLine& tax : line.tax_lines) {
        taxes += tax.amount.minor;
      }
    }
    EXPECT_EQ(payment.subtotal.minor, lines);
    EXPECT_EQ(payment.tax_total.minor, taxes);
    const int64_t expected_total = payment.subtotal.minor - payment.discount_total.minor +
                                   (payment.tax_inclusive ? 0 : payment.tax_total.minor);
    EXPECT_EQ(payment.total.minor, expected_total);
  }
}

TEST(TypedEvents, ReadsEachPaymentSourceAndTheTestFlag) {
  EXPECT_EQ(parse_payment(load("payment.completed.v1", "01-ca-on-order-form.json")).source,
            PaymentSource::order_form);
  EXPECT_EQ(parse_payment(load("payment.completed.v1", "02-ca-qc-subscription.json")).source,
            PaymentSource::subscription);
  EXPECT_EQ(parse_payment(load("payment.completed.v1", "04-ca-ns-event.json")).source,
            PaymentSource::event);
  EXPECT_EQ(parse_payment(load("payment.completed.v1", "05-ca-ab-calendar.json")).source,
            PaymentSource::calendar);
  EXPECT_EQ(parse_payment(load("payment.completed.v1", "06-ca-on-product.json")).source,
            PaymentSource::product);
  const Payment invoice_payment =
      parse_payment(load("payment.completed.v1", "12-us-ny-invoice-payment.json"));
  EXPECT_EQ(invoice_payment.source, PaymentSource::invoice);
  EXPECT_EQ(invoice_payment.invoice_id, "inv-us-2001");
  EXPECT_TRUE(
      parse_payment(load("payment.completed.v1", "09-us-tx-subscription-test-mode.json")).test);
}

TEST(TypedEvents, ReadsWhatAPaymentOfSeveralInvoicesPaysOfEach) {
  const Payment payment =
      parse_payment(load("payment.completed.v1", "13-us-ny-payment-of-two-invoices.json"));
  ASSERT_EQ(payment.applied_to.size(), 2u);
  EXPECT_EQ(payment.applied_to[0].invoice_id, "inv-us-2001");
  EXPECT_EQ(payment.applied_to[0].amount, (money::Amount{100000, 2}));
  EXPECT_EQ(payment.applied_to[1].invoice_id, "inv-us-2002");
  EXPECT_EQ(payment.applied_to[1].amount, (money::Amount{51574, 2}));
  EXPECT_TRUE(parse_payment(load("payment.completed.v1", "12-us-ny-invoice-payment.json"))
                  .applied_to.empty());
}

TEST(TypedEvents, ReadsRefundsAndExemptLines) {
  const Payment refunded =
      parse_payment(load("payment.completed.v1", "07-ca-on-product-partly-refunded.json"));
  EXPECT_EQ(refunded.revision, 2);
  ASSERT_EQ(refunded.refunds.size(), 1u);
  EXPECT_EQ(refunded.refunds[0].amount, cad(2825));
  EXPECT_EQ(refunded.refunds[0].refunded_at, "2026-03-09T10:14:30Z");
  const Payment calendar = parse_payment(load("payment.completed.v1", "05-ca-ab-calendar.json"));
  EXPECT_FALSE(calendar.lines[0].taxable);
  EXPECT_TRUE(calendar.lines[0].tax_lines.empty());
  EXPECT_TRUE(calendar.lines[1].taxable);
  EXPECT_EQ(calendar.method, PaymentMethod::cash);
}

TEST(TypedEvents, ReadsAnInvoicesLife) {
  const Invoice sent = parse_invoice(load("invoice.sent.v1", "01-ca-on-inv-1001.json"));
  EXPECT_EQ(sent.status, InvoiceStatus::sent);
  EXPECT_EQ(sent.number, "INV-1001");
  EXPECT_EQ(sent.origin, InvoiceOrigin::crm);
  EXPECT_EQ(sent.issue_date, "2026-03-02");
  EXPECT_EQ(sent.due_date, "2026-04-01");
  EXPECT_TRUE(sent.discounts.empty());
  EXPECT_EQ(sent.amount_paid, cad(0));

  const Invoice discounted =
      parse_invoice(load("invoice.updated.v1", "01-ca-on-inv-1001-discount-added.json"));
  EXPECT_EQ(discounted.revision, 2);
  ASSERT_EQ(discounted.discounts.size(), 1u);
  EXPECT_EQ(discounted.discounts[0].amount, cad(5000));
  EXPECT_LT(discounted.total.minor, sent.total.minor);

  const Invoice partly =
      parse_invoice(load("invoice.updated.v1", "02-ca-on-inv-1001-partly-paid.json"));
  EXPECT_EQ(partly.status, InvoiceStatus::partially_paid);
  ASSERT_EQ(partly.payments.size(), 1u);
  EXPECT_EQ(partly.payments[0].amount, cad(50000));
  EXPECT_EQ(partly.payments[0].method, PaymentMethod::bank_transfer);

  const Invoice paid = parse_invoice(load("invoice.updated.v1", "03-ca-on-inv-1001-paid.json"));
  EXPECT_EQ(paid.status, InvoiceStatus::paid);
  EXPECT_EQ(paid.amount_paid, paid.total);
  EXPECT_EQ(paid.amount_due, cad(0));

  const Invoice voided = parse_invoice(load("invoice.updated.v1", "04-ca-qc-inv-1002-voided.json"));
  EXPECT_EQ(voided.status, InvoiceStatus::void_);
  EXPECT_EQ(to_string(voided.status), "void");
  EXPECT_FALSE(voided.voided_at.empty());

  const Invoice imported =
      parse_invoice(load("invoice.updated.v1", "06-us-tx-imported-from-quickbooks.json"));
  EXPECT_EQ(imported.origin, InvoiceOrigin::quickbooks);
  EXPECT_EQ(imported.qbo_invoice_id, "1037");
  EXPECT_EQ(imported.currency, "USD");
}

TEST(TypedEvents, ReadsSettingsAndMappings) {
  const Settings settings = parse_settings(load("settings.changed.v1", "01-acct-demo-ca.json"));
  EXPECT_EQ(settings.account_id, "acct-demo-ca");
  EXPECT_EQ(settings.revision, 1);
  EXPECT_TRUE(settings.sync_payments);
  EXPECT_TRUE(settings.review_request_on_first_paid_invoice);
  EXPECT_FALSE(settings.import_old_invoices);
  ASSERT_EQ(settings.admin_emails.size(), 2u);
  ASSERT_GE(settings.tax_mappings.size(), 3u);
  EXPECT_EQ(settings.tax_mappings[2].crm_tax_name, "QST");
  EXPECT_EQ(settings.tax_mappings[2].crm_tax_rate, *Decimal::parse("9.975"));
  EXPECT_EQ(settings.tax_mappings[2].region, "QC");
  EXPECT_EQ(settings.item_mappings[0].qbo_item_id, "1");
  ASSERT_EQ(settings.payment_method_mappings.size(), 2u);
  EXPECT_EQ(settings.payment_method_mappings[0].crm_method, PaymentMethod::card);
  EXPECT_EQ(settings.deposit_account_id, "4");
  const Settings us = parse_settings(load("settings.changed.v1", "02-acct-demo-us.json"));
  EXPECT_TRUE(us.admin_emails.empty());
  EXPECT_TRUE(us.import_old_invoices);
}

TEST(TypedEvents, StoredSettingsAreTheSavedOnesOrTheDefaults) {
  const auto saved =
      stored_settings(example("settings.changed.v1", "valid", "01-acct-demo-ca.json"));
  EXPECT_EQ(saved.account_id, "acct-demo-ca");
  EXPECT_TRUE(saved.review_request_on_first_paid_invoice);
  ASSERT_EQ(saved.admin_emails.size(), 2u);
  for (const std::optional<std::string>& unusable :
       {std::optional<std::string>{}, std::optional<std::string>{"{not json"},
        std::optional<std::string>{R"({"settings":{"sync_payments":"yes"}})"}}) {
    const auto settings = stored_settings(unusable);
    EXPECT_EQ(settings.account_id, "");
    EXPECT_EQ(settings.review_request_on_first_paid_invoice,
              default_settings().review_request_on_first_paid_invoice);
    EXPECT_TRUE(settings.admin_emails.empty());
  }
}

TEST(TypedEvents, ReadsALinesTaxTreatmentWhenStated) {
  auto accepted = load("payment.completed.v1", "01-ca-on-order-form.json");
  auto& lines = accepted.at("payment").at("lines").as_array();
  lines[0].as_object()["tax_lines"] =
      boost::json::array{boost::json::object{{"name", "GST"}, {"rate", "0"}, {"amount", "0.00"}}};
  lines[0].as_object()["tax_treatment"] = "zero_rated";
  lines[1].as_object()["tax_treatment"] = "taxable";
  const Payment payment = parse_payment(accepted);
  EXPECT_EQ(payment.lines[0].tax_treatment, TaxTreatment::zero_rated);
  EXPECT_EQ(payment.lines[1].tax_treatment, TaxTreatment::taxable);
  EXPECT_FALSE(parse_payment(load("payment.completed.v1", "03-ca-bc-membership.json"))
                   .lines[0]
                   .tax_treatment.has_value());
}

TEST(TypedEvents, ReadsTheZeroRatedTaxCode) {
  auto accepted = load("settings.changed.v1", "01-acct-demo-ca.json");
  EXPECT_EQ(parse_settings(accepted).zero_rated_tax_code_id, "3");
  accepted.at("settings").as_object().erase("zero_rated_tax_code_id");
  EXPECT_EQ(parse_settings(accepted).zero_rated_tax_code_id, "");
}

TEST(TypedEvents, ReadsTheTaxChoicesAndDefaultsWhatIsAbsent) {
  boost::json::value document = load("settings.changed.v1", "02-acct-demo-us.json");
  EXPECT_EQ(parse_settings(document).tax_choices.document_discounts,
            DocumentDiscountChoice::discount_line);
  EXPECT_FALSE(parse_settings(document).tax_choices.rounding_tolerance_minor);
  document.as_object()["settings"].as_object()["tax_choices"] = {
      {"document_discounts", "fold_into_lines"},
      {"tax_inclusive_prices", "send_tax_inclusive"},
      {"rounding_tolerance_minor", 2}};
  const TaxChoices choices = parse_settings(document).tax_choices;
  EXPECT_EQ(choices.document_discounts, DocumentDiscountChoice::fold_into_lines);
  EXPECT_EQ(choices.tax_inclusive_prices, TaxInclusivePriceChoice::send_tax_inclusive);
  EXPECT_EQ(choices.rounding_tolerance_minor, 2);
}

TEST(TypedEvents, DefaultSettingsSyncButDoNothingSurprising) {
  const Settings settings = default_settings();
  EXPECT_EQ(settings.revision, 0);
  EXPECT_TRUE(settings.sync_payments);
  EXPECT_TRUE(settings.sync_invoices);
  EXPECT_FALSE(settings.import_old_invoices);
  EXPECT_FALSE(settings.review_request_on_first_paid_invoice);
  EXPECT_TRUE(settings.skip_zero_total_orders);
  EXPECT_TRUE(settings.tax_mappings.empty());
}

TEST(TypedEvents, RefusesWhatWasNeverAccepted) {
  EXPECT_THROW(parse_payment(boost::json::parse(R"({"schema": "payment.completed.v1"})")),
               std::invalid_argument);
  EXPECT_THROW(parse_invoice(boost::json::parse("[]")), std::invalid_argument);
  EXPECT_THROW(parse_settings(load("payment.completed.v1", "01-ca-on-order-form.json")),
               std::invalid_argument);
}

TEST(TypedEvents, JapaneseYenHasNoMinorUnit) {
  boost::json::value document =
      load("payment.completed.v1", "10-us-ca-zero-total-complimentary.json");
  auto& payment = document.as_object()["payment"].as_object();
  payment["currency"] = "JPY";
  auto& line = payment["lines"].as_array()[0].as_object();
  line["tax_lines"] = boost::json::array{};
  line["taxable"] = false;
  const Payment parsed = parse_payment(document);
  EXPECT_EQ(parsed.total.digits, 0);
  EXPECT_EQ(parsed.total.minor, 0);
}

}  // namespace
}  // namespace qbo_sync::events
