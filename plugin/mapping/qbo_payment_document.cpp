#include "mapping/qbo_payment_document.h"

#include <algorithm>

#include "mapping/invoice_document.h"
#include "mapping/receipt_reference.h"
#include "money/json_numbers.h"

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
    if (!latest || epoch_ms(payment.paid_at).value_or(0) >= epoch_ms(latest->paid_at).value_or(0))
      latest = &payment;
  }
  return latest;
}

}  // namespace qbo_sync::mapping
