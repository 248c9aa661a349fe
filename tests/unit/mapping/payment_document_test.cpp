#include "mapping/payment_document.h"

#include <gtest/gtest.h>

#include "mapping_fixtures.h"

namespace qbo_sync::mapping {
namespace {

TEST(DatePart, TakesTheDate) {
  EXPECT_EQ(date_part("2026-03-02T14:05:09Z"), "2026-03-02");
}

TEST(ToSalesDocument, CarriesLinesTaxesTotalsAndTheCustomersProvince) {
  const events::Payment payment = testing::example_payment("01-ca-on-order-form.json");
  const tax::SalesDocument document = to_sales_document(payment);
  EXPECT_EQ(document.currency, "CAD");
  EXPECT_EQ(document.currency_digits, 2);
  EXPECT_EQ(document.customer_country, "CA");
  EXPECT_EQ(document.customer_province, "ON");
  EXPECT_EQ(document.txn_date, "2026-03-02");
  ASSERT_EQ(document.lines.size(), 2u);
  EXPECT_EQ(document.lines[1].product_name, "Yoga mat");
  EXPECT_EQ(document.lines[1].quantity.to_string(), "2");
  EXPECT_EQ(document.lines[1].unit_price.to_string(), "34.99");
  ASSERT_EQ(document.lines[1].taxes.size(), 1u);
  EXPECT_EQ(document.lines[1].taxes[0].amount.minor, 910);
  EXPECT_EQ(document.total.minor, 24858);
  EXPECT_EQ(document.tax_total.minor, 2860);
}

TEST(ToSalesDocument, ATaxExemptContactsLinesAreExempt) {
  events::Payment payment = testing::example_payment("01-ca-on-order-form.json");
  payment.contact.tax_exempt = true;
  for (const auto& line : to_sales_document(payment).lines) {
    EXPECT_EQ(line.exemption, tax::Exemption::exempt);
  }
}

TEST(TaxOverrides, RegionBoundMappingsApplyOnlyInTheirRegion) {
  events::Settings settings = events::default_settings();
  settings.tax_mappings.push_back({"HST ON", *money::Decimal::parse("13"), "ON", "12"});
  settings.tax_mappings.push_back({"GST", *money::Decimal::parse("5"), "", "20"});
  settings.exempt_tax_code_id = "14";
  const auto on = tax_overrides(settings, "ON");
  EXPECT_EQ(on.by_tax_name.size(), 2u);
  EXPECT_EQ(on.by_tax_name.at("HST ON"), "12");
  EXPECT_EQ(on.exempt_code, "14");
  const auto qc = tax_overrides(settings, "QC");
  EXPECT_EQ(qc.by_tax_name.count("HST ON"), 0u);
  EXPECT_EQ(qc.by_tax_name.at("GST"), "20");
}

}  // namespace
}  // namespace qbo_sync::mapping
