// The plugin's own prediction of what QBO computes for a non-US sales document: line-level tax
// rounded half up per line and per rate, a document discount spread pro rata over the lines
// before tax, and the tax-inclusive back-calculation (QBO computes and rounds tax line by line).
// Written independently of the QBO sandbox's rules so that each checks the other.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "money/decimal.h"
#include "tax/tax_model.h"

namespace qbo_sync::tax {

enum class TaxCalculation {
  tax_excluded,  // line amounts are net; QBO adds tax
  tax_inclusive  // line amounts are gross; QBO backs the tax out of each line
};

struct PredictionLine {
  int64_t amount_minor = 0;       // as sent: net for tax_excluded, gross for tax_inclusive
  const TaxCode* code = nullptr;  // the line's TaxCodeRef
};

struct PredictedTaxLine {
  std::string rate_id;
  std::string rate_name;
  money::Decimal percent;
  int64_t net_amount_taxable_minor = 0;
  int64_t amount_minor = 0;
  int line_count = 0;  // lines taxed at this rate
};

struct QboPrediction {
  std::vector<int64_t> discount_shares;  // the document discount as QBO spreads it over the lines
  std::vector<int64_t> taxable_bases;    // each line's net amount after its discount share
  // Each line's tax per sales rate of its code, in the code's rate order.
  std::vector<std::vector<int64_t>> line_rate_taxes;
  std::vector<PredictedTaxLine> tax_lines;  // one per sales rate, 0 % included, ascending Id
  int64_t subtotal_minor = 0;               // Σ line amounts as sent
  int64_t discount_minor = 0;               // the document discount as sent
  int64_t total_tax_minor = 0;
  int64_t total_amount_minor = 0;  // QBO's TotalAmt
};

// nullopt when a line has no code, amounts overflow, or the discount cannot be spread (lines
// summing to zero under a non-zero discount).
std::optional<QboPrediction> predict_qbo_totals(const std::vector<PredictionLine>& lines,
                                                int64_t discount_minor, TaxCalculation mode);

// Orders TaxRateRef Ids as QBO lists its TaxLines: numerically when both are numbers.
bool rate_id_less(const std::string& a, const std::string& b);

}  // namespace qbo_sync::tax
