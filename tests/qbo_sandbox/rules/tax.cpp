// Totals, tax and line validation as QBO computes them (line by line, then summed per rate).

#include "tax.h"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include <boost/json/value.hpp>

#include "decimal.h"

namespace qbo_sandbox::tax {
namespace {

const Decimal kZero;
const Decimal kHundred = Decimal::from_integer(100);
constexpr int kCents = 2;
constexpr int kUnitPricePlaces = 7;

Decimal cents(const Decimal& value) {
  return value.round(kCents);
}

// ---------------------------------------------------------------------------------------------
// Faults with QBO's texts.

Fault business_fault(std::string detail) {
  return make_fault("6000",
                    "A business validation error has occurred while processing your request",
                    "Business Validation Error: " + std::move(detail));
}

Fault missing_tax_code_fault() {
  return business_fault("Make sure all your transactions have a GST/HST rate before you save.");
}

Fault invalid_reference_fault(std::string what, std::string element) {
  return make_fault("2500", "Invalid Reference Id", "Invalid Reference Id : " + std::move(what),
                    std::move(element));
}

Fault invalid_property_fault(std::string element, std::string detail) {
  return make_fault("2010", "Request has invalid or unsupported property",
                    "Property Name:" + std::move(detail), std::move(element));
}

Fault missing_required_fault(std::string element) {
  return make_fault("2020", "Required param missing, need to supply the required value for the API",
                    "Required parameter " + element + " is missing in the request", element);
}

// "1,861.07": QBO prints the supplied value with thousands separators.
std::string with_thousands(const Decimal& value) {
  std::string text = value.to_string();
  const bool negative = !text.empty() && text.front() == '-';
  if (negative) {
    text.erase(0, 1);
  }
  const std::size_t point = text.find('.');
  std::string integral = text.substr(0, point);
  const std::string fraction = point == std::string::npos ? "" : text.substr(point);
  for (int position = static_cast<int>(integral.size()) - 3; position > 0; position -= 3) {
    integral.insert(static_cast<std::size_t>(position), ",");
  }
  return (negative ? "-" : "") + integral + fraction;
}

Fault amount_mismatch_fault(const Decimal& supplied) {
  return make_fault(
      "6070", "Amount calculation incorrect in the request",
      "Amount is not equal to UnitPrice * Qty. Supplied value:" + with_thousands(supplied));
}

// Thrown inside the computation and turned into the returned Fault.
struct Refusal {
  Fault fault;
};

// ---------------------------------------------------------------------------------------------
// Reading the request.

const boost::json::object* object_at(const boost::json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value != nullptr ? value->if_object() : nullptr;
}

std::optional<std::string> reference_id(const boost::json::object& object, std::string_view key) {
  const auto* reference = object_at(object, key);
  if (reference == nullptr) {
    return std::nullopt;
  }
  const auto* value = reference->if_contains("value");
  if (value == nullptr || !value->is_string() || value->get_string().empty()) {
    return std::nullopt;
  }
  return std::string(value->get_string());
}

// A number field; absent gives nullopt, anything that is not a number is refused.
std::optional<Decimal> number_at(const boost::json::object& object, std::string_view key,
                                 const std::string& element) {
  const auto* value = object.if_contains(key);
  if (value == nullptr || value->is_null()) {
    return std::nullopt;
  }
  auto number = value->is_number() ? Decimal::from_json(*value) : std::nullopt;
  if (!number) {
    throw Refusal{invalid_property_fault(element, element + " is not a valid number")};
  }
  return number;
}

std::string string_at(const boost::json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value != nullptr && value->is_string() ? std::string(value->get_string()) : std::string();
}

bool bool_at(const boost::json::object& object, std::string_view key, bool fallback) {
  const auto* value = object.if_contains(key);
  return value != nullptr && value->is_bool() ? value->get_bool() : fallback;
}

// ---------------------------------------------------------------------------------------------
// The company's tax tables.

struct RateInfo {
  std::string id;
  Decimal percent;
};

class TaxTables {
 public:
  TaxTables(const boost::json::array& codes, const boost::json::array& rates,
            std::string transaction_date)
      : codes_(codes), rates_(rates), date_(std::move(transaction_date)) {}

  const boost::json::object* code(const std::string& id) const { return find(codes_, id); }

  // The sales rates of a code, at the rate in force on the transaction date.
  std::vector<RateInfo> sales_rates(const boost::json::object& code) const {
    std::vector<RateInfo> result;
    const auto* list = object_at(code, "SalesTaxRateList");
    const auto* details = list != nullptr ? list->if_contains("TaxRateDetail") : nullptr;
    if (details == nullptr || !details->is_array()) {
      return result;
    }
    for (const auto& detail : details->get_array()) {
      if (!detail.is_object()) {
        continue;
      }
      const auto rate_id = reference_id(detail.get_object(), "TaxRateRef");
      if (!rate_id) {
        continue;
      }
      const boost::json::object* rate = find(rates_, *rate_id);
      if (rate == nullptr) {
        throw Refusal{invalid_reference_fault("TaxRate", "TaxRateRef")};
      }
      result.push_back({*rate_id, rate_value(*rate)});
    }
    return result;
  }

 private:
  // A company has a few dozen codes and rates: a scan beats building an index per document.
  static const boost::json::object* find(const boost::json::array& objects, std::string_view id) {
    for (const auto& value : objects) {
      const auto* object = value.if_object();
      const auto* object_id = object != nullptr ? object->if_contains("Id") : nullptr;
      if (object_id != nullptr && object_id->is_string() && object_id->get_string() == id) {
        return object;
      }
    }
    return nullptr;
  }

  Decimal rate_value(const boost::json::object& rate) const {
    if (!date_.empty()) {
      if (const auto* effective = rate.if_contains("EffectiveTaxRate");
          effective != nullptr && effective->is_array()) {
        for (const auto& period : effective->get_array()) {
          if (!period.is_object()) {
            continue;
          }
          const std::string from = string_at(period.get_object(), "EffectiveDate").substr(0, 10);
          const std::string to = string_at(period.get_object(), "EndDate").substr(0, 10);
          if (!from.empty() && from <= date_ && (to.empty() || date_ <= to)) {
            if (const auto* value = period.get_object().if_contains("RateValue")) {
              if (auto decimal = Decimal::from_json(*value)) {
                return *decimal;
              }
            }
          }
        }
      }
    }
    const auto* value = rate.if_contains("RateValue");
    const auto decimal = value != nullptr ? Decimal::from_json(*value) : std::nullopt;
    return decimal.value_or(kZero);
  }

  const boost::json::array& codes_;
  const boost::json::array& rates_;
  std::string date_;  // YYYY-MM-DD, may be empty
};

// ---------------------------------------------------------------------------------------------
// The computation.

enum class Mode { tax_excluded, tax_inclusive, not_applicable };

// One sales line (a SalesItemLineDetail line, or one inside a group).
struct SalesLine {
  boost::json::object* line = nullptr;
  std::string element;          // "Line[2]" for messages
  Decimal gross;                // TaxInclusive: the amount with tax
  Decimal net;                  // the amount before tax
  std::vector<RateInfo> rates;  // sales rates that apply to it
  bool taxable_us = false;      // US: TAX line
  Decimal discount;             // its share of the document discount (net)
  Decimal discount_gross;       // TaxInclusive: its share of the gross discount
};

// Splits `total` over `weights` pro rata, rounded to cents; the largest weight absorbs the
// residual so that the shares add up to `total` exactly.
std::vector<Decimal> allocate(const Decimal& total, const std::vector<Decimal>& weights) {
  std::vector<Decimal> shares(weights.size());
  Decimal sum;
  for (const auto& weight : weights) {
    sum += weight;
  }
  if (weights.empty() || sum.is_zero()) {
    return shares;
  }
  Decimal allocated;
  std::size_t largest = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    shares[i] = (total * weights[i]).divide(sum, kCents);
    allocated += shares[i];
    if (weights[i] > weights[largest]) {
      largest = i;
    }
  }
  shares[largest] += total - allocated;
  return shares;
}

class TotalsComputation {
 public:
  TotalsComputation(boost::json::object& transaction, std::string_view entity, Region region,
                    const boost::json::array& tax_codes, const boost::json::array& tax_rates)
      : transaction_(transaction),
        entity_(entity),
        region_(region),
        tables_(tax_codes, tax_rates, string_at(transaction, "TxnDate").substr(0, 10)) {}

  void run(const Decimal& amount_applied) {
    read_mode();
    auto* lines_value = transaction_.if_contains("Line");
    if (lines_value == nullptr || lines_value->is_null()) {
      throw Refusal{missing_required_fault("Line")};
    }
    if (!lines_value->is_array()) {
      throw Refusal{invalid_property_fault("Line", "Line must be an array")};
    }
    collect_lines(lines_value->as_array());
    apply_discount();
    compute_tax();
    write_lines(lines_value->as_array());
    write_totals(amount_applied);
  }

 private:
  void read_mode() {
    const std::string mode = string_at(transaction_, "GlobalTaxCalculation");
    if (region_ == Region::united_states) {
      mode_ = Mode::tax_excluded;  // "Not applicable to US companies": the field is ignored
      return;
    }
    if (mode.empty() || mode == "TaxExcluded") {
      mode_ = Mode::tax_excluded;
    } else if (mode == "TaxInclusive") {
      mode_ = Mode::tax_inclusive;
    } else if (mode == "NotApplicable") {
      mode_ = Mode::not_applicable;
    } else {
      throw Refusal{invalid_property_fault(
          "GlobalTaxCalculation",
          "GlobalTaxCalculation must be TaxExcluded, TaxInclusive or NotApplicable")};
    }
  }

  void collect_lines(boost::json::array& lines) {
    int next_id = 1;
    for (const auto& line : lines) {
      if (const auto* object = line.if_object()) {
        const auto id = Decimal::parse(string_at(*object, "Id"));
        if (id && !id->is_negative() && id->scale() == 0 &&
            *id < Decimal::from_integer(1'000'000)) {
          next_id = std::max(next_id, std::stoi(id->to_string()) + 1);
        }
      }
    }
    boost::json::array kept;
    int line_number = 0;
    for (std::size_t index = 0; index < lines.size(); ++index) {
      const std::string element = "Line[" + std::to_string(index) + "]";
      if (!lines[index].is_object()) {
        throw Refusal{invalid_property_fault(element, element + " must be an object")};
      }
      boost::json::object& line = lines[index].as_object();
      const std::string type = string_at(line, "DetailType");
      if (type == "SubTotalLineDetail") {
        continue;  // QBO computes the subtotal itself
      }
      if (type == "SalesItemLineDetail" || type == "GroupLineDetail" || type == "DescriptionOnly") {
        if (!line.contains("Id")) {
          line["Id"] = std::to_string(next_id++);
        }
        line["LineNum"] = ++line_number;
      } else if (type != "DiscountLineDetail") {
        if (type.empty()) {
          throw Refusal{missing_required_fault("Line.DetailType")};
        }
        throw Refusal{invalid_property_fault(
            element + ".DetailType",
            "DetailType " + type + " is not valid on a " + std::string(entity_) + " line")};
      }
      kept.push_back(lines[index]);
    }
    lines = std::move(kept);
    for (std::size_t index = 0; index < lines.size(); ++index) {
      boost::json::object& line = lines[index].as_object();
      const std::string type = string_at(line, "DetailType");
      const std::string element = "Line[" + std::to_string(index) + "]";
      if (type == "SalesItemLineDetail") {
        add_sales_line(line, element);
      } else if (type == "GroupLineDetail") {
        add_group(line, element);
      } else if (type == "DiscountLineDetail") {
        discount_lines_.push_back(&line);
      }
    }
  }

  void add_group(boost::json::object& group, const std::string& element) {
    auto* detail = group.if_contains("GroupLineDetail");
    auto* inner = detail != nullptr && detail->is_object() ? detail->as_object().if_contains("Line")
                                                           : nullptr;
    if (inner == nullptr || !inner->is_array()) {
      return;
    }
    const std::size_t first = sales_lines_.size();
    for (std::size_t index = 0; index < inner->as_array().size(); ++index) {
      auto& line = inner->as_array()[index];
      const std::string inner_element =
          element + ".GroupLineDetail.Line[" + std::to_string(index) + "]";
      if (line.is_object() && string_at(line.as_object(), "DetailType") == "SalesItemLineDetail") {
        add_sales_line(line.as_object(), inner_element);
      }
    }
    groups_.push_back({&group, first, sales_lines_.size()});
  }

  void add_sales_line(boost::json::object& line, const std::string& element) {
    SalesLine sales;
    sales.line = &line;
    sales.element = element;
    auto* detail_value = line.if_contains("SalesItemLineDetail");
    if (detail_value != nullptr && !detail_value->is_object()) {
      throw Refusal{invalid_property_fault(element + ".SalesItemLineDetail",
                                           "SalesItemLineDetail must be an object")};
    }
    if (detail_value == nullptr) {
      detail_value = &line.emplace("SalesItemLineDetail", boost::json::object()).first->value();
    }
    boost::json::object& detail = detail_value->as_object();

    const auto amount = number_at(line, "Amount", element + ".Amount");
    const auto inclusive_amount =
        number_at(detail, "TaxInclusiveAmt", element + ".SalesItemLineDetail.TaxInclusiveAmt");
    const auto quantity = number_at(detail, "Qty", element + ".SalesItemLineDetail.Qty");
    const auto unit_price =
        number_at(detail, "UnitPrice", element + ".SalesItemLineDetail.UnitPrice");
    if (!amount && !(mode_ == Mode::tax_inclusive && inclusive_amount)) {
      throw Refusal{missing_required_fault("Line.Amount")};
    }
    // Amount = Qty x UnitPrice, rounded half-up to the cent, or QBO refuses the line.
    if (quantity && unit_price) {
      const Decimal expected = cents(*quantity * *unit_price);
      const Decimal supplied = amount ? *amount : *inclusive_amount;
      if (supplied != expected) {
        throw Refusal{amount_mismatch_fault(supplied)};
      }
    }
    if (mode_ == Mode::tax_inclusive) {
      sales.gross = cents(inclusive_amount ? *inclusive_amount : *amount);
    } else {
      sales.net = cents(*amount);
    }
    resolve_tax_code(sales, detail);
    sales_lines_.push_back(std::move(sales));
  }

  void resolve_tax_code(SalesLine& sales, boost::json::object& detail) {
    const auto code_id = reference_id(detail, "TaxCodeRef");
    if (region_ == Region::united_states) {
      if (!code_id) {
        // A non-AST company treats a line without a code as non-taxable and says so.
        detail["TaxCodeRef"] = boost::json::object{{"value", "NON"}};
        return;
      }
      if (*code_id != "TAX" && *code_id != "NON") {
        Fault fault = business_fault("");
        fault.code = "6100";
        fault.message = "Invalid Line TaxCode in the request";
        fault.detail =
            "Valid line TaxCodes for US should be TAX or NON. Supplied value: " + *code_id;
        throw Refusal{fault};
      }
      sales.taxable_us = *code_id == "TAX";
      return;
    }
    if (mode_ == Mode::not_applicable) {
      return;
    }
    if (!code_id) {
      throw Refusal{missing_tax_code_fault()};
    }
    const boost::json::object* code = tables_.code(*code_id);
    if (code == nullptr) {
      throw Refusal{invalid_reference_fault("TaxCode", "Line.SalesItemLineDetail.TaxCodeRef")};
    }
    if (!bool_at(*code, "Active", true)) {
      throw Refusal{invalid_reference_fault(
          "Something you're trying to use has been made inactive. Check the fields with "
          "accounts, customers, items, vendors or employees.",
          "Line.SalesItemLineDetail.TaxCodeRef")};
    }
    sales.rates = tables_.sales_rates(*code);
    if (sales.rates.empty()) {
      // A code without sales rates (GST/HST Adjustment) cannot carry a sale.
      throw Refusal{missing_tax_code_fault()};
    }
    used_codes_.push_back(*code_id);
  }

  Decimal rate_total(const SalesLine& line) const {
    Decimal total;
    for (const auto& rate : line.rates) {
      total += rate.percent;
    }
    return total;
  }

  void apply_discount() {
    if (mode_ == Mode::tax_inclusive) {
      // Amount is net of tax per line: net = round(gross x 100 / (100 + R)).
      for (auto& line : sales_lines_) {
        line.net = (line.gross * kHundred).divide(kHundred + rate_total(line), kCents);
      }
    }
    for (const auto& line : sales_lines_) {
      subtotal_ += line.net;
      subtotal_gross_ += mode_ == Mode::tax_inclusive ? line.gross : line.net;
    }
    if (discount_lines_.empty()) {
      return;
    }
    Decimal discount;
    // The document discount, gross of tax in TaxInclusive mode.
    for (auto* line : discount_lines_) {
      const auto* detail = object_at(*line, "DiscountLineDetail");
      const bool percent_based = detail != nullptr && bool_at(*detail, "PercentBased", false);
      const auto percent = detail != nullptr ? number_at(*detail, "DiscountPercent",
                                                         "Line.DiscountLineDetail.DiscountPercent")
                                             : std::nullopt;
      const auto amount = number_at(*line, "Amount", "Line.Amount");
      if (percent_based && percent) {
        discount_amounts_.push_back((*percent * subtotal_gross_).divide(kHundred, kCents));
      } else if (amount) {
        discount_amounts_.push_back(cents(*amount));
      } else {
        Fault fault;
        fault.code = "6090";
        fault.message = "Discount Line missing required info";
        fault.detail = "Discount Line missing required info";
        throw Refusal{fault};
      }
      discount += discount_amounts_.back();
    }
    // Canada always takes the discount before tax; the US only with ApplyTaxAfterDiscount.
    const bool before_tax =
        region_ == Region::canada || bool_at(transaction_, "ApplyTaxAfterDiscount", false);
    std::vector<Decimal> weights;
    for (const auto& line : sales_lines_) {
      weights.push_back(mode_ == Mode::tax_inclusive ? line.gross : line.net);
    }
    const std::vector<Decimal> shares = allocate(discount, weights);
    for (std::size_t i = 0; i < sales_lines_.size(); ++i) {
      SalesLine& line = sales_lines_[i];
      if (mode_ == Mode::tax_inclusive) {
        line.discount_gross = shares[i];
        const Decimal rates = rate_total(line);
        line.discount = shares[i] - (shares[i] * rates).divide(kHundred + rates, kCents);
      } else {
        line.discount = shares[i];
      }
      discount_net_ += line.discount;
    }
    if (!before_tax) {
      for (auto& line : sales_lines_) {
        line.discount = kZero;  // taxed on the full amount
      }
    }
    if (subtotal_gross_.is_zero()) {
      discount_net_ = discount;  // nothing to spread it over
    }
  }

  struct TaxLineTotal {
    Decimal net_taxable;
    Decimal amount;
    Decimal percent;
  };

  void add_tax(const std::string& rate_id, const Decimal& percent, const Decimal& base,
               const Decimal& amount) {
    auto& total = tax_by_rate_[rate_id];
    total.net_taxable += base;
    total.amount += amount;
    total.percent = percent;
  }

  void compute_tax() {
    if (mode_ == Mode::not_applicable) {
      return;
    }
    if (region_ == Region::united_states) {
      compute_us_tax();
      return;
    }
    for (const auto& line : sales_lines_) {
      const Decimal base = line.net - line.discount;
      if (mode_ == Mode::tax_excluded) {
        // Line by line and rate by rate, each rounded half-up to the cent.
        for (const auto& rate : line.rates) {
          add_tax(rate.id, rate.percent, base, (base * rate.percent).divide(kHundred, kCents));
        }
        continue;
      }
      // TaxInclusive: the line's tax is what is left of the gross; combined codes give each
      // rate but the last its rounded share and the last rate the remainder.
      const Decimal line_tax = (line.gross - line.discount_gross) - base;
      Decimal remaining = line_tax;
      for (std::size_t r = 0; r < line.rates.size(); ++r) {
        const auto& rate = line.rates[r];
        Decimal amount = remaining;
        if (r + 1 < line.rates.size()) {
          const Decimal total_rate = rate_total(line);
          amount =
              total_rate.is_zero() ? kZero : (line_tax * rate.percent).divide(total_rate, kCents);
          remaining -= amount;
        }
        add_tax(rate.id, rate.percent, base, amount);
      }
    }
  }

  void compute_us_tax() {
    const auto* detail = object_at(transaction_, "TxnTaxDetail");
    const auto code_id = detail != nullptr ? reference_id(*detail, "TxnTaxCodeRef") : std::nullopt;
    if (!code_id) {
      return;  // no tax group: no tax unless the client states it
    }
    const boost::json::object* code = tables_.code(*code_id);
    if (code == nullptr) {
      throw Refusal{invalid_reference_fault("TaxCode", "TxnTaxDetail.TxnTaxCodeRef")};
    }
    us_code_rates_ = tables_.sales_rates(*code);
    for (const auto& line : sales_lines_) {
      if (!line.taxable_us) {
        continue;
      }
      const Decimal base = line.net - line.discount;
      for (const auto& rate : us_code_rates_) {
        add_tax(rate.id, rate.percent, base, (base * rate.percent).divide(kHundred, kCents));
      }
    }
  }

  // The client's TxnTaxDetail, kept as QBO keeps an override.
  void apply_override() {
    const auto* detail = object_at(transaction_, "TxnTaxDetail");
    if (detail == nullptr || mode_ == Mode::not_applicable) {
      return;
    }
    const auto* tax_lines = detail->if_contains("TaxLine");
    if (is_stale(tax_lines)) {
      return;  // computed for other lines (an update that changed them): computed afresh
    }
    std::map<std::string, Decimal> supplied;
    if (tax_lines != nullptr && tax_lines->is_array()) {
      for (const auto& tax_line : tax_lines->get_array()) {
        if (!tax_line.is_object()) {
          continue;
        }
        const auto& object = tax_line.get_object();
        const auto amount = number_at(object, "Amount", "TxnTaxDetail.TaxLine.Amount");
        if (!amount) {
          continue;  // a TaxLine without an amount overrides nothing
        }
        if (string_at(object, "DetailType") != "TaxLineDetail") {
          throw Refusal{
              business_fault("TxnTaxDetail.TaxLine.DetailTypeEnum is missing in the request")};
        }
        const auto* line_detail = object_at(object, "TaxLineDetail");
        const auto rate_id =
            line_detail != nullptr ? reference_id(*line_detail, "TaxRateRef") : std::nullopt;
        if (!rate_id) {
          throw Refusal{missing_required_fault("TxnTaxDetail.TaxLine.TaxLineDetail.TaxRateRef")};
        }
        if (region_ == Region::canada && !tax_by_rate_.contains(*rate_id)) {
          throw Refusal{invalid_reference_fault("TaxRate", "TxnTaxDetail.TaxLine")};
        }
        supplied[*rate_id] += cents(*amount);
      }
    }
    if (!supplied.empty()) {
      if (region_ == Region::canada) {
        // "You must send all TaxRateRefs of a TaxCode even if you are modifying just one."
        for (const auto& [rate_id, total] : tax_by_rate_) {
          if (!supplied.contains(rate_id)) {
            throw Refusal{business_fault("Tax rate " + rate_id +
                                         " of a tax code used on a line is missing from "
                                         "TxnTaxDetail.TaxLine.")};
          }
        }
      } else {
        // The US model rewrites the supplied rate to the rates of the transaction's code.
        Decimal sum;
        for (const auto& [rate_id, amount] : supplied) {
          sum += amount;
        }
        supplied.clear();
        prorate_into(sum, supplied);
      }
      for (auto& [rate_id, total] : tax_by_rate_) {
        total.amount = supplied[rate_id];
      }
      overridden_total_ = Decimal();
      for (const auto& [rate_id, amount] : supplied) {
        *overridden_total_ += amount;
      }
      return;
    }
    // Only TotalTax: kept, and spread over the rates in proportion to what QBO computed.
    const auto total = number_at(*detail, "TotalTax", "TxnTaxDetail.TotalTax");
    if (!total || cents(*total) == computed_total()) {
      return;
    }
    std::map<std::string, Decimal> shares;
    prorate_into(cents(*total), shares);
    for (auto& [rate_id, line_total] : tax_by_rate_) {
      line_total.amount = shares[rate_id];
    }
    overridden_total_ = cents(*total);
  }

  // A TaxLine whose NetAmountTaxable differs from what the lines now give was computed for
  // other lines: a stored TxnTaxDetail carried into an update, not a client's override (an
  // override restates the tax of the same lines).
  bool is_stale(const boost::json::value* tax_lines) const {
    if (tax_lines == nullptr || !tax_lines->is_array()) {
      return false;
    }
    for (const auto& tax_line : tax_lines->get_array()) {
      const auto* object = tax_line.if_object();
      const auto* line_detail = object != nullptr ? object_at(*object, "TaxLineDetail") : nullptr;
      const auto* net_value =
          line_detail != nullptr ? line_detail->if_contains("NetAmountTaxable") : nullptr;
      const auto net = net_value != nullptr ? Decimal::from_json(*net_value) : std::nullopt;
      if (!net) {
        continue;
      }
      const auto rate_id = reference_id(*line_detail, "TaxRateRef");
      auto computed = rate_id ? tax_by_rate_.find(*rate_id) : tax_by_rate_.end();
      if (computed == tax_by_rate_.end() && region_ == Region::united_states) {
        computed = tax_by_rate_.begin();  // US rates are advisory; the group shares one base
      }
      if (computed == tax_by_rate_.end() || computed->second.net_taxable != cents(*net)) {
        return true;
      }
    }
    return false;
  }

  // Spreads `total` over the tax lines in proportion to their computed amounts (or their rates
  // when nothing was computed).
  void prorate_into(const Decimal& total, std::map<std::string, Decimal>& shares) {
    std::vector<std::string> ids;
    std::vector<Decimal> weights;
    bool any_amount = false;
    for (const auto& [rate_id, line_total] : tax_by_rate_) {
      any_amount = any_amount || !line_total.amount.is_zero();
    }
    for (const auto& [rate_id, line_total] : tax_by_rate_) {
      ids.push_back(rate_id);
      weights.push_back(any_amount ? line_total.amount : line_total.percent);
    }
    const auto allocated = allocate(total, weights);
    for (std::size_t i = 0; i < ids.size(); ++i) {
      shares[ids[i]] = allocated[i];
    }
  }

  Decimal computed_total() const {
    Decimal total;
    for (const auto& [rate_id, line_total] : tax_by_rate_) {
      total += line_total.amount;
    }
    return total;
  }

  void write_lines(boost::json::array& lines) {
    for (auto& line : sales_lines_) {
      (*line.line)["Amount"] = line.net.to_money_json();
      if (mode_ == Mode::tax_inclusive) {
        auto& detail = (*line.line)["SalesItemLineDetail"].as_object();
        detail["TaxInclusiveAmt"] = line.gross.to_money_json();
        const auto* quantity = detail.if_contains("Qty");
        const auto qty = quantity != nullptr ? Decimal::from_json(*quantity) : std::nullopt;
        if (qty && !qty->is_zero()) {
          detail["UnitPrice"] = line.net.divide(*qty, kUnitPricePlaces).to_json();
        }
      }
    }
    for (const auto& group : groups_) {
      Decimal total;
      for (std::size_t i = group.first; i < group.last; ++i) {
        total += sales_lines_[i].net;
      }
      (*group.line)["Amount"] = total.to_money_json();
    }
    // Discount lines carry the net discount; percent discounts get their computed amount.
    const std::vector<Decimal> net_discounts = allocate(discount_net_, discount_amounts_);
    for (std::size_t i = 0; i < discount_lines_.size(); ++i) {
      auto& line = *discount_lines_[i];
      line["Amount"] =
          (discount_amounts_.size() == 1 ? discount_net_ : net_discounts[i]).to_money_json();
      if (!line.contains("DiscountLineDetail")) {
        line["DiscountLineDetail"] = boost::json::object{{"PercentBased", false}};
      }
    }
    // The subtotal line comes after the sales lines, before the discount.
    boost::json::object subtotal{{"Amount", subtotal_.to_money_json()},
                                 {"DetailType", "SubTotalLineDetail"},
                                 {"SubTotalLineDetail", boost::json::object()}};
    std::size_t position = lines.size();
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (string_at(lines[i].as_object(), "DetailType") == "DiscountLineDetail") {
        position = i;
        break;
      }
    }
    // Discount lines keep their place; the pointers into `lines` are not used after this.
    lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(position), std::move(subtotal));
  }

  void write_totals(const Decimal& amount_applied) {
    apply_override();
    Decimal total_tax = overridden_total_ ? *overridden_total_ : computed_total();
    if (region_ == Region::united_states && overridden_total_ == std::nullopt &&
        tax_by_rate_.empty()) {
      const auto* detail = object_at(transaction_, "TxnTaxDetail");
      const auto total = detail != nullptr ? number_at(*detail, "TotalTax", "TxnTaxDetail.TotalTax")
                                           : std::nullopt;
      if (total) {
        total_tax = cents(*total);  // a stated total without a tax group is kept as stated
      }
    }

    if (mode_ == Mode::not_applicable) {
      if (const auto* detail = object_at(transaction_, "TxnTaxDetail")) {
        if (detail->contains("TaxLine") || detail->contains("TotalTax")) {
          Fault fault;
          fault.code = "6170";
          fault.message = "Invalid TxnTaxDetail";
          fault.detail =
              "The TxnTaxDetail attribute isn't allowed when GlobalTaxCalculation is set to "
              "NotApplicable";
          throw Refusal{fault};
        }
      }
      transaction_.erase("TxnTaxDetail");
    } else {
      boost::json::object detail;
      const auto* previous = object_at(transaction_, "TxnTaxDetail");
      if (region_ == Region::united_states && previous != nullptr &&
          previous->contains("TxnTaxCodeRef")) {
        detail["TxnTaxCodeRef"] = previous->at("TxnTaxCodeRef");
      }
      detail["TotalTax"] = total_tax.to_money_json();
      if (!tax_by_rate_.empty()) {
        // One TaxLine per rate, in ascending rate Id order, 0 % rates included.
        std::vector<std::pair<std::string, TaxLineTotal>> ordered(tax_by_rate_.begin(),
                                                                  tax_by_rate_.end());
        std::sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) {
          const auto left = Decimal::parse(a.first);
          const auto right = Decimal::parse(b.first);
          if (left && right) {
            return *left < *right;
          }
          return a.first < b.first;
        });
        boost::json::array tax_lines;
        for (const auto& [rate_id, line_total] : ordered) {
          tax_lines.push_back(boost::json::object{
              {"Amount", line_total.amount.to_money_json()},
              {"DetailType", "TaxLineDetail"},
              {"TaxLineDetail",
               {{"TaxRateRef", {{"value", rate_id}}},
                {"PercentBased", true},
                {"TaxPercent", line_total.percent.to_json()},
                {"NetAmountTaxable", line_total.net_taxable.to_money_json()}}}});
        }
        detail["TaxLine"] = std::move(tax_lines);
      }
      transaction_["TxnTaxDetail"] = std::move(detail);
    }

    if (region_ == Region::canada) {
      transaction_["GlobalTaxCalculation"] = mode_ == Mode::tax_excluded    ? "TaxExcluded"
                                             : mode_ == Mode::tax_inclusive ? "TaxInclusive"
                                                                            : "NotApplicable";
      transaction_.erase("ApplyTaxAfterDiscount");  // not returned for Canadian companies
    } else {
      transaction_["ApplyTaxAfterDiscount"] = bool_at(transaction_, "ApplyTaxAfterDiscount", false);
    }

    const Decimal total = subtotal_ - discount_net_ + total_tax;
    transaction_["TotalAmt"] = total.to_money_json();
    if (entity_ == "Invoice") {
      // A deposit taken on the invoice is paid already.
      const Decimal deposit = cents(number_at(transaction_, "Deposit", "Deposit").value_or(kZero));
      transaction_["Balance"] = (total - deposit - amount_applied).to_money_json();
    } else if (entity_ == "SalesReceipt" || entity_ == "RefundReceipt") {
      transaction_["Balance"] = 0;  // paid at the time of sale
    } else if (entity_ == "CreditMemo") {
      transaction_["Balance"] = (total - amount_applied).to_money_json();
      transaction_["RemainingCredit"] = (total - amount_applied).to_money_json();
    }
  }

  struct Group {
    boost::json::object* line;
    std::size_t first;
    std::size_t last;
  };

  boost::json::object& transaction_;
  std::string_view entity_;
  Region region_;
  TaxTables tables_;
  Mode mode_ = Mode::tax_excluded;
  std::vector<SalesLine> sales_lines_;
  std::vector<Group> groups_;
  std::vector<boost::json::object*> discount_lines_;
  std::vector<std::string> used_codes_;
  std::vector<RateInfo> us_code_rates_;
  Decimal subtotal_;        // Σ net line amounts
  Decimal subtotal_gross_;  // Σ gross (TaxInclusive) or net amounts: what a percent applies to
  std::vector<Decimal> discount_amounts_;  // per discount line, gross in TaxInclusive mode
  Decimal discount_net_;
  std::map<std::string, TaxLineTotal> tax_by_rate_;
  std::optional<Decimal> overridden_total_;
};

}  // namespace

std::optional<Fault> compute_totals(boost::json::object& transaction, std::string_view entity,
                                    Region region, const boost::json::array& tax_codes,
                                    const boost::json::array& tax_rates,
                                    std::string_view amount_applied) {
  const auto applied = Decimal::parse(amount_applied);
  if (!applied) {
    throw std::invalid_argument("amount_applied is not a decimal number");
  }
  // Work on a copy so that a refused document is left as it was.
  boost::json::object result = transaction;
  try {
    TotalsComputation computation(result, entity, region, tax_codes, tax_rates);
    computation.run(*applied);
  } catch (const Refusal& refusal) {
    return refusal.fault;
  } catch (const std::overflow_error&) {
    return make_fault(
        "6000", "A business validation error has occurred while processing your request",
        "Business Validation Error: We're sorry, QuickBooks encountered an error while "
        "calculating tax. Try reselecting the tax rate or reentering the product/service item "
        "and saving the form again.");
  }
  transaction = std::move(result);
  return std::nullopt;
}

}  // namespace qbo_sandbox::tax
