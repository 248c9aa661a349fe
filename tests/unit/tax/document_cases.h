// The table of CRM documents and the QBO plan each must produce, every expectation written by
// hand (the arithmetic is in the comments). Shared by the plan test and the sandbox agreement test.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "company_fixtures.h"
#include "tax/document_plan.h"
#include "tax/sales_document.h"
#include "tax/tax_mapping.h"

namespace qbo_sync::tax::testing {

enum class Expect { plan, hold, block, invalid };

struct ExpectedLine {
  std::string amount;
  std::string quantity;  // "" when the line is sent without Qty and UnitPrice
  std::string unit_price;
  std::string tax_code_id;
};

struct ExpectedTaxLine {
  std::string rate_id;
  std::string net_amount_taxable;
  std::string amount;
};

struct DocumentCase {
  std::string id;  // a test name: letters, digits, underscores
  Company company = Company::canada;
  SalesDocument document;
  TaxMappingOverrides overrides;
  PlanOptions options;
  Expect expect = Expect::plan;

  // Expect::plan
  std::vector<ExpectedLine> lines;
  std::string discount;  // "" for none; the SubTotal line then carries `subtotal`
  std::string subtotal;
  GlobalTaxCalculation global_tax_calculation = GlobalTaxCalculation::tax_excluded;
  bool sends_tax_override = false;
  std::vector<ExpectedTaxLine> qbo_tax_lines;       // what QBO will hold (the override if sent)
  std::vector<ExpectedTaxLine> qbo_computed_lines;  // QBO's own, when it differs (override cases)
  std::string qbo_total_tax;
  std::string qbo_total;

  // Expect::hold
  MismatchCause cause = MismatchCause::crm_document_does_not_add_up;
  std::string computed_total;
  int64_t difference_minor = 0;

  // Expect::block
  std::size_t blocked_line = 0;
  std::string missing_mapping_contains;

  // Expect::invalid
  std::string invalid_field;

  // Expect::plan: the lines QBO is sent...
  DocumentCase& sends(std::vector<ExpectedLine> sent_lines) {
    lines = std::move(sent_lines);
    return *this;
  }
  // ...and the tax lines and totals it will hold.
  DocumentCase& holds(std::vector<ExpectedTaxLine> tax_lines, std::string total_tax,
                      std::string total) {
    qbo_tax_lines = std::move(tax_lines);
    qbo_total_tax = std::move(total_tax);
    qbo_total = std::move(total);
    return *this;
  }
};

const std::vector<DocumentCase>& document_cases();

// GoogleTest prints a case by its id.
inline void PrintTo(const DocumentCase& c, std::ostream* out) {
  *out << c.id;
}

// Builders for the table.
LineTax tax(const std::string& name, const std::string& rate_percent, const std::string& amount);
SalesLine line(const std::string& name, const std::string& quantity, const std::string& unit_price,
               std::vector<LineTax> taxes = {}, const std::string& discount = "0",
               Exemption exemption = Exemption::none);
SalesDocument document(const std::string& currency, const std::string& province,
                       std::vector<SalesLine> lines, const std::string& tax_total,
                       const std::string& total);
money::Amount money_of(const std::string& text, int digits = 2);
money::Decimal decimal_of(const std::string& text);

}  // namespace qbo_sync::tax::testing

namespace qbo_sync::money {
// GoogleTest prints amounts as decimals.
inline void PrintTo(const Amount& amount, std::ostream* out) {
  *out << amount.to_string();
}
}  // namespace qbo_sync::money
