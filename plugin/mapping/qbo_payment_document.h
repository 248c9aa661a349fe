// The QBO Payments that record money paid on CRM invoices. A CRM payment of invoices becomes one
// QBO Payment, named by the CRM payment's id in its PrivateNote, with one line per invoice it
// pays. What an invoice's amount paid holds beyond the CRM payments known to the plugin becomes a
// Payment that names the CRM invoice and the amount paid it brings the invoice to. Either is
// applied to the QBO invoice up to its open balance, the rest left unapplied (a credit for the
// customer, as QBO itself records an overpayment); the notes let an attempt whose outcome is
// unknown be settled by looking the customer's payments up before anything is posted again.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

// One invoice a CRM payment pays: `amount` of the CRM payment, applied up to `open_balance`.
struct PaidInvoice {
  std::string qbo_invoice_id;
  std::string invoice_number;
  money::Amount amount;
  money::Amount open_balance;
};

struct CrmPaymentInput {
  std::string crm_payment_id;
  std::string customer_id;
  std::vector<PaidInvoice> invoices;
  std::string txn_date;  // YYYY-MM-DD
  std::string currency;  // set only when QBO must be told (multicurrency)
  std::string payment_method_id;
  std::string reference;  // the CRM payment's reference, cut to 21 characters
};

// The PrivateNote's beginning of the one QBO Payment of a CRM payment.
std::string crm_payment_note_prefix(std::string_view crm_payment_id);

// The QBO Payment of a CRM payment: one line per invoice.
boost::json::object build_crm_payment(const CrmPaymentInput& input);

// `existing` (the QBO Payment of input.crm_payment_id) with a line for each invoice of `input`
// that it does not pay yet, its TotalAmt grown by their amounts; nullopt when it pays them all.
std::optional<boost::json::object> add_missing_invoices(const boost::json::object& existing,
                                                        const CrmPaymentInput& input);

// Among `payments` (QBO Payment objects), the one whose PrivateNote names the CRM payment.
std::optional<boost::json::object> find_crm_payment(const boost::json::array& payments,
                                                    std::string_view crm_payment_id);

// What the QBO Payments of CRM payments (not the amount-paid ones) hold for QBO invoice
// `qbo_invoice_id`: their lines applied to it, and all of a payment that pays it alone (its
// unapplied excess included).
money::Amount paid_by_crm_payments(const boost::json::array& payments,
                                   std::string_view qbo_invoice_id, int digits);

// The CRM payment that brought the amount paid to its current value (the latest by paid_at);
// null when the invoice lists none.
const events::InvoicePayment* latest_payment(const events::Invoice& invoice);

}  // namespace qbo_sync::mapping
