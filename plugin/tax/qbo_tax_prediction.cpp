#include "tax/qbo_tax_prediction.h"

#include <algorithm>
#include <map>

#include "tax/exact_arithmetic.h"

namespace qbo_sync::tax {
namespace {

bool all_digits(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(),
                                      [](unsigned char c) { return c >= '0' && c <= '9'; });
}

struct RateIdOrder {
  bool operator()(const std::string& a, const std::string& b) const { return rate_id_less(a, b); }
};

// Splits a line's tax over its code's rates: each rate rounded on its own, and any cent the
// rounding leaves (tax-inclusive lines, where the line's tax is fixed first) to the largest rate.
std::optional<std::vector<int64_t>> split_over_rates(const TaxCode& code, int64_t base,
                                                     std::optional<int64_t> fixed_total) {
  std::vector<int64_t> taxes;
  int64_t sum = 0;
  std::size_t largest = 0;
  for (std::size_t r = 0; r < code.sales_rates.size(); ++r) {
    const auto tax = percent_of_minor(base, code.sales_rates[r].percent);
    if (!tax) return std::nullopt;
    taxes.push_back(*tax);
    sum += *tax;
    if (code.sales_rates[r].percent > code.sales_rates[largest].percent) largest = r;
  }
  if (fixed_total && !taxes.empty()) taxes[largest] += *fixed_total - sum;
  return taxes;
}

}  // namespace

bool rate_id_less(const std::string& a, const std::string& b) {
  if (all_digits(a) && all_digits(b) && a.size() != b.size()) return a.size() < b.size();
  return a < b;
}

std::optional<QboPrediction> predict_qbo_totals(const std::vector<PredictionLine>& lines,
                                                int64_t discount_minor, TaxCalculation mode) {
  QboPrediction prediction;
  prediction.discount_minor = discount_minor;
  std::vector<int64_t> amounts;
  for (const auto& line : lines) {
    if (!line.code) return std::nullopt;
    amounts.push_back(line.amount_minor);
    prediction.subtotal_minor += line.amount_minor;
  }
  auto shares = allocate_pro_rata(discount_minor, amounts);
  if (!shares) return std::nullopt;
  prediction.discount_shares = *shares;

  std::map<std::string, PredictedTaxLine, RateIdOrder> per_rate;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const TaxCode& code = *lines[i].code;
    int64_t base = 0;
    std::optional<int64_t> line_tax;
    if (mode == TaxCalculation::tax_excluded) {
      base = lines[i].amount_minor - prediction.discount_shares[i];
    } else {
      // Gross → net per line, then the discount's own net and tax parts (QBO's line-by-line
      // rounding of a discounted tax-inclusive document).
      const money::Decimal combined = code.total_percent();
      const auto net = net_of_tax_inclusive(lines[i].amount_minor, combined);
      const auto discount_tax = tax_of_tax_inclusive(prediction.discount_shares[i], combined);
      if (!net || !discount_tax) return std::nullopt;
      const int64_t discount_net = prediction.discount_shares[i] - *discount_tax;
      base = *net - discount_net;
      line_tax = (lines[i].amount_minor - *net) - *discount_tax;
    }
    const auto taxes = split_over_rates(code, base, line_tax);
    if (!taxes) return std::nullopt;
    prediction.taxable_bases.push_back(base);
    prediction.line_rate_taxes.push_back(*taxes);
    for (std::size_t r = 0; r < code.sales_rates.size(); ++r) {
      const auto& rate = code.sales_rates[r];
      auto& tax_line = per_rate[rate.id];
      tax_line.rate_id = rate.id;
      tax_line.rate_name = rate.name;
      tax_line.percent = rate.percent;
      tax_line.net_amount_taxable_minor += base;
      tax_line.amount_minor += (*taxes)[r];
      tax_line.line_count += 1;
      prediction.total_tax_minor += (*taxes)[r];
    }
  }
  for (auto& [id, tax_line] : per_rate) prediction.tax_lines.push_back(std::move(tax_line));
  if (mode == TaxCalculation::tax_excluded)
    prediction.total_amount_minor =
        prediction.subtotal_minor - discount_minor + prediction.total_tax_minor;
  else
    prediction.total_amount_minor = prediction.subtotal_minor - discount_minor;
  return prediction;
}

}  // namespace qbo_sync::tax
