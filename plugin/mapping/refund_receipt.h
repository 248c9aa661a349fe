// A CRM refund of a synced payment as a QBO RefundReceipt body.
//
// A full refund (the refunded amount is the payment's total) mirrors the Sales Receipt: the same
// lines, items, tax codes and discounts. A partial refund is one line for the refunded amount
// (one line per tax treatment when the payment mixed lines taxed differently), on the item of the
// first payment line it stands for. Its tax is the refunded share of the payment's own tax,
// in proportion to the amount: refunded tax = tax × refund ÷ (lines + tax), rounded half up per
// tax, so that a refund of one taxed line of a single-rate payment reverses exactly that line's
// tax; the tax engine then treats it like any receipt (codes, QBO's rounding, the override).
// The refund is paid out of the deposit account of the settings, else Undeposited Funds, else
// the first bank account ("Refund From": QBO requires one).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <boost/json/object.hpp>

#include "events/typed_events.h"
#include "mapping/company_data.h"
#include "mapping/sales_receipt.h"
#include "tax/document_plan.h"

namespace qbo_sync::mapping {

// The refund as a payment of the refunded amount, for the tax engine and the receipt mapping.
struct RefundDocument {
  events::Payment payment;
  // For each line of `payment`, the index of the original payment line it stands for (its item).
  std::vector<std::size_t> source_lines;
  bool full = false;
};

// The refund as a payment of the refunded amount (full: the payment itself; partial: one line
// per tax treatment). The refund amount must be positive and at most the payment's total.
RefundDocument refund_document(const events::Payment& payment, const events::Refund& refund);

// line_items: one per line of the original payment, in order.
struct RefundInput : DocumentInput {
  const events::Payment* payment = nullptr;
  const events::Refund* refund = nullptr;
};

struct RefundReceipt {
  boost::json::object body;  // write it with money::serialize_exact
  tax::DocumentPlan plan;    // for tax::check_posted_totals after posting
  std::string doc_number;
  bool full = false;
};

// Refused (reason invalid_document) when the refunds add up to more than the payment's total or
// the refunded amount is not positive; company_data when there is no account to refund from;
// otherwise the tax engine's refusals (total_mismatch, missing_tax_mapping).
std::variant<RefundReceipt, ReceiptRefusal> build_refund_receipt(const RefundInput& input);

// "R-" + the refund id when it fits QBO's 21 characters, else "RH-" + a hash of the id. Never the
// DocNumber of a Sales Receipt.
std::string doc_number_for_refund(std::string_view crm_refund_id);

// "CRM refund re-1 of payment pay-1: damaged", at most 4000 characters.
std::string private_note_for_refund(const events::Payment& payment, const events::Refund& refund);

// The account a refund is paid from: the settings' deposit account, else Undeposited Funds, else
// the first active bank account.
std::optional<std::string> refund_account_id(const events::Settings& settings,
                                             const CompanyData& company);

}  // namespace qbo_sync::mapping
