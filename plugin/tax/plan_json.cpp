#include "tax/plan_json.h"

#include "money/json_numbers.h"
#include "tax/exact_arithmetic.h"

namespace qbo_sync::tax {
namespace {

namespace json = boost::json;

json::value number(const money::Amount& amount) {
  return money::json_number(amount.to_decimal());
}

json::object reference(const std::string& id) {
  json::object ref;
  ref["value"] = id;
  return ref;
}

json::object sales_line(const PlannedLine& line, const ItemRefLookup& item_ref) {
  json::object detail;
  if (item_ref) detail["ItemRef"] = item_ref(line.crm_line_index);
  if (line.quantity && line.unit_price) {
    detail["Qty"] = money::json_number(*line.quantity);
    detail["UnitPrice"] = money::json_number(*line.unit_price);
  }
  detail["TaxCodeRef"] = reference(line.tax_code_id);
  json::object out;
  out["DetailType"] = "SalesItemLineDetail";
  out["Amount"] = number(line.amount);
  if (!line.description.empty()) out["Description"] = line.description;
  out["SalesItemLineDetail"] = std::move(detail);
  return out;
}

json::object tax_detail(const PlannedTaxDetail& detail) {
  json::object out;
  out["TotalTax"] = number(detail.total_tax);
  if (!detail.tax_lines.empty()) {
    json::array lines;
    for (const auto& tax_line : detail.tax_lines) {
      json::object inner;
      inner["TaxRateRef"] = reference(tax_line.rate_id);
      inner["PercentBased"] = true;
      inner["TaxPercent"] = money::json_number(tax_line.percent);
      inner["NetAmountTaxable"] = number(tax_line.net_amount_taxable);
      json::object line;
      line["DetailType"] = "TaxLineDetail";
      line["Amount"] = number(tax_line.amount);
      line["TaxLineDetail"] = std::move(inner);
      lines.push_back(std::move(line));
    }
    out["TaxLine"] = std::move(lines);
  }
  return out;
}

std::optional<money::Decimal> decimal_member(const json::object& object, std::string_view key) {
  if (const auto* value = object.if_contains(key)) return money::decimal_from_json(*value);
  return std::nullopt;
}

}  // namespace

json::object to_json(const DocumentPlan& plan, const ItemRefLookup& item_ref) {
  json::object out;
  json::array lines;
  for (const auto& line : plan.lines) lines.push_back(sales_line(line, item_ref));
  if (plan.discount) {
    if (plan.subtotal) {
      json::object subtotal;
      subtotal["DetailType"] = "SubTotalLineDetail";
      subtotal["Amount"] = number(*plan.subtotal);
      subtotal["SubTotalLineDetail"] = json::object();
      lines.push_back(std::move(subtotal));
    }
    json::object detail;
    detail["PercentBased"] = false;
    json::object discount;
    discount["DetailType"] = "DiscountLineDetail";
    discount["Amount"] = number(*plan.discount);
    discount["DiscountLineDetail"] = std::move(detail);
    lines.push_back(std::move(discount));
  }
  out["Line"] = std::move(lines);
  if (plan.tax_override) out["TxnTaxDetail"] = tax_detail(*plan.tax_override);
  switch (plan.global_tax_calculation) {
    case GlobalTaxCalculation::tax_excluded:
      out["GlobalTaxCalculation"] = "TaxExcluded";
      break;
    case GlobalTaxCalculation::tax_inclusive:
      out["GlobalTaxCalculation"] = "TaxInclusive";
      break;
    case GlobalTaxCalculation::omitted:
      break;
  }
  return out;
}

std::optional<TotalMismatchHold> check_posted_totals(const DocumentPlan& plan,
                                                     const json::object& qbo_document) {
  const json::object* document = &qbo_document;
  for (const char* wrapper : {"SalesReceipt", "Invoice"}) {
    if (const auto* inner = qbo_document.if_contains(wrapper); inner && inner->is_object())
      document = &inner->get_object();
  }
  const int digits = plan.qbo_total.digits;
  TotalMismatchHold result;
  result.cause = MismatchCause::posted_total_differs;
  result.crm_total = plan.qbo_total;
  result.crm_total_tax = plan.qbo_total_tax;
  const auto total = decimal_member(*document, "TotalAmt");
  const auto posted_total = total ? total->to_scaled_half_up(digits) : std::nullopt;
  if (!posted_total || total->significant_decimals() > digits) {
    result.message = "QBO's answer has no readable TotalAmt to check against the CRM's " +
                     plan.qbo_total.to_string();
    return result;
  }
  int64_t posted_tax = 0;
  if (const auto* detail = document->if_contains("TxnTaxDetail"); detail && detail->is_object()) {
    if (const auto tax = decimal_member(detail->get_object(), "TotalTax"))
      posted_tax = tax->to_scaled_half_up(digits).value_or(0);
  }
  result.computed_total = money::Amount{*posted_total, digits};
  result.computed_total_tax = money::Amount{posted_tax, digits};
  result.difference_minor = *posted_total - plan.qbo_total.minor;
  if (*posted_total == plan.qbo_total.minor && posted_tax == plan.qbo_total_tax.minor)
    return std::nullopt;
  result.message = "QBO holds a total of " + result.computed_total.to_string() + " (tax " +
                   result.computed_total_tax.to_string() + ") " + plan.currency +
                   " against the CRM's " + plan.qbo_total.to_string() + " (tax " +
                   plan.qbo_total_tax.to_string() + ")";
  return result;
}

}  // namespace qbo_sync::tax
