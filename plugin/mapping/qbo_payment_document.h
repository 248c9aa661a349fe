// The QBO Payment that records money the CRM says was paid on an invoice: applied to the QBO
// invoice up to its open balance, the rest left unapplied (a credit for the customer, as QBO
// itself records an overpayment). Its PrivateNote names the CRM invoice and the amount paid it
// brings the invoice to, so that an attempt whose outcome is unknown can be settled by looking
// the customer's payments up before anything is posted again.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "events/typed_events.h"
#include "money/amount.h"

namespace qbo_sync::mapping {

// What to post for the CRM's amount paid, given what QBO already holds for this invoice.
struct PaymentSplit {
  money::Amount total;      // the Payment's TotalAmt: crm_paid − already_paid
  money::Amount applied;    // applied to the invoice: at most its open balance
  money::Amount unapplied;  // left as a credit (overpayment)
};

// nullopt when nothing is to be paid (the CRM's amount paid is not above what QBO holds).
std::optional<PaymentSplit> split_payment(const money::Amount& crm_paid,
                                          const money::Amount& already_paid,
                                          const money::Amount& open_balance);

struct QboPaymentInput {
  std::string customer_id;
  std::string qbo_invoice_id;
  std::string crm_invoice_id;
  std::string invoice_number;
  PaymentSplit split;
  money::Amount paid_to;  // the CRM's amount paid this payment brings the invoice to
  std::string txn_date;   // YYYY-MM-DD
  std::string currency;   // set only when QBO must be told (multicurrency)
  std::string payment_method_id;
  std::string reference;  // the CRM payment's reference, cut to 21 characters
};

boost::json::object build_qbo_payment(const QboPaymentInput& input);

// The PrivateNote's beginning shared by every payment of one CRM invoice.
std::string payment_note_prefix(std::string_view crm_invoice_id);

// Σ TotalAmt of the payments (QBO Payment objects) whose PrivateNote names this CRM invoice.
money::Amount paid_by_plugin(const boost::json::array& payments, std::string_view crm_invoice_id,
                             int digits);

// The amount paid QBO must hold for the invoice: the CRM's amount paid; for an invoice the CRM
// marks paid, at least its total (paid in the CRM means paid in QBO).
money::Amount paid_target(const events::Invoice& invoice);

// The CRM payment that brought the amount paid to its current value (the latest by paid_at);
// null when the invoice lists none.
const events::InvoicePayment* latest_payment(const events::Invoice& invoice);

}  // namespace qbo_sync::mapping
