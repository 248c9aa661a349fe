#include "mapping/payment_document.h"

#include <algorithm>

#include "money/currency.h"

namespace qbo_sync::mapping {

std::string date_part(std::string_view rfc3339) {
  return std::string(rfc3339.substr(0, std::min<std::size_t>(10, rfc3339.size())));
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
    if (crm.contact.tax_exempt) sales.exemption = tax::Exemption::exempt;
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

tax::TaxMappingOverrides tax_overrides(const events::Settings& settings, std::string_view region) {
  tax::TaxMappingOverrides overrides;
  for (const events::TaxMapping& mapping : settings.tax_mappings) {
    if (!mapping.region.empty() && mapping.region != region) continue;
    if (!mapping.crm_tax_name.empty()) {
      overrides.by_tax_name[mapping.crm_tax_name] = mapping.qbo_tax_code_id;
    } else {
      overrides.by_rate.emplace_back(mapping.crm_tax_rate, mapping.qbo_tax_code_id);
    }
  }
  if (!settings.exempt_tax_code_id.empty()) overrides.exempt_code = settings.exempt_tax_code_id;
  return overrides;
}

}  // namespace qbo_sync::mapping
