#include "events/payload_reader.h"

#include <algorithm>
#include <set>
#include <string>
#include <tuple>

#include "events/enum_descriptions.h"
#include "events/json_pointer.h"
#include "money/currency.h"
#include "text/enum_names.h"
#include "time/rfc3339.h"

namespace qbo_sync::events::detail {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;
using money::Amount;
using money::Decimal;

constexpr int kMaxQuantityDecimals = 6;
constexpr int kMaxUnitPriceDecimals = 7;  // QuickBooks keeps UnitPrice to 7 places
constexpr int kMaxPercentDecimals = 6;

[[noreturn]] void refuse(std::string_view code, const JsonPointer& at, std::string message) {
  throw RefusedPayload(InputError{std::string(code), std::move(message), at.text()});
}

// Where an object sits in the payload: its parent, the parent's key, and the index when it is an
// element of the array under that key. The JSON Pointer is only spelled out for an error, so an
// accepted payload costs no pointer strings.
struct Place {
  const Place* parent = nullptr;  // nullptr: the payload itself
  std::string_view key;
  std::optional<std::size_t> index;

  JsonPointer pointer() const {
    if (parent == nullptr) {
      return JsonPointer();
    }
    JsonPointer at = parent->pointer().key(key);
    return index ? at.index(*index) : at;
  }
};

// An object of the payload and where it sits. Every accessor refuses with a precise pointer.
// A Fields refers to its parent's Place: it must not outlive the Fields it came from.
class Fields {
 public:
  explicit Fields(const value& node) : Fields(node, Place{}) {}

  Fields(const value& node, Place place) : place_(place) {
    if (!node.is_object()) {
      refuse(error_code::kWrongType, where(), where().field_name() + " must be an object");
    }
    object_ = &node.get_object();
  }

  JsonPointer where() const { return place_.pointer(); }
  JsonPointer at(std::string_view key) const { return where().key(key); }
  const value* find(std::string_view key) const { return object_->if_contains(key); }
  bool has(std::string_view key) const { return find(key) != nullptr; }

  const value& required(std::string_view key) const {
    const value* found = find(key);
    if (found == nullptr) {
      refuse(error_code::kMissingField, at(key), at(key).field_name() + " is required but missing");
    }
    return *found;
  }

  std::string text(std::string_view key) const {
    const value* found = find(key);
    return found == nullptr ? std::string() : string_of(*found, key);
  }
  std::string required_text(std::string_view key) const { return string_of(required(key), key); }

  // An identifier the plugin keys records by and writes into log lines: no control characters,
  // so that none can forge a log line or hide in a key.
  std::string identifier(std::string_view key) const {
    std::string id = required_text(key);
    for (const char c : id) {
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
        refuse(
            error_code::kInvalidValue, at(key),
            at(key).field_name() + " must not contain control characters (U+0000-U+001F, U+007F)");
      }
    }
    return id;
  }

  bool flag(std::string_view key, bool fallback) const {
    const value* found = find(key);
    if (found == nullptr) {
      return fallback;
    }
    if (!found->is_bool()) {
      refuse(error_code::kWrongType, at(key), at(key).field_name() + " must be true or false");
    }
    return found->get_bool();
  }
  bool required_flag(std::string_view key) const {
    required(key);
    return flag(key, false);
  }

  int64_t revision(std::string_view key) const {
    const value& found = required(key);
    if (!found.is_int64() && !found.is_uint64()) {
      refuse(error_code::kWrongType, at(key), at(key).field_name() + " must be an integer");
    }
    if (found.is_uint64() || found.get_int64() < 1) {
      refuse(error_code::kInvalidValue, at(key),
             at(key).field_name() + " must be an integer from 1 to 2^53-1");
    }
    return found.get_int64();
  }

  Fields child(std::string_view key) const {
    return Fields(required(key), Place{&place_, key, std::nullopt});
  }
  // The object at `index` of the array under `key` (already read with list()).
  Fields element(const array& list, std::string_view key, std::size_t index) const {
    return Fields(list[index], Place{&place_, key, index});
  }

  const array* list(std::string_view key) const {
    const value* found = find(key);
    if (found == nullptr) {
      return nullptr;
    }
    if (!found->is_array()) {
      refuse(error_code::kWrongType, at(key), at(key).field_name() + " must be an array");
    }
    return &found->get_array();
  }

  void date(std::string_view key, std::string& out, bool required_field) const {
    out = required_field ? required_text(key) : text(key);
    if ((required_field || has(key)) && !time::is_date(out)) {
      refuse(error_code::kInvalidValue, at(key),
             at(key).field_name() + " is not a real date (YYYY-MM-DD): \"" + out + "\"");
    }
  }
  void date_time(std::string_view key, std::string& out, bool required_field) const {
    out = required_field ? required_text(key) : text(key);
    if ((required_field || has(key)) && !time::is_date_time(out)) {
      refuse(error_code::kInvalidValue, at(key),
             at(key).field_name() +
                 " is not a real RFC 3339 time with an offset (e.g. 2026-03-14T15:09:26Z): \"" +
                 out + "\"");
    }
  }

  template <typename Enum>
  Enum enumerated(std::string_view key) const {
    const std::string text_value = required_text(key);
    const auto found = text::enum_from_name<Enum>(text_value);
    if (!found) {
      refuse(error_code::kInvalidValue, at(key),
             at(key).field_name() + " must be one of: " + text::enum_names<Enum>() + "; got \"" +
                 text_value + "\"");
    }
    return *found;
  }

 private:
  std::string string_of(const value& v, std::string_view key) const {
    if (!v.is_string()) {
      refuse(error_code::kWrongType, at(key), at(key).field_name() + " must be a string");
    }
    return std::string(v.get_string());
  }

  Place place_;
  const object* object_ = nullptr;
};

Decimal decimal_at(const Fields& fields, std::string_view key, std::string_view what) {
  const std::string text = fields.required_text(key);
  const auto parsed = Decimal::parse(text);
  if (!parsed) {
    refuse(error_code::kInvalidValue, fields.at(key),
           fields.at(key).field_name() + " must be " + std::string(what) +
               " as a decimal string of at most 18 digits, e.g. \"12.50\"; got \"" + text + "\"");
  }
  return *parsed;
}

void limit_decimals(const Fields& fields, std::string_view key, const Decimal& number,
                    int max_decimals, std::string_view why) {
  if (number.significant_decimals() > max_decimals) {
    refuse(error_code::kTooManyDecimals, fields.at(key),
           fields.at(key).field_name() + " has " + std::to_string(number.significant_decimals()) +
               (number.significant_decimals() == 1 ? " decimal; " : " decimals; ") +
               std::string(why) + " allows at most " + std::to_string(max_decimals));
  }
}

// Money in the document's currency: exact, and with no more decimals than the currency has.
class MoneyReader {
 public:
  MoneyReader(std::string currency, int digits) : currency_(std::move(currency)), digits_(digits) {}

  Amount read(const Fields& fields, std::string_view key, bool non_negative = false) const {
    const Decimal number = decimal_at(fields, key, "an amount");
    limit_decimals(fields, key, number, digits_, currency_);
    if (non_negative && number.is_negative()) {
      refuse(error_code::kInvalidValue, fields.at(key),
             fields.at(key).field_name() + " must not be negative");
    }
    const auto amount = Amount::parse(fields.required_text(key), digits_);
    if (!amount) {
      refuse(error_code::kInvalidValue, fields.at(key),
             fields.at(key).field_name() + " is too large");
    }
    return *amount;
  }
  Amount optional(const Fields& fields, std::string_view key, bool non_negative = false) const {
    return fields.has(key) ? read(fields, key, non_negative) : Amount{0, digits_};
  }

 private:
  std::string currency_;
  int digits_;
};

MoneyReader currency_at(const Fields& fields, std::string& currency) {
  currency = fields.required_text("currency");
  const auto digits = money::minor_unit_digits(currency);
  if (!digits) {
    refuse(error_code::kUnknownCurrency, fields.at("currency"),
           fields.at("currency").field_name() + " \"" + currency +
               "\" is not an active ISO 4217 currency code");
  }
  return MoneyReader(currency, *digits);
}

Decimal percent_at(const Fields& fields, std::string_view key) {
  const Decimal rate = decimal_at(fields, key, "a percentage");
  limit_decimals(fields, key, rate, kMaxPercentDecimals, "a percentage");
  if (rate.is_negative() || rate > Decimal::from_integer(100)) {
    refuse(error_code::kInvalidValue, fields.at(key),
           fields.at(key).field_name() + " must be a percentage from 0 to 100; got \"" +
               fields.required_text(key) + "\"");
  }
  return rate;
}

// The optional texts of an address and of a contact, in the order they are checked.
template <typename Record>
using TextMember = std::pair<std::string_view, std::string Record::*>;
constexpr TextMember<Address> kAddressLines[] = {
    {"line1", &Address::line1},   {"line2", &Address::line2},
    {"line3", &Address::line3},   {"city", &Address::city},
    {"region", &Address::region}, {"postal_code", &Address::postal_code}};
constexpr TextMember<Contact> kContactTexts[] = {{"first_name", &Contact::first_name},
                                                 {"last_name", &Contact::last_name},
                                                 {"company_name", &Contact::company_name},
                                                 {"email", &Contact::email},
                                                 {"phone", &Contact::phone}};

Address read_address(const Fields& fields) {
  Address address;
  for (const auto& [key, line] : kAddressLines) address.*line = fields.text(key);
  address.country = fields.required_text("country");
  return address;
}

Contact read_contact(const Fields& fields) {
  Contact contact;
  contact.crm_contact_id = fields.identifier("crm_contact_id");
  for (const auto& [key, member] : kContactTexts) contact.*member = fields.text(key);
  if (fields.has("billing_address")) {
    contact.billing_address = read_address(fields.child("billing_address"));
  }
  contact.tax_exempt = fields.flag("tax_exempt", false);
  contact.tax_exempt_reason = fields.text("tax_exempt_reason");
  if (contact.email.empty() && contact.first_name.empty() && contact.last_name.empty() &&
      contact.company_name.empty()) {
    refuse(error_code::kMissingField, fields.where().key("email"),
           fields.where().field_name() +
               " needs at least one of email, first_name, last_name or company_name to name the "
               "QuickBooks customer");
  }
  return contact;
}

// Calls `read(entry)` for each element of the array at `key`, when there is one, in order.
template <typename Read>
void for_each_element(const Fields& fields, std::string_view key, Read read) {
  if (const array* list = fields.list(key); list != nullptr) {
    for (std::size_t i = 0; i < list->size(); ++i) read(fields.element(*list, key, i));
  }
}

Discount read_discount(const Fields& fields, const MoneyReader& money) {
  Discount discount;
  discount.name = fields.text("name");
  discount.coupon_code = fields.text("coupon_code");
  if (fields.has("percent")) {
    discount.percent = percent_at(fields, "percent");
  }
  discount.amount = money.read(fields, "amount", true);
  return discount;
}

std::vector<Discount> read_discounts(const Fields& fields, const MoneyReader& money) {
  std::vector<Discount> discounts;
  for_each_element(fields, "discounts",
                   [&](const Fields& entry) { discounts.push_back(read_discount(entry, money)); });
  return discounts;
}

// The line's tax treatment, when the CRM states it; it must agree with the line's taxes.
void read_tax_treatment(const Fields& fields, Line& line) {
  const std::string text = fields.text("tax_treatment");
  if (text.empty()) return;
  if (text == "taxable")
    line.tax_treatment = TaxTreatment::taxable;
  else if (text == "zero_rated")
    line.tax_treatment = TaxTreatment::zero_rated;
  else if (text == "exempt")
    line.tax_treatment = TaxTreatment::exempt;
  else
    line.tax_treatment = TaxTreatment::out_of_scope;
  const bool charges_tax = std::any_of(line.tax_lines.begin(), line.tax_lines.end(),
                                       [](const TaxLine& tax) { return !tax.rate.is_zero(); });
  const std::string field = fields.at("tax_treatment").field_name();
  if (line.tax_treatment == TaxTreatment::taxable && !line.taxable)
    refuse(error_code::kInvalidValue, fields.at("tax_treatment"),
           field + " is \"taxable\" but the line is not taxable (taxable is false)");
  if (line.tax_treatment != TaxTreatment::taxable && charges_tax)
    refuse(error_code::kInvalidValue, fields.at("tax_treatment"),
           field + " is \"" + text + "\" but the line charges tax at a rate above 0 %");
}

Line read_line(const Fields& fields, const MoneyReader& money) {
  Line line;
  line.line_id = fields.required_text("line_id");
  line.product_id = fields.text("product_id");
  line.price_id = fields.text("price_id");
  line.name = fields.required_text("name");
  line.description = fields.text("description");
  line.sku = fields.text("sku");
  line.quantity = decimal_at(fields, "quantity", "a quantity");
  limit_decimals(fields, "quantity", line.quantity, kMaxQuantityDecimals, "a quantity");
  if (line.quantity.is_negative() || line.quantity.is_zero()) {
    refuse(error_code::kInvalidValue, fields.at("quantity"),
           fields.at("quantity").field_name() + " must be greater than 0; got \"" +
               fields.required_text("quantity") + "\"");
  }
  line.unit_price = decimal_at(fields, "unit_price", "a unit price");
  limit_decimals(fields, "unit_price", line.unit_price, kMaxUnitPriceDecimals, "a unit price");
  if (line.unit_price.is_negative()) {
    refuse(error_code::kInvalidValue, fields.at("unit_price"),
           fields.at("unit_price").field_name() + " must not be negative");
  }
  if (fields.has("discount")) {
    line.discount = read_discount(fields.child("discount"), money);
  }
  line.amount = money.read(fields, "amount");
  line.taxable = fields.required_flag("taxable");
  if (const array* taxes = fields.list("tax_lines"); taxes != nullptr) {
    if (!line.taxable && !taxes->empty()) {
      refuse(error_code::kInvalidValue, fields.at("tax_lines"),
             fields.at("tax_lines").field_name() +
                 " must be empty: the line is not taxable (taxable is false)");
    }
    for (std::size_t i = 0; i < taxes->size(); ++i) {
      const Fields tax = fields.element(*taxes, "tax_lines", i);
      TaxLine tax_line;
      tax_line.crm_tax_id = tax.text("crm_tax_id");
      tax_line.name = tax.required_text("name");
      tax_line.rate = percent_at(tax, "rate");
      tax_line.amount = money.read(tax, "amount");
      line.tax_lines.push_back(std::move(tax_line));
    }
  }
  read_tax_treatment(fields, line);
  fields.date("service_date", line.service_date, false);
  return line;
}

std::vector<Line> read_lines(const Fields& fields, const MoneyReader& money) {
  const array* list = fields.list("lines");
  if (list == nullptr) {
    refuse(error_code::kMissingField, fields.at("lines"),
           fields.at("lines").field_name() + " is required but missing");
  }
  if (list->empty()) {
    refuse(error_code::kInvalidValue, fields.at("lines"),
           fields.at("lines").field_name() + " must hold at least one line");
  }
  std::vector<Line> lines;
  lines.reserve(list->size());
  for (std::size_t i = 0; i < list->size(); ++i) {
    lines.push_back(read_line(fields.element(*list, "lines", i), money));
  }
  return lines;
}

Metadata read_metadata(const Fields& fields) {
  Metadata metadata;
  if (const value* found = fields.find("metadata"); found != nullptr) {
    const Fields entries = fields.child("metadata");
    for (const auto& member : found->get_object()) {
      metadata.emplace_back(std::string(member.key()), entries.required_text(member.key()));
    }
  }
  return metadata;
}

std::vector<std::string> read_emails(const Fields& fields, std::string_view key) {
  std::vector<std::string> emails;
  if (const array* list = fields.list(key); list != nullptr) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      if (!(*list)[i].is_string()) {
        refuse(error_code::kWrongType, fields.at(key).index(i),
               fields.at(key).index(i).field_name() + " must be a string");
      }
      emails.emplace_back((*list)[i].get_string());
    }
  }
  return emails;
}

struct Envelope {
  std::string account_id, event_id, occurred_at;
};

Envelope read_envelope(const Fields& root) {
  Envelope envelope;
  envelope.account_id = root.identifier("account_id");
  envelope.event_id = root.identifier("event_id");
  root.date_time("occurred_at", envelope.occurred_at, true);
  return envelope;
}

// The envelope into `event`, a payment or an invoice (which keep all of it).
template <typename Event>
void read_envelope_into(const Fields& root, Event& event) {
  Envelope envelope = read_envelope(root);
  event.account_id = std::move(envelope.account_id);
  event.event_id = std::move(envelope.event_id);
  event.occurred_at = std::move(envelope.occurred_at);
}

// The invoices one payment pays: each at most once, together exactly the payment's total.
std::vector<InvoiceApplication> read_applied_to(const Fields& fields, const MoneyReader& money,
                                                const Payment& payment) {
  std::vector<InvoiceApplication> applied;
  const array* list = fields.list("applied_to");
  if (list == nullptr) return applied;
  if (payment.source != PaymentSource::invoice) {
    refuse(error_code::kInvalidValue, fields.at("applied_to"),
           fields.at("applied_to").field_name() + " is only for payments whose source is invoice");
  }
  int64_t sum = 0;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const Fields entry = fields.element(*list, "applied_to", i);
    InvoiceApplication application;
    application.invoice_id = entry.required_text("invoice_id");
    application.amount = money.read(entry, "amount", true);
    for (const auto& earlier : applied) {
      if (earlier.invoice_id == application.invoice_id) {
        refuse(error_code::kInvalidValue, entry.at("invoice_id"),
               entry.at("invoice_id").field_name() + " names an invoice listed before it");
      }
    }
    sum += application.amount.minor;
    applied.push_back(std::move(application));
  }
  if (sum != payment.total.minor) {
    refuse(error_code::kInvalidValue, fields.at("applied_to"),
           "the amounts of " + fields.at("applied_to").field_name() + " must add up to " +
               fields.at("total").field_name() + " (" + payment.total.to_string() + ")");
  }
  return applied;
}

// The lines, discounts and totals a payment and an invoice both carry, in that order.
template <typename Document>
void read_lines_and_totals(const Fields& fields, const MoneyReader& money, Document& document) {
  document.lines = read_lines(fields, money);
  document.discounts = read_discounts(fields, money);
  document.subtotal = money.read(fields, "subtotal");
  document.discount_total = money.optional(fields, "discount_total", true);
  document.tax_total = money.read(fields, "tax_total");
  document.total = money.read(fields, "total", true);
}

}  // namespace

Payment read_payment(const value& payload) {
  const Fields root(payload);
  Payment payment;
  read_envelope_into(root, payment);
  payment.test = root.flag("test", false);

  const Fields fields = root.child("payment");
  payment.id = fields.identifier("id");
  payment.revision = fields.revision("revision");
  payment.source = fields.enumerated<PaymentSource>("source");
  payment.source_id = fields.text("source_id");
  payment.source_name = fields.text("source_name");
  payment.invoice_id = fields.text("invoice_id");
  payment.method = fields.enumerated<PaymentMethod>("method");
  payment.method_detail = fields.text("method_detail");
  payment.reference = fields.text("reference");
  payment.processor = fields.text("processor");
  fields.date_time("paid_at", payment.paid_at, true);
  const MoneyReader money = currency_at(fields, payment.currency);
  payment.tax_inclusive = fields.flag("tax_inclusive", false);
  payment.contact = read_contact(fields.child("contact"));
  read_lines_and_totals(fields, money, payment);
  int64_t refunded = 0;
  for_each_element(fields, "refunds", [&](const Fields& entry) {
    Refund refund;
    refund.refund_id = entry.required_text("refund_id");
    refund.amount = money.read(entry, "amount", true);
    entry.date_time("refunded_at", refund.refunded_at, true);
    refund.reason = entry.text("reason");
    refund.reference = entry.text("reference");
    refunded += refund.amount.minor;
    if (refunded > payment.total.minor) {
      refuse(error_code::kInvalidValue, entry.at("amount"),
             "the refunds up to " + entry.at("amount").field_name() + " add up to more than " +
                 fields.at("total").field_name() + " (" + payment.total.to_string() + ")");
    }
    payment.refunds.push_back(std::move(refund));
  });
  payment.applied_to = read_applied_to(fields, money, payment);
  payment.memo = fields.text("memo");
  payment.metadata = read_metadata(fields);
  return payment;
}

Invoice read_invoice(const value& payload) {
  const Fields root(payload);
  Invoice invoice;
  read_envelope_into(root, invoice);

  const Fields fields = root.child("invoice");
  invoice.id = fields.identifier("id");
  invoice.revision = fields.revision("revision");
  invoice.number = fields.required_text("number");
  invoice.status = fields.enumerated<InvoiceStatus>("status");
  fields.date("issue_date", invoice.issue_date, true);
  fields.date("due_date", invoice.due_date, false);
  if (!invoice.due_date.empty() && invoice.due_date < invoice.issue_date) {
    refuse(error_code::kInvalidValue, fields.at("due_date"),
           fields.at("due_date").field_name() + " (" + invoice.due_date +
               ") is before the issue date (" + invoice.issue_date + ")");
  }
  fields.date_time("created_at", invoice.created_at, true);
  fields.date_time("sent_at", invoice.sent_at, false);
  fields.date_time("voided_at", invoice.voided_at, invoice.status == InvoiceStatus::void_);
  invoice.origin = fields.enumerated<InvoiceOrigin>("origin");
  invoice.qbo_invoice_id = fields.text("qbo_invoice_id");
  if (invoice.origin == InvoiceOrigin::quickbooks && invoice.qbo_invoice_id.empty()) {
    fields.required("qbo_invoice_id");
  }
  const MoneyReader money = currency_at(fields, invoice.currency);
  invoice.tax_inclusive = fields.flag("tax_inclusive", false);
  invoice.contact = read_contact(fields.child("contact"));
  invoice.billing_email = fields.text("billing_email");
  invoice.cc_emails = read_emails(fields, "cc_emails");
  read_lines_and_totals(fields, money, invoice);
  invoice.amount_paid = money.read(fields, "amount_paid", true);
  if (fields.has("amount_due")) {
    invoice.amount_due = money.read(fields, "amount_due");
  }
  for_each_element(fields, "payments", [&](const Fields& entry) {
    InvoicePayment paid;
    paid.payment_id = entry.required_text("payment_id");
    paid.amount = money.read(entry, "amount", true);
    entry.date_time("paid_at", paid.paid_at, true);
    if (entry.has("method")) {
      paid.method = entry.enumerated<PaymentMethod>("method");
    }
    paid.reference = entry.text("reference");
    paid.refunded_amount = money.optional(entry, "refunded_amount", true);
    if (paid.refunded_amount.minor > paid.amount.minor) {
      refuse(error_code::kInvalidValue, entry.at("refunded_amount"),
             entry.at("refunded_amount").field_name() + " is more than the payment's amount");
    }
    invoice.payments.push_back(std::move(paid));
  });
  invoice.terms = fields.text("terms");
  invoice.memo = fields.text("memo");
  invoice.metadata = read_metadata(fields);
  return invoice;
}

namespace {

TaxChoices read_tax_choices(const Fields& fields) {
  TaxChoices choices;
  if (fields.has("document_discounts")) {
    choices.document_discounts = fields.enumerated<DocumentDiscountChoice>("document_discounts");
  }
  if (fields.has("tax_inclusive_prices")) {
    choices.tax_inclusive_prices =
        fields.enumerated<TaxInclusivePriceChoice>("tax_inclusive_prices");
  }
  if (const value* tolerance = fields.find("rounding_tolerance_minor"); tolerance != nullptr) {
    const auto minor = tolerance->if_int64();
    if (!minor || *minor < 0 || *minor > 100) {
      refuse(error_code::kInvalidValue, fields.at("rounding_tolerance_minor"),
             fields.at("rounding_tolerance_minor").field_name() +
                 " must be a whole number of minor units from 0 to 100");
    }
    choices.rounding_tolerance_minor = *minor;
  }
  return choices;
}

std::vector<TaxMapping> read_tax_mappings(const Fields& fields) {
  std::vector<TaxMapping> mappings;
  std::set<std::tuple<std::string, std::string, std::string>> seen;
  for_each_element(fields, "tax_mappings", [&](const Fields& entry) {
    TaxMapping mapping;
    mapping.crm_tax_name = entry.required_text("crm_tax_name");
    mapping.crm_tax_rate = percent_at(entry, "crm_tax_rate");
    mapping.region = entry.text("region");
    mapping.qbo_tax_code_id = entry.required_text("qbo_tax_code_id");
    if (!seen.emplace(mapping.crm_tax_name, mapping.crm_tax_rate.to_canonical_string(),
                      mapping.region)
             .second) {
      refuse(error_code::kInvalidValue, entry.where(),
             entry.where().field_name() + " maps the CRM tax \"" + mapping.crm_tax_name + "\" at " +
                 mapping.crm_tax_rate.to_canonical_string() +
                 "% a second time; each CRM tax (and region) maps to one QuickBooks tax code");
    }
    mappings.push_back(std::move(mapping));
  });
  return mappings;
}

std::vector<ItemMapping> read_item_mappings(const Fields& fields) {
  std::vector<ItemMapping> mappings;
  std::set<std::string> seen;
  for_each_element(fields, "item_mappings", [&](const Fields& entry) {
    ItemMapping mapping{entry.required_text("crm_product_id"), entry.required_text("qbo_item_id")};
    if (!seen.insert(mapping.crm_product_id).second) {
      refuse(error_code::kInvalidValue, entry.at("crm_product_id"),
             entry.at("crm_product_id").field_name() + " \"" + mapping.crm_product_id +
                 "\" is mapped a second time; each CRM product maps to one QuickBooks item");
    }
    mappings.push_back(std::move(mapping));
  });
  return mappings;
}

std::vector<PaymentMethodMapping> read_payment_method_mappings(const Fields& fields) {
  std::vector<PaymentMethodMapping> mappings;
  std::set<PaymentMethod> seen;
  for_each_element(fields, "payment_method_mappings", [&](const Fields& entry) {
    PaymentMethodMapping mapping{entry.enumerated<PaymentMethod>("crm_method"),
                                 entry.required_text("qbo_payment_method_id")};
    if (!seen.insert(mapping.crm_method).second) {
      refuse(error_code::kInvalidValue, entry.at("crm_method"),
             entry.at("crm_method").field_name() +
                 " is mapped a second time; each CRM payment method maps to one QuickBooks "
                 "payment method");
    }
    mappings.push_back(std::move(mapping));
  });
  return mappings;
}

}  // namespace

Settings read_settings(const value& payload) {
  const Fields root(payload);
  Settings settings;
  const Envelope envelope = read_envelope(root);
  settings.account_id = envelope.account_id;

  const Fields fields = root.child("settings");
  settings.revision = fields.revision("revision");
  settings.sync_payments = fields.required_flag("sync_payments");
  settings.sync_invoices = fields.required_flag("sync_invoices");
  settings.import_old_invoices = fields.required_flag("import_old_invoices");
  settings.review_request_on_first_paid_invoice =
      fields.required_flag("review_request_on_first_paid_invoice");
  settings.skip_zero_total_orders = fields.required_flag("skip_zero_total_orders");
  fields.required("admin_emails");
  settings.admin_emails = read_emails(fields, "admin_emails");
  settings.tax_mappings = read_tax_mappings(fields);
  settings.exempt_tax_code_id = fields.text("exempt_tax_code_id");
  settings.zero_rated_tax_code_id = fields.text("zero_rated_tax_code_id");
  settings.item_mappings = read_item_mappings(fields);
  settings.default_item_id = fields.text("default_item_id");
  settings.income_account_id = fields.text("income_account_id");
  settings.deposit_account_id = fields.text("deposit_account_id");
  settings.payment_method_mappings = read_payment_method_mappings(fields);
  settings.default_payment_method_id = fields.text("default_payment_method_id");
  if (fields.has("tax_choices"))
    settings.tax_choices = read_tax_choices(fields.child("tax_choices"));
  return settings;
}

}  // namespace qbo_sync::events::detail
