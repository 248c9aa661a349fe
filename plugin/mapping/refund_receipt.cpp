#include "mapping/refund_receipt.h"

#include <algorithm>
#include <map>
#include <utility>

#include "events/utf8.h"
#include "mapping/receipt_reference.h"
#include "money/wide_arithmetic.h"

namespace qbo_sync::mapping {
namespace json = boost::json;
namespace {

constexpr std::size_t kMaxPrivateNote = 4000;

// Lines taxed the same way (same taxes by name and rate, or untaxed) are refunded as one line.
struct TaxGroup {
  std::size_t first_line = 0;
  bool taxable = false;
  std::vector<events::TaxLine> taxes;  // summed over the group's lines, in first-seen order
  int64_t weight = 0;                  // lines + tax (lines alone when prices include tax)
};

std::string signature(const events::Line& line) {
  std::string key = line.taxable ? "T" : "N";
  for (const events::TaxLine& tax : line.tax_lines)
    key += "|" + tax.name + "@" + tax.rate.to_string();
  return key;
}

std::vector<TaxGroup> tax_groups(const events::Payment& payment) {
  std::vector<TaxGroup> groups;
  std::map<std::string, std::size_t> index_of;
  for (std::size_t i = 0; i < payment.lines.size(); ++i) {
    const events::Line& line = payment.lines[i];
    auto [found, added] = index_of.emplace(signature(line), groups.size());
    if (added) {
      TaxGroup group;
      group.first_line = i;
      group.taxable = line.taxable;
      for (const events::TaxLine& tax : line.tax_lines) {
        events::TaxLine zero = tax;
        zero.amount.minor = 0;
        group.taxes.push_back(zero);
      }
      groups.push_back(std::move(group));
    }
    TaxGroup& group = groups[found->second];
    group.weight += line.amount.minor;
    for (std::size_t t = 0; t < line.tax_lines.size() && t < group.taxes.size(); ++t) {
      group.taxes[t].amount.minor += line.tax_lines[t].amount.minor;
      if (!payment.tax_inclusive) group.weight += line.tax_lines[t].amount.minor;
    }
  }
  return groups;
}

// Splits `amount` over `weights` in proportion, to the unit (largest remainder).
std::vector<int64_t> split(int64_t amount, const std::vector<int64_t>& weights) {
  std::vector<int64_t> shares(weights.size(), 0);
  money::Wide total = 0;
  for (int64_t weight : weights) total += std::max<int64_t>(weight, 0);
  if (weights.empty()) return shares;
  if (total == 0) {
    shares.front() = amount;
    return shares;
  }
  int64_t given = 0;
  std::vector<std::pair<money::Wide, std::size_t>> remainders;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const money::Wide product = static_cast<money::Wide>(amount) * std::max<int64_t>(weights[i], 0);
    shares[i] = static_cast<int64_t>(product / total);
    given += shares[i];
    remainders.emplace_back(product % total, i);
  }
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t k = 0; given < amount && k < remainders.size(); ++k, ++given)
    ++shares[remainders[k].second];
  return shares;
}

money::Amount amount_of(int64_t minor, int digits) {
  return money::Amount{minor, digits};
}

// The refund's line for one tax group of the payment: `share` of the refund, with the group's
// taxes in proportion.
events::Line refund_line(const events::Payment& payment, const events::Refund& refund,
                         const TaxGroup& group, std::size_t g, int64_t share) {
  const int digits = payment.total.digits;
  const events::Line& source = payment.lines[group.first_line];
  events::Line line;
  line.line_id = "refund-" + std::to_string(g + 1);
  line.product_id = source.product_id;
  line.price_id = source.price_id;
  line.name = source.name;
  line.sku = source.sku;
  line.description =
      "Refund " + refund.refund_id + (refund.reason.empty() ? "" : ": " + refund.reason);
  line.quantity = money::Decimal::from_integer(1);
  line.taxable = group.taxable;
  int64_t taxes = 0;
  for (const events::TaxLine& tax : group.taxes) {
    events::TaxLine tax_share = tax;
    tax_share.amount = amount_of(
        group.weight > 0 ? static_cast<int64_t>(money::divide_half_up(
                               static_cast<money::Wide>(tax.amount.minor) * share, group.weight))
                         : 0,
        digits);
    taxes += tax_share.amount.minor;
    line.tax_lines.push_back(tax_share);
  }
  line.amount = amount_of(payment.tax_inclusive ? share : share - taxes, digits);
  line.unit_price = line.amount.to_decimal();
  return line;
}

}  // namespace

RefundDocument refund_document(const events::Payment& payment, const events::Refund& refund) {
  RefundDocument document;
  document.payment = payment;
  events::Payment& refunded = document.payment;
  refunded.refunds.clear();
  refunded.paid_at = refund.refunded_at;
  refunded.reference = refund.reference;
  refunded.memo = refund.reason;
  if (refund.amount.minor == payment.total.minor) {
    document.full = true;
    for (std::size_t i = 0; i < payment.lines.size(); ++i) document.source_lines.push_back(i);
    return document;
  }

  const int digits = payment.total.digits;
  const std::vector<TaxGroup> groups = tax_groups(payment);
  std::vector<int64_t> weights;
  for (const TaxGroup& group : groups) weights.push_back(group.weight);
  const std::vector<int64_t> shares = split(refund.amount.minor, weights);

  refunded.lines.clear();
  refunded.discounts.clear();
  int64_t subtotal = 0, tax_total = 0;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    if (shares[g] == 0 && groups.size() > 1) continue;
    events::Line line = refund_line(payment, refund, groups[g], g, shares[g]);
    subtotal += line.amount.minor;
    for (const events::TaxLine& tax : line.tax_lines) tax_total += tax.amount.minor;
    refunded.lines.push_back(std::move(line));
    document.source_lines.push_back(groups[g].first_line);
  }
  refunded.subtotal = amount_of(subtotal, digits);
  refunded.discount_total = amount_of(0, digits);
  refunded.tax_total = amount_of(tax_total, digits);
  refunded.total = refund.amount;
  return document;
}

std::string doc_number_for_refund(std::string_view crm_refund_id) {
  // The Sales Receipt scheme, under another prefix so that the two never collide.
  const std::string receipt = doc_number_for_payment(crm_refund_id);
  if (receipt.rfind("P-", 0) == 0) return "R-" + receipt.substr(2);
  // Hashed ("H-" + 16 hex digits): the same hash under the refund prefix.
  return "RH-" + receipt.substr(2);
}

std::string private_note_for_refund(const events::Payment& payment, const events::Refund& refund) {
  std::string note = "CRM refund " + refund.refund_id + " of payment " + payment.id;
  if (!refund.reason.empty()) note += ": " + refund.reason;
  return std::string(events::utf8_prefix(note, kMaxPrivateNote));
}

std::optional<std::string> refund_account_id(const events::Settings& settings,
                                             const CompanyData& company) {
  if (!settings.deposit_account_id.empty()) return settings.deposit_account_id;
  if (auto funds = company.undeposited_funds_account_id()) return funds;
  for (const json::value& entry : company.accounts) {
    if (!entry.is_object()) continue;
    const json::object& account = entry.as_object();
    const json::value* type = account.if_contains("AccountType");
    const json::value* active = account.if_contains("Active");
    const json::value* id = account.if_contains("Id");
    if (type && type->is_string() && type->as_string() == "Bank" && id && id->is_string() &&
        !(active && active->is_bool() && !active->as_bool())) {
      return std::string(id->as_string());
    }
  }
  return std::nullopt;
}

namespace {

// A refund with no amount, or one that takes the payment's refunds past its total; the field
// named is the refund's place in the payment's list.
std::optional<ReceiptRefusal> refund_amount_refusal(const events::Payment& payment,
                                                    const events::Refund& refund) {
  std::size_t position = payment.refunds.size();
  for (std::size_t i = 0; i < payment.refunds.size(); ++i) {
    if (&payment.refunds[i] == &refund) position = i;
  }
  const bool listed = position < payment.refunds.size();
  const std::string field = "/payment/refunds/" + std::to_string(listed ? position : 0) + "/amount";
  if (refund.amount.minor <= 0) {
    ReceiptRefusal refusal{
        "invalid_document", "refund " + refund.refund_id + " has no amount to refund", {}};
    refusal.details["field"] = field;
    return refusal;
  }
  int64_t refunded = listed ? 0 : refund.amount.minor;
  for (const events::Refund& each : payment.refunds) refunded += each.amount.minor;
  if (refunded > payment.total.minor) {
    ReceiptRefusal refusal{"invalid_document",
                           "the refunds of payment " + payment.id + " add up to " +
                               amount_of(refunded, payment.total.digits).to_string() +
                               ", more than its total " + payment.total.to_string() +
                               "; correct the refunds in the CRM",
                           {}};
    refusal.details["field"] = field;
    return refusal;
  }
  return std::nullopt;
}

// The Sales Receipt of the refund's document, made a Refund Receipt paid from `account`.
RefundReceipt refund_receipt_of(SalesReceipt& receipt, bool full, const events::Payment& payment,
                                const events::Refund& refund, const std::string& account) {
  RefundReceipt refund_receipt;
  refund_receipt.full = full;
  refund_receipt.plan = std::move(receipt.plan);
  refund_receipt.doc_number = doc_number_for_refund(refund.refund_id);
  json::object body = std::move(receipt.body);
  body["DocNumber"] = refund_receipt.doc_number;
  body["PrivateNote"] = private_note_for_refund(payment, refund);
  body.erase("PaymentRefNum");
  if (!refund.reference.empty()) body["PaymentRefNum"] = payment_reference_number(refund.reference);
  body["DepositToAccountRef"] = {{"value", account}};
  refund_receipt.body = std::move(body);
  return refund_receipt;
}

}  // namespace

std::variant<RefundReceipt, ReceiptRefusal> build_refund_receipt(const RefundInput& input) {
  const events::Payment& payment = *input.payment;
  const events::Refund& refund = *input.refund;
  if (auto refusal = refund_amount_refusal(payment, refund)) return std::move(*refusal);
  const auto account = refund_account_id(*input.settings, *input.company);
  if (!account) {
    return ReceiptRefusal{"company_data",
                          "QuickBooks needs an account to pay refund " + refund.refund_id +
                              " from, and the company has no Undeposited Funds or bank account; "
                              "set the deposit account in the integration settings",
                          {}};
  }

  RefundDocument document = refund_document(payment, refund);
  ReceiptInput receipt_input;
  receipt_input.payment = &document.payment;
  receipt_input.settings = input.settings;
  receipt_input.company = input.company;
  receipt_input.customer_id = input.customer_id;
  receipt_input.plan_options = input.plan_options;
  for (std::size_t source : document.source_lines) {
    if (source >= input.line_items.size()) {
      return ReceiptRefusal{"invalid_document", "every payment line needs a QuickBooks item", {}};
    }
    receipt_input.line_items.push_back(input.line_items[source]);
  }
  auto built = build_sales_receipt(receipt_input);
  if (auto* refusal = std::get_if<ReceiptRefusal>(&built)) return std::move(*refusal);
  return refund_receipt_of(std::get<SalesReceipt>(built), document.full, payment, refund, *account);
}

}  // namespace qbo_sync::mapping
