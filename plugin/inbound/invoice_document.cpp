#include "inbound/invoice_document.h"

#include <utility>

#include <boost/json/array.hpp>

#include "inbound/qbo_json.h"

namespace qbo_sync::inbound {
namespace {

namespace json = boost::json;

constexpr std::size_t kMaxLines = 750;
constexpr std::size_t kNumberLength = 21;
constexpr std::size_t kLineNameLength = 100;
constexpr std::size_t kLongText = 4000;

const json::object* object_at(const json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value && value->is_object() ? &value->as_object() : nullptr;
}

bool is_date(std::string_view text) {
  return text.size() == 10 && text[4] == '-' && text[7] == '-';
}

// One sales line (SalesItemLineDetail) for the host; nullopt for subtotal and discount lines.
std::optional<json::object> sales_line(const json::object& line) {
  if (text_at(line, "DetailType") != "SalesItemLineDetail") return std::nullopt;
  const auto amount = amount_at(line, "Amount");
  if (!amount) return std::nullopt;
  const auto* detail = object_at(line, "SalesItemLineDetail");
  json::object result;
  std::string name = detail ? text_at(*detail, "ItemRef", "name") : std::string{};
  const std::string description = text_at(line, "Description");
  if (name.empty()) name = description;
  name = bounded(name, kLineNameLength);
  result["name"] = name.empty() ? std::string("Item") : name;
  if (detail) {
    if (auto item = text_at(*detail, "ItemRef", "value"); !item.empty())
      result["qbo_item_id"] = std::move(item);
    if (auto quantity = amount_at(*detail, "Qty");
        quantity && *quantity > money::Decimal::from_integer(0))
      result["quantity"] = quantity->to_string();
    if (auto price = amount_at(*detail, "UnitPrice");
        price && *price >= money::Decimal::from_integer(0))
      result["unit_price"] = price->to_string();
    if (auto tax_code = text_at(*detail, "TaxCodeRef", "value"); !tax_code.empty())
      result["qbo_tax_code_id"] = std::move(tax_code);
  }
  if (auto text = bounded(description, kLongText); !text.empty())
    result["description"] = std::move(text);
  result["amount"] = money_text(*amount);
  return result;
}

}  // namespace

std::optional<InvoiceFacts> invoice_facts(const boost::json::object& invoice,
                                          std::string_view company_currency) {
  InvoiceFacts facts;
  facts.id = text_at(invoice, "Id");
  const auto total = amount_at(invoice, "TotalAmt");
  const auto balance = amount_at(invoice, "Balance");
  if (facts.id.empty() || !total || !balance) return std::nullopt;
  facts.total = *total;
  facts.balance = *balance;
  facts.customer_id = text_at(invoice, "CustomerRef", "value");
  facts.number = bounded(text_at(invoice, "DocNumber"), kNumberLength);
  if (facts.number.empty()) facts.number = facts.id;
  facts.txn_date = text_at(invoice, "TxnDate");
  facts.created_at = text_at(invoice, "MetaData", "CreateTime");
  facts.updated_at = text_at(invoice, "MetaData", "LastUpdatedTime");
  facts.currency = text_at(invoice, "CurrencyRef", "value");
  if (facts.currency.empty()) facts.currency = company_currency;
  // QBO keeps a voided invoice with every amount at zero and "Voided" in its private note.
  const std::string note = text_at(invoice, "PrivateNote");
  facts.voided = facts.total == money::Decimal::from_integer(0) && note.rfind("Voided", 0) == 0;
  return facts;
}

std::string_view invoice_status(const InvoiceFacts& facts) {
  const auto zero = money::Decimal::from_integer(0);
  if (facts.voided) return "void";
  if (facts.total > zero && facts.balance == zero) return "paid";
  if (facts.balance > zero && facts.balance < facts.total) return "partially_paid";
  return "open";
}

boost::json::object invoice_import_request(std::string_view account_id,
                                           const boost::json::object& invoice,
                                           const InvoiceFacts& facts,
                                           const ImportedContact& contact,
                                           std::string_view crm_invoice_id) {
  json::object request;
  request["account_id"] = account_id;
  request["origin"] = "quickbooks";
  request["qbo_invoice_id"] = facts.id;
  std::string sync_token = bounded(text_at(invoice, "SyncToken"), 20);
  request["qbo_sync_token"] = sync_token.empty() ? std::string("0") : sync_token;
  if (!crm_invoice_id.empty()) request["crm_invoice_id"] = crm_invoice_id;
  request["number"] = facts.number;
  request["status"] = invoice_status(facts);
  request["issue_date"] = is_date(facts.txn_date) ? facts.txn_date : facts.created_at.substr(0, 10);
  if (auto due = text_at(invoice, "DueDate"); is_date(due)) request["due_date"] = std::move(due);
  request["currency"] = facts.currency;

  json::object customer;
  customer["qbo_customer_id"] = facts.customer_id;
  if (!contact.crm_contact_id.empty()) customer["crm_contact_id"] = contact.crm_contact_id;
  std::string name = contact.display_name;
  if (name.empty()) name = text_at(invoice, "CustomerRef", "name");
  if (auto bounded_name = bounded(name, 500); !bounded_name.empty())
    customer["display_name"] = std::move(bounded_name);
  if (auto email = usable_email(contact.email); !email.empty())
    customer["email"] = std::move(email);
  request["contact"] = std::move(customer);
  if (auto billing = usable_email(text_at(invoice, "BillEmail", "Address")); !billing.empty())
    request["billing_email"] = std::move(billing);

  json::array lines;
  auto discount = money::Decimal::from_integer(0);
  if (const auto* all = invoice.if_contains("Line"); all && all->is_array()) {
    for (const auto& line : all->as_array()) {
      if (!line.is_object()) continue;
      const auto& object = line.as_object();
      if (text_at(object, "DetailType") == "DiscountLineDetail") {
        if (auto amount = amount_at(object, "Amount")) {
          if (auto sum = money::Decimal::add(discount, *amount)) discount = *sum;
        }
        continue;
      }
      if (lines.size() >= kMaxLines) continue;
      if (auto converted = sales_line(object)) lines.push_back(std::move(*converted));
    }
  }
  request["lines"] = std::move(lines);
  if (discount > money::Decimal::from_integer(0)) request["discount_total"] = money_text(discount);
  std::optional<money::Decimal> tax;
  if (const auto* detail = object_at(invoice, "TxnTaxDetail")) tax = amount_at(*detail, "TotalTax");
  request["tax_total"] = money_text(tax ? *tax : money::Decimal::from_integer(0));
  request["total"] = money_text(facts.total);
  request["balance"] = money_text(facts.balance);
  if (auto memo = bounded(text_at(invoice, "CustomerMemo", "value"), kLongText); !memo.empty())
    request["memo"] = std::move(memo);
  if (parse_qbo_time(facts.updated_at)) request["qbo_updated_at"] = facts.updated_at;
  return request;
}

}  // namespace qbo_sync::inbound
