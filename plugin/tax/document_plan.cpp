#include "tax/document_plan.h"

#include <algorithm>
#include <map>

#include "tax/exact_arithmetic.h"
#include "tax/qbo_tax_prediction.h"

namespace qbo_sync::tax {
namespace {

using money::Amount;
using money::Decimal;

// The CRM document's own arithmetic, in minor units.
struct CrmFigures {
  std::vector<int64_t> gross;           // round(qty × unit price) per line
  std::vector<int64_t> after_discount;  // gross − the line's own discount
  std::vector<int64_t> line_tax;        // Σ the line's tax amounts
  int64_t subtotal = 0;                 // Σ after_discount
  int64_t document_discount = 0;        // Σ document discounts
  int64_t tax_sum = 0;                  // Σ line_tax
};

std::string pointer(std::size_t line, std::string_view member) {
  return "/lines/" + std::to_string(line) + "/" + std::string(member);
}

Amount amount_of(int64_t minor, int digits) {
  return Amount{minor, digits};
}

std::string money_text(int64_t minor, int digits) {
  return minor_to_decimal(minor, digits).to_string();
}

std::optional<InvalidDocument> check_digits(const Amount& amount, int digits, std::string field) {
  if (amount.digits != digits)
    return InvalidDocument{std::move(field), "the amount has " + std::to_string(amount.digits) +
                                                 " decimals; the currency has " +
                                                 std::to_string(digits)};
  return std::nullopt;
}

std::optional<InvalidDocument> check_document_header(const SalesDocument& document) {
  const int digits = document.currency_digits;
  if (digits < 0 || digits > 4)
    return InvalidDocument{"/currency_digits", "a currency has 0 to 4 minor-unit digits"};
  if (document.lines.empty()) return InvalidDocument{"/lines", "the document has no lines"};
  if (auto bad = check_digits(document.total, digits, "/total")) return *bad;
  if (auto bad = check_digits(document.tax_total, digits, "/tax_total")) return *bad;
  return std::nullopt;
}

// Checks one of a line's taxes against the line it is on.
std::optional<InvalidDocument> check_line_tax(const SalesLine& line, std::size_t i, std::size_t t,
                                              int digits) {
  const LineTax& tax = line.taxes[t];
  const std::string field = pointer(i, "taxes/" + std::to_string(t));
  if (auto bad = check_digits(tax.amount, digits, field + "/amount")) return *bad;
  if (tax.rate_percent.is_negative())
    return InvalidDocument{field + "/rate_percent", "a tax rate may not be negative"};
  if (tax.amount.minor < 0)
    return InvalidDocument{field + "/amount", "a tax amount may not be negative"};
  if (tax.rate_percent.is_zero() && tax.amount.minor != 0)
    return InvalidDocument{field + "/amount", "tax \"" + tax.name + "\" charges " +
                                                  tax.amount.to_string() + " at a 0 % rate"};
  if (!tax.rate_percent.is_zero() && line.exemption != Exemption::none)
    return InvalidDocument{pointer(i, "exemption"),
                           "the line is marked untaxed but charges \"" + tax.name + "\" at " +
                               tax.rate_percent.to_canonical_string() + " %"};
  return std::nullopt;
}

// Checks line i and adds its amounts to the figures.
std::optional<InvalidDocument> add_line_figures(const SalesDocument& document, std::size_t i,
                                                CrmFigures& figures) {
  const int digits = document.currency_digits;
  const SalesLine& line = document.lines[i];
  if (line.quantity.mantissa() <= 0)
    return InvalidDocument{pointer(i, "quantity"), "the quantity must be greater than zero"};
  if (line.unit_price.is_negative())
    return InvalidDocument{pointer(i, "unit_price"), "the unit price may not be negative"};
  if (auto bad = check_digits(line.discount, digits, pointer(i, "discount"))) return *bad;
  const auto gross = round_product_to_minor(line.quantity, line.unit_price, digits);
  if (!gross)
    return InvalidDocument{pointer(i, "unit_price"), "quantity × unit price is too large"};
  if (line.discount.minor < 0 || line.discount.minor > *gross)
    return InvalidDocument{
        pointer(i, "discount"),
        "the line discount must be between 0 and the line amount " + money_text(*gross, digits)};
  int64_t line_tax = 0;
  for (std::size_t t = 0; t < line.taxes.size(); ++t) {
    if (auto bad = check_line_tax(line, i, t, digits)) return *bad;
    line_tax += line.taxes[t].amount.minor;
  }
  if (line.stated_taxable && charged_taxes(line).empty())
    return InvalidDocument{pointer(i, "taxes"),
                           "the line is stated taxable but charges no tax above 0 %"};
  if (document.tax_inclusive && line_tax > *gross - line.discount.minor)
    return InvalidDocument{pointer(i, "taxes"),
                           "the tax included in the line exceeds the line's amount " +
                               money_text(*gross - line.discount.minor, digits)};
  figures.gross.push_back(*gross);
  figures.after_discount.push_back(*gross - line.discount.minor);
  figures.line_tax.push_back(line_tax);
  figures.subtotal += *gross - line.discount.minor;
  figures.tax_sum += line_tax;
  return std::nullopt;
}

// Checks document discount d and adds it to the figures (a percent applies to the subtotal).
std::optional<InvalidDocument> add_document_discount(const SalesDocument& document, std::size_t d,
                                                     CrmFigures& figures) {
  const DocumentDiscount& discount = document.discounts[d];
  const std::string field = "/discounts/" + std::to_string(d);
  if (discount.amount.has_value() == discount.percent.has_value())
    return InvalidDocument{field, "a document discount has either an amount or a percent"};
  if (discount.amount) {
    if (auto bad = check_digits(*discount.amount, document.currency_digits, field + "/amount"))
      return *bad;
    if (discount.amount->minor < 0)
      return InvalidDocument{field + "/amount", "a discount may not be negative"};
    figures.document_discount += discount.amount->minor;
    return std::nullopt;
  }
  if (discount.percent->is_negative() || *discount.percent > Decimal::from_integer(100))
    return InvalidDocument{field + "/percent", "a discount percent is between 0 and 100"};
  const auto share = percent_of_minor(figures.subtotal, *discount.percent);
  if (!share) return InvalidDocument{field + "/percent", "the discount is too large to compute"};
  figures.document_discount += *share;
  return std::nullopt;
}

std::variant<CrmFigures, InvalidDocument> crm_figures(const SalesDocument& document) {
  if (auto bad = check_document_header(document)) return *bad;
  CrmFigures figures;
  for (std::size_t i = 0; i < document.lines.size(); ++i) {
    if (auto bad = add_line_figures(document, i, figures)) return *bad;
  }
  for (std::size_t d = 0; d < document.discounts.size(); ++d) {
    if (auto bad = add_document_discount(document, d, figures)) return *bad;
  }
  if (figures.document_discount > figures.subtotal)
    return InvalidDocument{"/discounts",
                           "the document discounts exceed the lines' total " +
                               money_text(figures.subtotal, document.currency_digits)};
  return figures;
}

TotalMismatchHold hold(MismatchCause cause, const SalesDocument& document, int64_t computed_total,
                       int64_t computed_tax, std::string message) {
  const int digits = document.currency_digits;
  TotalMismatchHold result;
  result.cause = cause;
  result.crm_total = document.total;
  result.computed_total = amount_of(computed_total, digits);
  result.difference_minor = computed_total - document.total.minor;
  result.crm_total_tax = document.tax_total;
  result.computed_total_tax = amount_of(computed_tax, digits);
  result.message = std::move(message);
  return result;
}

std::optional<TotalMismatchHold> check_adds_up(const SalesDocument& document,
                                               const CrmFigures& figures) {
  const int digits = document.currency_digits;
  const int64_t lines_total = document.tax_inclusive
                                  ? figures.subtotal - figures.document_discount
                                  : figures.subtotal - figures.document_discount + figures.tax_sum;
  if (lines_total != document.total.minor) {
    const std::string formula = document.tax_inclusive ? "lines (tax included) − discounts = "
                                                       : "lines − discounts + tax = ";
    return hold(MismatchCause::crm_document_does_not_add_up, document, lines_total, figures.tax_sum,
                "The CRM document does not add up: " + formula + money_text(lines_total, digits) +
                    " " + document.currency + ", but its total is " + document.total.to_string() +
                    " (difference " + money_text(lines_total - document.total.minor, digits) + ")");
  }
  if (figures.tax_sum != document.tax_total.minor) {
    return hold(MismatchCause::crm_document_does_not_add_up, document, lines_total, figures.tax_sum,
                "The CRM document does not add up: its lines' taxes come to " +
                    money_text(figures.tax_sum, digits) + " " + document.currency +
                    ", but its tax total is " + document.tax_total.to_string() +
                    " (document total " + document.total.to_string() + ")");
  }
  return std::nullopt;
}

// Qty and UnitPrice for a sent amount: the CRM's own when the amount is theirs, otherwise a
// seven-decimal price that reproduces the amount exactly.
void set_quantity_and_price(PlannedLine& planned, const SalesLine& line, int64_t crm_gross,
                            int digits) {
  if (planned.amount.minor == crm_gross &&
      line.unit_price.significant_decimals() <= kUnitPriceDecimals) {
    planned.quantity = line.quantity;
    planned.unit_price = line.unit_price;
    return;
  }
  if (const auto price = unit_price_for(planned.amount.minor, digits, line.quantity)) {
    planned.quantity = line.quantity;
    planned.unit_price = *price;
  }
}

PlanOutcome plan_united_states(const SalesDocument& document, const TenantTaxModel& model,
                               const CrmFigures& figures) {
  const int digits = document.currency_digits;
  const auto shares = allocate_pro_rata(figures.document_discount, figures.after_discount);
  if (!shares)
    return InvalidDocument{"/discounts", "the discount cannot be spread over lines worth nothing"};
  DocumentPlan plan;
  plan.regime = TaxRegime::united_states;
  plan.currency = document.currency;
  plan.global_tax_calculation = GlobalTaxCalculation::omitted;
  int64_t total = 0;
  for (std::size_t i = 0; i < document.lines.size(); ++i) {
    // Discounts and tax folded into the price: QBO then holds exactly the CRM's total.
    int64_t folded = figures.after_discount[i] - (*shares)[i];
    if (!document.tax_inclusive) folded += figures.line_tax[i];
    PlannedLine planned;
    planned.crm_line_index = i;
    planned.description = document.lines[i].product_name;
    planned.amount = amount_of(folded, digits);
    planned.tax_code_id = "NON";
    set_quantity_and_price(planned, document.lines[i], figures.gross[i], digits);
    plan.lines.push_back(std::move(planned));
    total += folded;
  }
  if (model.automated_sales_tax) plan.tax_override = PlannedTaxDetail{amount_of(0, digits), {}};
  plan.qbo_total_tax = amount_of(0, digits);
  plan.qbo_total = amount_of(total, digits);
  if (total != document.total.minor)
    return hold(MismatchCause::qbo_total_would_differ, document, total, 0,
                "QBO would hold " + money_text(total, digits) + " but the CRM total is " +
                    document.total.to_string());
  return plan;
}

// How a line's CRM taxes map onto its QBO code's rates.
enum class Attribution { untaxed, one_to_one, combined };

std::variant<Attribution, MissingTaxMapping> attribution_for(const SalesLine& line,
                                                             std::size_t index,
                                                             const TaxCode& code) {
  const auto taxes = charged_taxes(line);
  std::vector<Decimal> crm_percents;
  Decimal crm_sum;
  for (const auto* tax : taxes) {
    crm_percents.push_back(tax->rate_percent);
    crm_sum = Decimal::add(crm_sum, tax->rate_percent).value_or(crm_sum);
  }
  std::vector<Decimal> code_percents;
  for (const auto& rate : code.sales_rates) {
    if (!rate.percent.is_zero()) code_percents.push_back(rate.percent);
  }
  std::sort(crm_percents.begin(), crm_percents.end());
  std::sort(code_percents.begin(), code_percents.end());
  if (crm_percents == code_percents)
    return taxes.empty() ? Attribution::untaxed : Attribution::one_to_one;
  if (!taxes.empty() && code.total_percent() == crm_sum) return Attribution::combined;
  MissingTaxMapping result;
  result.line_index = index;
  result.line_name = line.product_name;
  result.missing_mapping = "tax at " + describe_rates(crm_percents);
  result.message = "Line " + std::to_string(index + 1) + " (\"" + line.product_name +
                   "\") is taxed at " + describe_rates(crm_percents) + " in the CRM, but its QBO " +
                   "TaxCode \"" + code.name + "\" (Id " + code.id + ") charges " +
                   describe_rates(code_percents) + "; correct the tax mapping";
  return result;
}

int64_t tolerance_for(const PredictedTaxLine& tax_line, bool discount_line,
                      const PlanOptions& options) {
  if (options.tolerance == RoundingToleranceKind::fixed) return options.fixed_tolerance_minor;
  const int64_t roundings = tax_line.line_count + (discount_line ? 1 : 0);
  return std::max<int64_t>(1, (roundings + 1) / 2);
}

std::vector<PlannedTaxLine> planned_tax_lines(const std::vector<PredictedTaxLine>& predicted,
                                              const std::map<std::string, int64_t>* amounts,
                                              int digits) {
  std::vector<PlannedTaxLine> lines;
  for (const auto& tax_line : predicted) {
    int64_t amount = tax_line.amount_minor;
    if (amounts) {
      const auto found = amounts->find(tax_line.rate_id);
      amount = found == amounts->end() ? 0 : found->second;
    }
    lines.push_back({tax_line.rate_id, tax_line.rate_name, tax_line.percent,
                     amount_of(tax_line.net_amount_taxable_minor, digits),
                     amount_of(amount, digits)});
  }
  return lines;
}

// Each line's QBO TaxCode and how its CRM taxes map onto the code's rates.
struct LineCodes {
  std::vector<const TaxCode*> codes;
  std::vector<Attribution> attributions;
};

std::variant<LineCodes, MissingTaxMapping> resolve_line_codes(const SalesDocument& document,
                                                              const TenantTaxModel& model,
                                                              const TaxMappingOverrides& overrides,
                                                              const std::string& province) {
  LineCodes result;
  for (std::size_t i = 0; i < document.lines.size(); ++i) {
    auto resolved = resolve_line_tax_code(model, overrides, document.lines[i], i, province);
    if (auto* blocked = std::get_if<MissingTaxMapping>(&resolved)) return std::move(*blocked);
    const TaxCode* code = std::get<const TaxCode*>(resolved);
    auto attribution = attribution_for(document.lines[i], i, *code);
    if (auto* blocked = std::get_if<MissingTaxMapping>(&attribution)) return std::move(*blocked);
    result.codes.push_back(code);
    result.attributions.push_back(std::get<Attribution>(attribution));
  }
  return result;
}

// How the document is sent: inclusive or net prices, and the document discount folded or not.
struct SendingChoice {
  bool send_inclusive = false;
  bool fold_discounts = false;
};

SendingChoice sending_choice(const SalesDocument& document, const PlanOptions& options) {
  SendingChoice choice;
  choice.send_inclusive =
      document.tax_inclusive && options.inclusive_pricing == InclusivePricing::send_tax_inclusive;
  // Tax-inclusive prices sent net carry the CRM's own discounted net, so every discount is folded.
  choice.fold_discounts = (document.tax_inclusive && !choice.send_inclusive) ||
                          options.discount_handling == DocumentDiscountHandling::fold_into_lines;
  return choice;
}

// The amount sent for each line, with its share of a folded discount and without included tax.
std::variant<std::vector<PredictionLine>, InvalidDocument> sent_lines(const SalesDocument& document,
                                                                      const CrmFigures& figures,
                                                                      const LineCodes& line_codes,
                                                                      const SendingChoice& choice) {
  std::vector<int64_t> shares(document.lines.size(), 0);
  if (choice.fold_discounts) {
    const auto allocated = allocate_pro_rata(figures.document_discount, figures.after_discount);
    if (!allocated)
      return InvalidDocument{"/discounts",
                             "the discount cannot be spread over lines worth nothing"};
    shares = *allocated;
  }
  std::vector<PredictionLine> sent;
  for (std::size_t i = 0; i < document.lines.size(); ++i) {
    int64_t amount = figures.after_discount[i] - shares[i];
    if (document.tax_inclusive && !choice.send_inclusive) amount -= figures.line_tax[i];
    sent.push_back({amount, line_codes.codes[i]});
  }
  return sent;
}

// Adds a line's CRM taxes to the QBO rates of the same percent, each rate taken once.
void add_one_to_one_taxes(const SalesLine& line, const TaxCode& code,
                          std::map<std::string, int64_t>& crm_by_rate) {
  std::vector<bool> taken(code.sales_rates.size(), false);
  for (const auto* tax : charged_taxes(line)) {
    for (std::size_t r = 0; r < code.sales_rates.size(); ++r) {
      if (!taken[r] && code.sales_rates[r].percent == tax->rate_percent) {
        taken[r] = true;
        crm_by_rate[code.sales_rates[r].id] += tax->amount.minor;
        break;
      }
    }
  }
}

// One CRM tax for several QBO rates: split as QBO would, the rounding cent to the largest.
void add_combined_taxes(const TaxCode& code, const std::vector<int64_t>& predicted,
                        int64_t line_tax, std::map<std::string, int64_t>& crm_by_rate) {
  int64_t predicted_sum = 0;
  std::size_t largest = 0;
  for (std::size_t r = 0; r < code.sales_rates.size(); ++r) {
    predicted_sum += predicted[r];
    if (code.sales_rates[r].percent > code.sales_rates[largest].percent) largest = r;
  }
  for (std::size_t r = 0; r < code.sales_rates.size(); ++r) {
    crm_by_rate[code.sales_rates[r].id] +=
        predicted[r] + (r == largest ? line_tax - predicted_sum : 0);
  }
}

// The CRM's tax per QBO rate.
std::map<std::string, int64_t> crm_tax_by_rate(const SalesDocument& document,
                                               const CrmFigures& figures,
                                               const LineCodes& line_codes,
                                               const QboPrediction& prediction) {
  std::map<std::string, int64_t> crm_by_rate;
  for (std::size_t i = 0; i < document.lines.size(); ++i) {
    const TaxCode& code = *line_codes.codes[i];
    if (line_codes.attributions[i] == Attribution::one_to_one)
      add_one_to_one_taxes(document.lines[i], code, crm_by_rate);
    else if (line_codes.attributions[i] == Attribution::combined)
      add_combined_taxes(code, prediction.line_rate_taxes[i], figures.line_tax[i], crm_by_rate);
  }
  return crm_by_rate;
}

void add_planned_lines(DocumentPlan& plan, const SalesDocument& document, const CrmFigures& figures,
                       const std::vector<PredictionLine>& sent, const LineCodes& line_codes) {
  const int digits = document.currency_digits;
  for (std::size_t i = 0; i < document.lines.size(); ++i) {
    PlannedLine planned;
    planned.crm_line_index = i;
    planned.description = document.lines[i].product_name;
    planned.amount = amount_of(sent[i].amount_minor, digits);
    planned.tax_code_id = line_codes.codes[i]->id;
    planned.tax_code_name = line_codes.codes[i]->name;
    set_quantity_and_price(planned, document.lines[i], figures.gross[i], digits);
    plan.lines.push_back(std::move(planned));
  }
}

// Whether the CRM's tax differs from QBO's on some rate; a hold when one differs by more than
// rounding explains.
std::variant<bool, TotalMismatchHold> compare_rate_taxes(
    const SalesDocument& document, const QboPrediction& prediction,
    const std::map<std::string, int64_t>& crm_by_rate, bool discount_line,
    const PlanOptions& options) {
  const int digits = document.currency_digits;
  bool differs = false;
  for (const auto& tax_line : prediction.tax_lines) {
    const auto found = crm_by_rate.find(tax_line.rate_id);
    const int64_t crm_amount = found == crm_by_rate.end() ? 0 : found->second;
    const int64_t difference = crm_amount - tax_line.amount_minor;
    if (difference == 0) continue;
    differs = true;
    if (std::llabs(difference) > tolerance_for(tax_line, discount_line, options)) {
      return hold(MismatchCause::qbo_total_would_differ, document, prediction.total_amount_minor,
                  prediction.total_tax_minor,
                  "QBO would compute " + tax_line.rate_name + " (" +
                      tax_line.percent.to_canonical_string() + " %) as " +
                      money_text(tax_line.amount_minor, digits) + " where the CRM charged " +
                      money_text(crm_amount, digits) +
                      ", more than rounding explains; QBO's total " + "would be " +
                      money_text(prediction.total_amount_minor, digits) + " " + document.currency +
                      " against the CRM's " + document.total.to_string());
    }
  }
  return differs;
}

// Sets the plan's tax lines and totals (the CRM's tax per rate when it differs from QBO's) and
// holds the document when QBO would still hold other totals than the CRM.
PlanOutcome finish_tax_totals(DocumentPlan plan, const SalesDocument& document,
                              const QboPrediction& prediction,
                              const std::map<std::string, int64_t>& crm_by_rate, bool differs,
                              bool send_inclusive, int64_t discount_sent) {
  const int digits = document.currency_digits;
  int64_t qbo_total = prediction.total_amount_minor;
  int64_t qbo_tax = prediction.total_tax_minor;
  if (differs) {
    PlannedTaxDetail detail;
    detail.total_tax = document.tax_total;
    detail.tax_lines = planned_tax_lines(prediction.tax_lines, &crm_by_rate, digits);
    plan.qbo_tax_lines = detail.tax_lines;
    plan.tax_override = std::move(detail);
    qbo_tax = document.tax_total.minor;
    if (!send_inclusive) qbo_total = prediction.subtotal_minor - discount_sent + qbo_tax;
  } else {
    plan.qbo_tax_lines = plan.qbo_computed_tax_lines;
  }
  plan.qbo_total_tax = amount_of(qbo_tax, digits);
  plan.qbo_total = amount_of(qbo_total, digits);
  if (qbo_total != document.total.minor || qbo_tax != document.tax_total.minor) {
    return hold(MismatchCause::qbo_total_would_differ, document, qbo_total, qbo_tax,
                "QBO would hold a total of " + money_text(qbo_total, digits) + " (tax " +
                    money_text(qbo_tax, digits) + ") " + document.currency + " against the CRM's " +
                    document.total.to_string() + " (tax " + document.tax_total.to_string() + ")");
  }
  return plan;
}

PlanOutcome plan_with_tax_codes(const SalesDocument& document, const TenantTaxModel& model,
                                const TaxMappingOverrides& overrides, const PlanOptions& options,
                                const CrmFigures& figures) {
  const int digits = document.currency_digits;
  const std::string province =
      document.customer_province.empty() ? model.company_province : document.customer_province;
  auto resolved = resolve_line_codes(document, model, overrides, province);
  if (auto* blocked = std::get_if<MissingTaxMapping>(&resolved)) return std::move(*blocked);
  const auto& line_codes = std::get<LineCodes>(resolved);

  const SendingChoice choice = sending_choice(document, options);
  auto sending = sent_lines(document, figures, line_codes, choice);
  if (auto* invalid = std::get_if<InvalidDocument>(&sending)) return std::move(*invalid);
  const auto& sent = std::get<std::vector<PredictionLine>>(sending);
  const int64_t discount_sent = choice.fold_discounts ? 0 : figures.document_discount;
  const auto prediction = predict_qbo_totals(
      sent, discount_sent,
      choice.send_inclusive ? TaxCalculation::tax_inclusive : TaxCalculation::tax_excluded);
  if (!prediction) return InvalidDocument{"/lines", "the document's amounts are out of range"};
  const auto crm_by_rate = crm_tax_by_rate(document, figures, line_codes, *prediction);

  DocumentPlan plan;
  plan.regime = model.regime;
  plan.currency = document.currency;
  plan.global_tax_calculation = choice.send_inclusive ? GlobalTaxCalculation::tax_inclusive
                                                      : GlobalTaxCalculation::tax_excluded;
  add_planned_lines(plan, document, figures, sent, line_codes);
  if (discount_sent > 0) {
    plan.discount = amount_of(discount_sent, digits);
    plan.subtotal = amount_of(prediction->subtotal_minor, digits);
  }
  plan.qbo_computed_tax_lines = planned_tax_lines(prediction->tax_lines, nullptr, digits);

  auto compared =
      compare_rate_taxes(document, *prediction, crm_by_rate, discount_sent > 0, options);
  if (auto* held = std::get_if<TotalMismatchHold>(&compared)) return std::move(*held);
  return finish_tax_totals(std::move(plan), document, *prediction, crm_by_rate,
                           std::get<bool>(compared), choice.send_inclusive, discount_sent);
}

}  // namespace

PlanOutcome plan_document(const SalesDocument& document, const TenantTaxModel& model,
                          const TaxMappingOverrides& overrides, const PlanOptions& options) {
  auto figures = crm_figures(document);
  if (auto* invalid = std::get_if<InvalidDocument>(&figures)) return std::move(*invalid);
  const auto& crm = std::get<CrmFigures>(figures);
  if (auto held = check_adds_up(document, crm)) return std::move(*held);
  if (model.regime == TaxRegime::united_states) return plan_united_states(document, model, crm);
  return plan_with_tax_codes(document, model, overrides, options, crm);
}

}  // namespace qbo_sync::tax
