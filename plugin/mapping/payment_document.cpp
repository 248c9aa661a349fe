#include "mapping/payment_document.h"

#include <algorithm>

#include "money/currency.h"

namespace qbo_sync::mapping {

std::string date_part(std::string_view rfc3339) {
  return std::string(rfc3339.substr(0, std::min<std::size_t>(10, rfc3339.size())));
}

tax::Exemption exemption_of(const events::Line& line, bool contact_tax_exempt) {
  if (line.tax_treatment) {
    switch (*line.tax_treatment) {
      case events::TaxTreatment::zero_rated:
        return tax::Exemption::zero_rated;
      case events::TaxTreatment::exempt:
        return tax::Exemption::exempt;
      case events::TaxTreatment::out_of_scope:
        return tax::Exemption::out_of_scope;
      case events::TaxTreatment::taxable:
        return tax::Exemption::none;
    }
  }
  if (contact_tax_exempt) return tax::Exemption::exempt;
  // A tax charged at 0 % is a zero-rated supply, not an exempt one: they go in different boxes of
  // the GST/HST return.
  const bool has_taxes = !line.tax_lines.empty();
  const bool all_zero = std::all_of(line.tax_lines.begin(), line.tax_lines.end(),
                                    [](const events::TaxLine& tax) { return tax.rate.is_zero(); });
  return has_taxes && all_zero ? tax::Exemption::zero_rated : tax::Exemption::none;
}

namespace {

// Payments and invoices carry their lines, discounts and totals under the same names.
template <class CrmDocument>
tax::SalesDocument sales_document_of(const CrmDocument& crm, std::string txn_date) {
  tax::SalesDocument document;
  document.currency = crm.currency;
  document.currency_digits = money::minor_unit_digits(crm.currency).value_or(crm.total.digits);
  if (crm.contact.billing_address) {
    document.customer_country = crm.contact.billing_address->country;
    document.customer_province = crm.contact.billing_address->region;
  }
  document.txn_date = std::move(txn_date);
  document.tax_inclusive = crm.tax_inclusive;
  for (const events::Line& line : crm.lines) {
    tax::SalesLine sales;
    sales.product_name = line.name;
    sales.quantity = line.quantity;
    sales.unit_price = line.unit_price;
    sales.discount = line.discount ? line.discount->amount : money::Amount{0, crm.total.digits};
    for (const events::TaxLine& tax_line : line.tax_lines) {
      sales.taxes.push_back({tax_line.name, tax_line.rate, tax_line.amount});
    }
    sales.exemption = exemption_of(line, crm.contact.tax_exempt);
    sales.stated_taxable = line.tax_treatment == events::TaxTreatment::taxable;
    document.lines.push_back(std::move(sales));
  }
  for (const events::Discount& discount : crm.discounts) {
    // The amount is always the discount's value in the document's currency: sending it rather
    // than the percentage keeps the CRM's rounding.
    document.discounts.push_back({discount.name.empty() ? discount.coupon_code : discount.name,
                                  discount.amount, std::nullopt});
  }
  document.tax_total = crm.tax_total;
  document.total = crm.total;
  return document;
}

}  // namespace

tax::SalesDocument to_sales_document(const events::Payment& payment) {
  return sales_document_of(payment, date_part(payment.paid_at));
}

tax::SalesDocument to_sales_document(const events::Invoice& invoice) {
  return sales_document_of(invoice, invoice.issue_date);
}

tax::TaxMappingOverrides tax_overrides(const events::Settings& settings) {
  tax::TaxMappingOverrides overrides;
  std::size_t index = 0;
  for (const events::TaxMapping& mapping : settings.tax_mappings) {
    overrides.mapped_taxes.push_back(tax::mapped_tax(index++, mapping.crm_tax_name,
                                                     mapping.crm_tax_rate, mapping.region,
                                                     mapping.qbo_tax_code_id));
  }
  if (!settings.exempt_tax_code_id.empty()) overrides.exempt_code = settings.exempt_tax_code_id;
  if (!settings.zero_rated_tax_code_id.empty())
    overrides.zero_rated_code = settings.zero_rated_tax_code_id;
  return overrides;
}

}  // namespace qbo_sync::mapping
