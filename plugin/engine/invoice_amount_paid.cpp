#include "engine/invoice_amount_paid.h"

#include <algorithm>
#include <mutex>

#include "mapping/payment_document.h"
#include "mapping/qbo_payment_document.h"
#include "qbo_client/query_builder.h"

namespace qbo_sync::engine {
namespace json = boost::json;
namespace {

// The error of an invoice whose CRM amount paid went down: QuickBooks keeps the payments, so the
// admin must make the change there.
std::string lower_amount_paid_error(const events::Invoice& invoice,
                                    const InvoiceProgress& progress) {
  const money::Amount before{progress.crm_paid_minor, invoice.total.digits};
  const money::Amount now = mapping::paid_target(invoice);
  return own_error(
      "unsupported_change",
      "The amount paid of invoice " + invoice.number + " went down from " + before.to_string() +
          " to " + now.to_string() +
          " (a refunded or removed payment). Refunds of invoice payments are not sent to "
          "QuickBooks yet, so QuickBooks still shows the invoice paid " +
          before.to_string() +
          ". In QuickBooks, refund or delete the payment for the difference, then click Skip on "
          "this record. The invoice's other changes were sent.",
      {{"crm_amount_paid_before", before.to_string()}, {"crm_amount_paid_now", now.to_string()}});
}

}  // namespace

InvoiceAmountPaid::InvoiceAmountPaid(InvoiceWork& work)
    : work_(work), paid_target_(mapping::paid_target(work.invoice)) {}

StepResult InvoiceAmountPaid::run() {
  static constexpr std::array<Step<InvoiceAmountPaid>, 3> kSteps{
      &InvoiceAmountPaid::post_listed_payments, &InvoiceAmountPaid::settle_paid_so_far,
      &InvoiceAmountPaid::pay_the_rest};
  InvoiceProgress& progress = work_.progress;
  if (paid_target_.minor < progress.crm_paid_minor) {
    return errored("unsupported_change", lower_amount_paid_error(work_.invoice, progress),
                   work_.qbo_id);
  }
  if (paid_target_.minor > progress.paid_minor) {
    std::lock_guard paying(
        invoice_payment_locks().for_key(work_.record.account_id + ":" + work_.invoice.id));
    if (StepResult outcome = run_steps(*this, kSteps)) return outcome;
  }
  if (paid_target_.minor > progress.crm_paid_minor) {
    progress.crm_paid_minor = paid_target_.minor;
    work_.save();
  }
  return kContinue;
}

// Each CRM payment the invoice lists is its own QBO Payment, shared with its payment event.
StepResult InvoiceAmountPaid::post_listed_payments() {
  std::vector<std::string>& known = work_.progress.crm_payments;
  for (const events::InvoicePayment& listed : work_.invoice.payments) {
    if (listed.amount.minor == 0 ||
        std::find(known.begin(), known.end(), listed.payment_id) != known.end()) {
      continue;
    }
    if (!work_.current || posted_listed_) {
      if (StepResult failed = work_.read_current()) return failed;
    }
    auto posted = work_.context.crm_payments.ensure(
        work_.connected->connection, work_.record.account_id, listed_payment(listed));
    if (!posted) return work_.fail(posted.fault(), true);
    known.push_back(listed.payment_id);
    work_.save();
    posted_listed_ = true;
  }
  return kContinue;
}

// Settle before paying the rest: what QBO already holds, by the plugin's notes on the customer's
// payments and by what is applied to the invoice, whichever is more.
StepResult InvoiceAmountPaid::settle_paid_so_far() {
  if (!work_.current || posted_listed_) {
    if (StepResult failed = work_.read_current()) return failed;
  }
  auto query = qbo::QueryBuilder::select_all("Payment")
                   .where("CustomerRef", qbo::QueryOperator::equal, work_.customer_id)
                   .max_results(1000);
  auto payments = work_.context.api.query(work_.connected->connection, query);
  if (!payments) return work_.fail(payments.fault(), true);
  const json::array rows = qbo::query_rows(payments.value().entity, "Payment");
  const int digits = work_.invoice.total.digits;
  const int64_t by_notes = mapping::paid_by_plugin(rows, work_.invoice.id, digits).minor +
                           mapping::paid_by_crm_payments(rows, work_.qbo_id, digits).minor;
  balance_minor_ = work_.current->balance_minor(digits);
  const int64_t total = work_.current->total_minor(digits);
  InvoiceProgress& progress = work_.progress;
  progress.paid_minor = std::max({progress.paid_minor, by_notes, total - balance_minor_});
  work_.save();
  return kContinue;
}

StepResult InvoiceAmountPaid::pay_the_rest() {
  const int digits = work_.invoice.total.digits;
  const auto split = mapping::split_payment(paid_target_, {work_.progress.paid_minor, digits},
                                            {balance_minor_, digits});
  if (split) {
    // One requestid per amount paid reached: a repeat is QBO's replay, not a second payment.
    auto paid = work_.context.api.create(
        work_.connected->connection, "Payment",
        mapping::build_qbo_payment(difference_payment(*split)),
        work_.key_base() + ":paid-to:" + std::to_string(paid_target_.minor));
    if (!paid) return work_.fail(paid.fault(), true);
    work_.progress.paid_minor = paid_target_.minor;
    work_.save();
  }
  if (split || posted_listed_) {
    work_.how = work_.how == "up_to_date" ? "paid" : work_.how + "_and_paid";
  }
  return kContinue;
}

mapping::CrmPaymentInput InvoiceAmountPaid::listed_payment(
    const events::InvoicePayment& listed) const {
  const int digits = work_.invoice.total.digits;
  const events::Settings& settings = work_.settings;
  mapping::CrmPaymentInput input;
  input.crm_payment_id = listed.payment_id;
  input.customer_id = work_.customer_id;
  input.invoices = {{work_.qbo_id,
                     work_.invoice.number,
                     listed.amount,
                     {work_.current->balance_minor(digits), digits}}};
  input.txn_date = mapping::date_part(listed.paid_at);
  input.reference = listed.reference;
  input.payment_method_id = listed.method ? mapping::payment_method_id(settings, *listed.method)
                                          : settings.default_payment_method_id;
  if (in_qbo_currency()) input.currency = work_.invoice.currency;
  return input;
}

mapping::QboPaymentInput InvoiceAmountPaid::difference_payment(
    const mapping::PaymentSplit& split) const {
  const events::Invoice& invoice = work_.invoice;
  const events::Settings& settings = work_.settings;
  mapping::QboPaymentInput input;
  input.customer_id = work_.customer_id;
  input.qbo_invoice_id = work_.qbo_id;
  input.crm_invoice_id = invoice.id;
  input.invoice_number = invoice.number;
  input.split = split;
  input.paid_to = paid_target_;
  input.txn_date = mapping::date_part(invoice.occurred_at);
  input.payment_method_id = settings.default_payment_method_id;
  if (const auto* latest = mapping::latest_payment(invoice)) {
    if (!latest->paid_at.empty()) input.txn_date = mapping::date_part(latest->paid_at);
    input.reference = latest->reference;
    input.payment_method_id = latest->method ? mapping::payment_method_id(settings, *latest->method)
                                             : settings.default_payment_method_id;
  }
  if (in_qbo_currency()) input.currency = invoice.currency;
  return input;
}

// Whether QBO must be told the invoice's currency (multicurrency, or not the home currency).
bool InvoiceAmountPaid::in_qbo_currency() const {
  const mapping::CompanyData& company = *work_.company;
  return work_.invoice.currency != company.home_currency() || company.multicurrency_enabled();
}

}  // namespace qbo_sync::engine
