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

TEST(ToSalesDocument, ALineTaxedAtZeroPercentIsZeroRatedNotExempt) {
  events::Payment payment = testing::example_payment("01-ca-on-order-form.json");
  payment.lines[1].tax_lines[0].rate = money::Decimal();
  payment.lines[1].tax_lines[0].amount.minor = 0;
  payment.lines[0].tax_lines.clear();
  const auto document = to_sales_document(payment);
  EXPECT_EQ(document.lines[1].exemption, tax::Exemption::zero_rated);
  EXPECT_EQ(document.lines[0].exemption, tax::Exemption::none);
}

TEST(ToSalesDocument, TheCrmsStatedTreatmentWins) {
  events::Payment payment = testing::example_payment("01-ca-on-order-form.json");
  payment.lines[0].tax_lines.clear();
  payment.lines[0].tax_treatment = events::TaxTreatment::out_of_scope;
  payment.lines[1].tax_treatment = events::TaxTreatment::taxable;
  const auto document = to_sales_document(payment);
  EXPECT_EQ(document.lines[0].exemption, tax::Exemption::out_of_scope);
  EXPECT_EQ(document.lines[1].exemption, tax::Exemption::none);
  EXPECT_TRUE(document.lines[1].stated_taxable);
  EXPECT_FALSE(document.lines[0].stated_taxable);
}

TEST(TaxOverrides, KeepsEveryEntryWithItsPositionRateAndRegion) {
  events::Settings settings = events::default_settings();
  settings.tax_mappings.push_back({"HST ON", *money::Decimal::parse("13"), "ON", "12"});
  settings.tax_mappings.push_back({"GST", *money::Decimal::parse("5"), "", "20"});
  settings.exempt_tax_code_id = "14";
  settings.zero_rated_tax_code_id = "3";
  const auto overrides = tax_overrides(settings);
  ASSERT_EQ(overrides.mapped_taxes.size(), 2u);
  EXPECT_EQ(overrides.mapped_taxes[1].setting_index, 1u);
  EXPECT_EQ(overrides.mapped_taxes[1].name, "GST");
  EXPECT_EQ(overrides.mapped_taxes[1].percent.to_canonical_string(), "5");
  EXPECT_EQ(overrides.mapped_taxes[0].region, "ON");
  EXPECT_EQ(overrides.mapped_taxes[0].code_id, "12");
  EXPECT_EQ(overrides.mapped_taxes[0].name_key, "hst on");
  EXPECT_EQ(overrides.exempt_code, "14");
  EXPECT_EQ(overrides.zero_rated_code, "3");
}

}  // namespace
}  // namespace qbo_sync::mapping
