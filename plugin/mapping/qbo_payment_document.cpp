#include "mapping/qbo_payment_document.h"

#include <algorithm>

#include "mapping/invoice_document.h"
#include "mapping/receipt_reference.h"
#include "money/json_numbers.h"
#include "time/rfc3339.h"

namespace qbo_sync::mapping {
namespace json = boost::json;

std::optional<PaymentSplit> split_payment(const money::Amount& crm_paid,
                                          const money::Amount& already_paid,
                                          const money::Amount& open_balance) {
  const int digits = crm_paid.digits;
  if (crm_paid.minor <= already_paid.minor) return std::nullopt;
  const int64_t total = crm_paid.minor - already_paid.minor;
  const int64_t applied = std::clamp<int64_t>(open_balance.minor, 0, total);
  return PaymentSplit{{total, digits}, {applied, digits}, {total - applied, digits}};
}

std::string payment_note_prefix(std::string_view crm_invoice_id) {
  return "CRM invoice " + std::string(crm_invoice_id) + ":";
}

json::object build_qbo_payment(const QboPaymentInput& input) {
  json::object body;
  body["CustomerRef"] = {{"value", input.customer_id}};
  body["TotalAmt"] = money::json_number(input.split.total.to_decimal());
  if (!input.txn_date.empty()) body["TxnDate"] = input.txn_date;
  json::array lines;
  if (input.split.applied.minor > 0) {
    lines.push_back(json::object{
        {"Amount", money::json_number(input.split.applied.to_decimal())},
        {"LinkedTxn",
         json::array{json::object{{"TxnId", input.qbo_invoice_id}, {"TxnType", "Invoice"}}}}});
  }
  body["Line"] = std::move(lines);
  std::string note = payment_note_prefix(input.crm_invoice_id) + " payment bringing " +
                     input.invoice_number + " to " + input.paid_to.to_string() + " paid";
  if (input.split.unapplied.minor > 0) {
    note += " (" + input.split.unapplied.to_string() + " over the balance, left as a credit)";
  }
  body["PrivateNote"] = note;
  if (!input.reference.empty()) body["PaymentRefNum"] = payment_reference_number(input.reference);
  if (!input.payment_method_id.empty())
    body["PaymentMethodRef"] = {{"value", input.payment_method_id}};
  if (!input.currency.empty()) body["CurrencyRef"] = {{"value", input.currency}};
  return body;
}

money::Amount paid_by_plugin(const json::array& payments, std::string_view crm_invoice_id,
                             int digits) {
  const std::string prefix = payment_note_prefix(crm_invoice_id);
  money::Amount sum{0, digits};
  for (const json::value& value : payments) {
    if (!value.is_object()) continue;
    const auto& payment = value.as_object();
    const auto* note = payment.if_contains("PrivateNote");
    if (!note || !note->is_string()) continue;
    const std::string_view text = note->as_string();
    // The prefix ends with ':' so that invoice "inv-1" never counts the payments of "inv-10".
    if (text.substr(0, prefix.size()) != prefix) continue;
    if (auto amount = qbo_amount(payment, "TotalAmt", digits)) sum.minor += amount->minor;
  }
  return sum;
}

money::Amount paid_target(const events::Invoice& invoice) {
  money::Amount target = invoice.amount_paid;
  if (invoice.status == events::InvoiceStatus::paid && invoice.total.minor > target.minor) {
    target.minor = invoice.total.minor;
  }
  return target;
}

const events::InvoicePayment* latest_payment(const events::Invoice& invoice) {
  const events::InvoicePayment* latest = nullptr;
  for (const auto& payment : invoice.payments) {
    // A tie keeps the later-listed payment.
    if (!latest ||
        time::epoch_ms(payment.paid_at).value_or(0) >= time::epoch_ms(latest->paid_at).value_or(0))
      latest = &payment;
  }
  return latest;
}

namespace {

json::object invoice_line(const std::string& qbo_invoice_id, const money::Amount& applied) {
  return json::object{
      {"Amount", money::json_number(applied.to_decimal())},
      {"LinkedTxn", json::array{json::object{{"TxnId", qbo_invoice_id}, {"TxnType", "Invoice"}}}}};
}

money::Amount applied_part(const PaidInvoice& invoice) {
  return {std::clamp<int64_t>(invoice.open_balance.minor, 0, invoice.amount.minor),
          invoice.amount.digits};
}

// The invoices a QBO Payment's lines link to.
std::vector<std::string> linked_invoices(const json::object& payment) {
  std::vector<std::string> ids;
  const auto* lines = payment.if_contains("Line");
  if (!lines || !lines->is_array()) return ids;
  for (const json::value& line : lines->as_array()) {
    const auto* links = line.is_object() ? line.as_object().if_contains("LinkedTxn") : nullptr;
    if (!links || !links->is_array()) continue;
    for (const json::value& link : links->as_array()) {
      if (!link.is_object()) continue;
      const auto* type = link.as_object().if_contains("TxnType");
      const auto* id = link.as_object().if_contains("TxnId");
      if (type && type->is_string() && type->as_string() == "Invoice" && id && id->is_string())
        ids.emplace_back(id->as_string());
    }
  }
  return ids;
}

std::string note_text(const json::object& payment) {
  const auto* note = payment.if_contains("PrivateNote");
  return note && note->is_string() ? std::string(note->as_string()) : std::string();
}

std::string crm_payment_note(const CrmPaymentInput& input,
                             const std::vector<PaidInvoice>& invoices) {
  std::string note = crm_payment_note_prefix(input.crm_payment_id) + " pays";
  for (std::size_t i = 0; i < invoices.size(); ++i) {
    note +=
        (i == 0 ? " " : ", ") + invoices[i].invoice_number + " " + invoices[i].amount.to_string();
  }
  return note;
}

}  // namespace

std::string crm_payment_note_prefix(std::string_view crm_payment_id) {
  return "CRM payment " + std::string(crm_payment_id) + ":";
}

json::object build_crm_payment(const CrmPaymentInput& input) {
  json::object body;
  body["CustomerRef"] = {{"value", input.customer_id}};
  int64_t total = 0;
  const int digits = input.invoices.empty() ? 2 : input.invoices.front().amount.digits;
  json::array lines;
  for (const PaidInvoice& invoice : input.invoices) {
    total += invoice.amount.minor;
    const money::Amount applied = applied_part(invoice);
    if (applied.minor > 0) lines.push_back(invoice_line(invoice.qbo_invoice_id, applied));
  }
  body["TotalAmt"] = money::json_number(money::Amount{total, digits}.to_decimal());
  if (!input.txn_date.empty()) body["TxnDate"] = input.txn_date;
  body["Line"] = std::move(lines);
  body["PrivateNote"] = crm_payment_note(input, input.invoices);
  if (!input.reference.empty()) body["PaymentRefNum"] = payment_reference_number(input.reference);
  if (!input.payment_method_id.empty())
    body["PaymentMethodRef"] = {{"value", input.payment_method_id}};
  if (!input.currency.empty()) body["CurrencyRef"] = {{"value", input.currency}};
  return body;
}

std::optional<json::object> add_missing_invoices(const json::object& existing,
                                                 const CrmPaymentInput& input) {
  const std::vector<std::string> paid = linked_invoices(existing);
  json::object updated = existing;
  const int digits = input.invoices.empty() ? 2 : input.invoices.front().amount.digits;
  int64_t added = 0;
  json::array lines;
  if (const auto* old_lines = existing.if_contains("Line"); old_lines && old_lines->is_array())
    lines = old_lines->as_array();
  for (const PaidInvoice& invoice : input.invoices) {
    if (std::find(paid.begin(), paid.end(), invoice.qbo_invoice_id) != paid.end()) continue;
    added += invoice.amount.minor;
    const money::Amount applied = applied_part(invoice);
    if (applied.minor > 0) lines.push_back(invoice_line(invoice.qbo_invoice_id, applied));
  }
  if (added == 0) return std::nullopt;
  const auto total = qbo_amount(existing, "TotalAmt", digits);
  updated["TotalAmt"] =
      money::json_number(money::Amount{(total ? total->minor : 0) + added, digits}.to_decimal());
  updated["Line"] = std::move(lines);
  updated["PrivateNote"] = crm_payment_note(input, input.invoices);
  return updated;
}

std::optional<json::object> find_crm_payment(const json::array& payments,
                                             std::string_view crm_payment_id) {
  const std::string prefix = crm_payment_note_prefix(crm_payment_id);
  for (const json::value& value : payments) {
    if (!value.is_object()) continue;
    // The prefix ends with ':' so that payment "pay-1" never matches "pay-10".
    if (note_text(value.as_object()).rfind(prefix, 0) == 0) return value.as_object();
  }
  return std::nullopt;
}

money::Amount paid_by_crm_payments(const json::array& payments, std::string_view qbo_invoice_id,
                                   int digits) {
  const std::string prefix = "CRM payment ";
  money::Amount sum{0, digits};
  for (const json::value& value : payments) {
    if (!value.is_object()) continue;
    const auto& payment = value.as_object();
    if (note_text(payment).rfind(prefix, 0) != 0) continue;
    const std::vector<std::string> invoices = linked_invoices(payment);
    if (invoices.empty()) continue;
    const bool pays_it_alone =
        std::all_of(invoices.begin(), invoices.end(),
                    [&](const std::string& id) { return id == qbo_invoice_id; });
    if (pays_it_alone) {
      if (auto total = qbo_amount(payment, "TotalAmt", digits)) sum.minor += total->minor;
      continue;
    }
    for (const json::value& line : payment.at("Line").as_array()) {
      if (!line.is_object()) continue;
      const std::vector<std::string> links =
          linked_invoices(json::object{{"Line", json::array{line}}});
      if (std::find(links.begin(), links.end(), qbo_invoice_id) == links.end()) continue;
      if (auto amount = qbo_amount(line.as_object(), "Amount", digits)) sum.minor += amount->minor;
    }
  }
  return sum;
}

}  // namespace qbo_sync::mapping
