// A CRM sales document (payment receipt or invoice) reduced to what tax and totals need, neutral of
// any CRM payload shape. The events code fills it in; the tax engine never sees CRM JSON.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "money/amount.h"
#include "money/decimal.h"

namespace qbo_sync::tax {

// Why a line carries no tax; decides which untaxed QBO code it gets in non-US companies.
enum class Exemption {
  none,          // the line is taxed by its tax lines (or falls back to the account's default)
  exempt,        // exempt supply (QBO "Exempt")
  zero_rated,    // zero-rated supply (QBO "Zero-rated")
  out_of_scope,  // outside the tax's scope (QBO "Out of Scope")
};

// One tax the CRM charged on a line, after every discount that applies to the line.
struct LineTax {
  std::string name;             // e.g. "GST", "QST", "HST ON"
  money::Decimal rate_percent;  // 9.975 means 9.975 %
  money::Amount amount;         // the CRM's tax amount for this line
};

struct SalesLine {
  std::string product_name;
  money::Decimal quantity;     // > 0
  money::Decimal unit_price;   // >= 0; tax included when the document is tax-inclusive
  money::Amount discount;      // this line's own discount, same tax basis as unit_price
  std::vector<LineTax> taxes;  // empty for an untaxed line
  Exemption exemption = Exemption::none;
  bool stated_taxable = false;  // the CRM says the line is taxable: it must charge a tax
};

// A discount on the whole document: a fixed amount or a percentage of the lines after their own
// discounts (several percentages apply side by side to that same base, not compounded).
struct DocumentDiscount {
  std::string name;
  std::optional<money::Amount> amount;
  std::optional<money::Decimal> percent;  // 10 means 10 %
};

struct SalesDocument {
  std::string currency;           // ISO 4217, e.g. "CAD"
  int currency_digits = 2;        // minor-unit digits of `currency`
  std::string customer_country;   // ISO 3166 alpha-2, e.g. "CA"
  std::string customer_province;  // province or state code, e.g. "QC"
  std::string txn_date;           // YYYY-MM-DD; picks tax rates in force on that day
  bool tax_inclusive = false;     // unit prices and discounts include tax
  std::vector<SalesLine> lines;
  std::vector<DocumentDiscount> discounts;
  money::Amount tax_total;  // the CRM's tax total
  money::Amount total;      // the CRM's document total
};

}  // namespace qbo_sync::tax
