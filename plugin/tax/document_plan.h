// The plan for one CRM sales document: the QBO lines and tax detail to send, with the totals QBO
// will compute from them; or a hold (the totals do not agree), a block (a line has no tax code),
// or a rejection of the input. Pure: no I/O. Item refs are filled in later by the mapping code from
// each planned line's CRM line index.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "money/amount.h"
#include "money/decimal.h"
#include "tax/sales_document.h"
#include "tax/tax_mapping.h"
#include "tax/tax_model.h"

namespace qbo_sync::tax {

// The choices QBO's documentation leaves open, made explicit.
enum class DocumentDiscountHandling {
  // A DiscountLineDetail; QBO spreads it over the lines before tax (its residual-cent rule is
  // unverified, so the tax is checked and overridden if it comes out differently).
  discount_line,
  // Spread by the plugin and folded into each line's unit price: no allocation question for QBO.
  fold_into_lines,
};

enum class InclusivePricing {
  // Tax-inclusive CRM prices are sent as net amounts with TaxExcluded (how QBO
  // reads a TaxInclusive request is unverified). Every discount is folded into the lines.
  send_net_amounts,
  // Sent gross with GlobalTaxCalculation TaxInclusive; QBO backs the tax out of each line.
  send_tax_inclusive,
};

enum class RoundingToleranceKind {
  // Per rate, half a minor unit for each line taxed at it (plus one for a discount line), at least
  // one: the most that rounding per line rather than per document can move a total.
  per_line_bound,
  // Per rate, `fixed_tolerance_minor`.
  fixed,
};

struct PlanOptions {
  DocumentDiscountHandling discount_handling = DocumentDiscountHandling::discount_line;
  InclusivePricing inclusive_pricing = InclusivePricing::send_net_amounts;
  RoundingToleranceKind tolerance = RoundingToleranceKind::per_line_bound;
  int64_t fixed_tolerance_minor = 1;
};

enum class GlobalTaxCalculation {
  omitted,  // US companies: QBO documents the field as not applicable
  tax_excluded,
  tax_inclusive,
};

struct PlannedLine {
  std::size_t crm_line_index = 0;  // the CRM line this comes from; its ItemRef is mapped from it
  std::string description;         // the CRM product name
  money::Amount amount;            // SalesItemLine Amount
  // Qty and UnitPrice, with round(Qty × UnitPrice) == Amount; both absent when no seven-decimal
  // unit price reproduces a folded amount (QBO accepts an Amount-only line).
  std::optional<money::Decimal> quantity;
  std::optional<money::Decimal> unit_price;
  std::string tax_code_id;  // TaxCodeRef: a company TaxCode Id, or "NON" in the US
  std::string tax_code_name;
};

struct PlannedTaxLine {
  std::string rate_id;  // TaxRateRef
  std::string rate_name;
  money::Decimal percent;
  money::Amount net_amount_taxable;
  money::Amount amount;
};

// A TxnTaxDetail to send: TotalTax and one TaxLine per sales rate of every code used.
struct PlannedTaxDetail {
  money::Amount total_tax;
  std::vector<PlannedTaxLine> tax_lines;  // empty for a US TotalTax-only detail
};

struct DocumentPlan {
  TaxRegime regime = TaxRegime::canada;
  std::string currency;
  GlobalTaxCalculation global_tax_calculation = GlobalTaxCalculation::tax_excluded;
  std::vector<PlannedLine> lines;
  // A DiscountLineDetail (PercentBased false) after a SubTotalLineDetail of `subtotal`.
  std::optional<money::Amount> discount;
  std::optional<money::Amount> subtotal;
  // Sent only when QBO's own tax would differ from the CRM's by rounding (or, for a US company with
  // automated sales tax, a zero TotalTax that keeps AST from adding tax).
  std::optional<PlannedTaxDetail> tax_override;
  // What QBO will hold once it has computed the document.
  std::vector<PlannedTaxLine> qbo_tax_lines;
  money::Amount qbo_total_tax;
  money::Amount qbo_total;
  // QBO's own tax per rate before any override; equal to qbo_tax_lines when no override is sent.
  std::vector<PlannedTaxLine> qbo_computed_tax_lines;
};

enum class MismatchCause {
  crm_document_does_not_add_up,  // Σ qty × price − discounts + tax ≠ total, or tax ≠ Σ line taxes
  qbo_total_would_differ,  // QBO's computation differs by more than rounding
  posted_total_differs,    // QBO's TotalAmt after posting is not the planned one
};

// The record waits for an admin's review (status errored, reason total_mismatch); nothing is sent.
struct TotalMismatchHold {
  static constexpr std::string_view reason = "total_mismatch";
  MismatchCause cause = MismatchCause::crm_document_does_not_add_up;
  money::Amount crm_total;
  money::Amount computed_total;  // what the lines add up to, or what QBO would hold
  int64_t difference_minor = 0;  // computed − crm
  money::Amount crm_total_tax;
  money::Amount computed_total_tax;
  std::string message;
};

// Input the engine cannot plan from; `field` is a JSON Pointer into the SalesDocument
// ("/lines/2/quantity").
struct InvalidDocument {
  std::string field;
  std::string message;
};

using PlanOutcome =
    std::variant<DocumentPlan, TotalMismatchHold, MissingTaxMapping, InvalidDocument>;

PlanOutcome plan_document(const SalesDocument& document, const TenantTaxModel& model,
                          const TaxMappingOverrides& overrides, const PlanOptions& options = {});

}  // namespace qbo_sync::tax
