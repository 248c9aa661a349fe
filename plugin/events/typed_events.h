// Typed views of accepted payloads, for the sync engine: money as money::Amount (minor units of
// the document's currency), quantities, prices and rates as money::Decimal, dates and times as
// the RFC 3339 / YYYY-MM-DD texts the CRM sent.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/json/value.hpp>

#include "money/amount.h"
#include "money/decimal.h"

namespace qbo_sync::events {

struct Address {
  std::string line1, line2, line3, city;
  std::string region;  // province, territory or state code ("ON", "QC", "NY"); may be empty
  std::string postal_code;
  std::string country;  // ISO 3166-1 alpha-2
};

struct Contact {
  std::string crm_contact_id;
  std::string first_name, last_name, company_name, email, phone;
  std::optional<Address> billing_address;
  bool tax_exempt = false;
  std::string tax_exempt_reason;
};

struct TaxLine {
  std::string crm_tax_id;  // may be empty
  std::string name;        // "HST ON", "GST", "QST", ...
  money::Decimal rate;     // percent: 13, 9.975
  money::Amount amount;
};

struct Discount {
  std::string name, coupon_code;
  std::optional<money::Decimal> percent;  // set when the discount was a percentage
  money::Amount amount;                   // always the value in the document's currency
};

// How a line is treated for sales tax; each untaxed treatment has its own QBO code and its own box
// on the GST/HST return.
enum class TaxTreatment { taxable, zero_rated, exempt, out_of_scope };

struct Line {
  std::string line_id, product_id, price_id, name, description, sku;
  money::Decimal quantity;    // > 0
  money::Decimal unit_price;  // >= 0, at most 7 decimals
  std::optional<Discount> discount;
  money::Amount amount;  // quantity × unit_price − discount (tax included when tax_inclusive)
  bool taxable = false;
  std::vector<TaxLine> tax_lines;  // empty when not taxable
  // As the CRM sent it; absent: derived from the tax lines (mapping/payment_document.h).
  std::optional<TaxTreatment> tax_treatment;
  std::string service_date;  // may be empty
};

using Metadata = std::vector<std::pair<std::string, std::string>>;

enum class PaymentSource {
  order_form,
  subscription,
  membership,
  event,
  calendar,
  product,
  invoice
};
enum class PaymentMethod {
  card,
  bank_transfer,
  ach,
  cash,
  check,
  paypal,
  wallet,
  gift_card,
  other
};
std::string_view to_string(PaymentSource source);
std::string_view to_string(PaymentMethod method);

struct Refund {
  std::string refund_id;
  money::Amount amount;
  std::string refunded_at, reason, reference;
};

// What one payment pays of one invoice.
struct InvoiceApplication {
  std::string invoice_id;
  money::Amount amount;
};

struct Payment {
  std::string account_id, event_id, occurred_at;
  bool test = false;  // made in the processor's test mode: never sent to QuickBooks
  std::string id;
  int64_t revision = 0;
  PaymentSource source = PaymentSource::product;
  std::string source_id, source_name, invoice_id;
  PaymentMethod method = PaymentMethod::other;
  std::string method_detail, reference, processor, paid_at;
  std::string currency;
  bool tax_inclusive = false;
  Contact contact;
  std::vector<Line> lines;
  std::vector<Discount> discounts;
  money::Amount subtotal, discount_total, tax_total, total;
  std::vector<Refund> refunds;
  // The invoices a payment of several invoices pays (source invoice); empty: all of the payment
  // pays invoice_id.
  std::vector<InvoiceApplication> applied_to;
  std::string memo;
  Metadata metadata;
};

enum class InvoiceStatus { sent, partially_paid, paid, void_ };
enum class InvoiceOrigin { crm, quickbooks };
std::string_view to_string(InvoiceStatus status);  // "sent", ..., "void"
std::string_view to_string(InvoiceOrigin origin);

struct InvoicePayment {
  std::string payment_id;
  money::Amount amount;
  std::string paid_at;
  std::optional<PaymentMethod> method;
  std::string reference;
  money::Amount refunded_amount;
};

struct Invoice {
  std::string account_id, event_id, occurred_at;
  std::string id;
  int64_t revision = 0;
  std::string number;
  InvoiceStatus status = InvoiceStatus::sent;
  std::string issue_date, due_date;  // due_date may be empty
  std::string created_at, sent_at, voided_at;
  InvoiceOrigin origin = InvoiceOrigin::crm;
  std::string qbo_invoice_id;  // set for origin quickbooks
  std::string currency;
  bool tax_inclusive = false;
  Contact contact;
  std::string billing_email;
  std::vector<std::string> cc_emails;
  std::vector<Line> lines;
  std::vector<Discount> discounts;
  money::Amount subtotal, discount_total, tax_total, total, amount_paid;
  std::optional<money::Amount> amount_due;
  std::vector<InvoicePayment> payments;
  std::string terms, memo;
  Metadata metadata;
};

struct TaxMapping {
  std::string crm_tax_name;
  money::Decimal crm_tax_rate;
  std::string region;  // empty: any region
  std::string qbo_tax_code_id;
};

struct ItemMapping {
  std::string crm_product_id, qbo_item_id;
};

struct PaymentMethodMapping {
  PaymentMethod crm_method = PaymentMethod::other;
  std::string qbo_payment_method_id;
};

// How an account settles what QBO's tax arithmetic leaves open (docs/tax.md).
enum class DocumentDiscountChoice { discount_line, fold_into_lines };
enum class TaxInclusivePriceChoice { send_net_amounts, send_tax_inclusive };

struct TaxChoices {
  DocumentDiscountChoice document_discounts = DocumentDiscountChoice::discount_line;
  TaxInclusivePriceChoice tax_inclusive_prices = TaxInclusivePriceChoice::send_net_amounts;
  std::optional<int64_t> rounding_tolerance_minor;  // absent: the per-line rounding bound
};

struct Settings {
  std::string account_id;  // empty for default_settings()
  int64_t revision = 0;    // 0 for default_settings()
  bool sync_payments = true;
  bool sync_invoices = true;
  bool import_old_invoices = false;
  bool review_request_on_first_paid_invoice = false;
  bool skip_zero_total_orders = true;
  std::vector<std::string> admin_emails;
  std::vector<TaxMapping> tax_mappings;
  std::string exempt_tax_code_id;
  std::string zero_rated_tax_code_id;
  std::vector<ItemMapping> item_mappings;
  std::string default_item_id, income_account_id, deposit_account_id;
  std::vector<PaymentMethodMapping> payment_method_mappings;
  std::string default_payment_method_id;
  TaxChoices tax_choices;
};

// From a payload that EventValidator accepted (AcceptedEvent::payload_json, parsed). Throws
// std::invalid_argument when `accepted` was not accepted for that hook.
Payment parse_payment(const boost::json::value& accepted);
Invoice parse_invoice(const boost::json::value& accepted);
Settings parse_settings(const boost::json::value& accepted);

// The settings of an account that never sent any: sync payments and invoices, skip zero-total
// orders, nothing imported, no review requests, no mappings.
Settings default_settings();

// The settings an account saved, from the text the store keeps; the defaults when it saved none.
// Saved settings were validated when accepted, so a text that no longer reads means the defaults
// too: the one reading every part of the plugin shares.
Settings stored_settings(const std::optional<std::string>& saved_text);

}  // namespace qbo_sync::events
