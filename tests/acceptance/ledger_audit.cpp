#include "ledger_audit.h"

#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <set>

#include "money/amount.h"
#include "money/decimal.h"
#include "money/json_numbers.h"

namespace qbo_sync::acceptance {
namespace {

namespace json = boost::json;

const json::array kNone;

std::string text(const json::object& object, const char* key) {
  const auto* value = object.if_contains(key);
  return value && value->is_string() ? std::string(value->as_string()) : std::string();
}

std::string ref(const json::object& object, const char* key) {
  const auto* value = object.if_contains(key);
  return value && value->is_object() ? text(value->as_object(), "value") : std::string();
}

// Minor units of a QBO amount; -1 when it is missing or not money.
int64_t cents(const json::object& object, const char* key) {
  const auto* value = object.if_contains(key);
  if (!value) return -1;
  const auto decimal = money::decimal_from_json(*value);
  if (!decimal) return -1;
  const auto amount = money::Amount::parse(decimal->to_string(), 2);
  return amount ? amount->minor : -1;
}

int64_t total_tax(const json::object& document) {
  const auto* detail = document.if_contains("TxnTaxDetail");
  if (!detail || !detail->is_object()) return 0;
  const int64_t tax = cents(detail->as_object(), "TotalTax");
  return tax < 0 ? 0 : tax;
}

bool voided(const json::object& transaction) {
  return text(transaction, "PrivateNote").rfind("Voided", 0) == 0;
}

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.rfind(prefix, 0) == 0;
}

std::string canonical_rate(const std::string& rate) {
  const auto decimal = money::Decimal::parse(rate);
  return decimal ? decimal->to_canonical_string() : rate;
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

const char* treatment_name(Treatment treatment) {
  switch (treatment) {
    case Treatment::zero_rated:
      return "zero-rated";
    case Treatment::exempt:
      return "exempt";
    case Treatment::out_of_scope:
      return "out of scope";
    case Treatment::taxed:
      break;
  }
  return "taxed";
}

// The code the account's mappings give a line: each tax's entry (one for the contact's region
// before one for any region), when they all name the same code; "" when none or they disagree.
std::string mapped_code(const CrmBook& book, const BookLine& line, const std::string& region) {
  std::string code;
  for (const auto& tax : line.taxes) {
    std::string for_tax, for_region;
    for (const auto& mapping : book.tax_mappings) {
      if (lower(tax.name) != lower(mapping.name) ||
          canonical_rate(tax.rate) != canonical_rate(mapping.rate))
        continue;
      if (mapping.region.empty()) for_tax = mapping.code_id;
      if (mapping.region == region) for_region = mapping.code_id;
    }
    const std::string chosen = for_region.empty() ? for_tax : for_region;
    if (chosen.empty() || (!code.empty() && chosen != code)) return {};
    code = chosen;
  }
  return code;
}

// The company's tax codes and rates, by Id.
class TaxTables {
 public:
  TaxTables(const json::array& codes, const json::array& rates) {
    for (const auto& code : codes) codes_[text(code.as_object(), "Id")] = &code.as_object();
    for (const auto& rate : rates) rates_[text(rate.as_object(), "Id")] = &rate.as_object();
  }

  // The rates code `code_id` charges on `date` (canonical percents, zero left out) and its kind
  // (exempt and out of scope by name, zero-rated by its rates' special type).
  std::pair<std::multiset<std::string>, Treatment> charged_on(const std::string& code_id,
                                                              const std::string& date) const {
    std::multiset<std::string> percents;
    const auto code = codes_.find(code_id);
    if (code == codes_.end()) return {percents, Treatment::taxed};
    const auto* list = code->second->if_contains("SalesTaxRateList");
    const auto* details =
        list && list->is_object() ? list->as_object().if_contains("TaxRateDetail") : nullptr;
    bool all_zero_rate = details && details->is_array() && !details->as_array().empty();
    for (const auto& detail : details && details->is_array() ? details->as_array() : kNone) {
      const auto rate = rates_.find(ref(detail.as_object(), "TaxRateRef"));
      if (rate == rates_.end()) continue;
      all_zero_rate &= text(*rate->second, "SpecialTaxType") == "ZERO_RATE";
      add_rate_on(*rate->second, date, percents);
    }
    const std::string name = lower(text(*code->second, "Name"));
    if (all_zero_rate) return {percents, Treatment::zero_rated};
    if (name.find("exempt") != std::string::npos) return {percents, Treatment::exempt};
    if (name.find("out of scope") != std::string::npos) return {percents, Treatment::out_of_scope};
    return {percents, Treatment::taxed};
  }

 private:
  // The rate's value in the period of its EffectiveTaxRate that holds `date`, unless zero.
  static void add_rate_on(const json::object& rate, const std::string& date,
                          std::multiset<std::string>& percents) {
    const auto* periods = rate.if_contains("EffectiveTaxRate");
    for (const auto& period : periods && periods->is_array() ? periods->as_array() : kNone) {
      const auto& p = period.as_object();
      const std::string from = text(p, "EffectiveDate").substr(0, 10);
      const std::string to = text(p, "EndDate").substr(0, 10);
      if (date < from || (!to.empty() && date > to)) continue;
      const auto value = money::decimal_from_json(p.at("RateValue"));
      if (value && !value->is_zero()) percents.insert(value->to_canonical_string());
    }
  }

  std::map<std::string, const json::object*> codes_, rates_;
};

std::string folded_email(const std::string& email) {
  return lower(email);  // only to match the host's review request; the audit's own keys are ids
}

}  // namespace

LedgerAudit::LedgerAudit(const CrmBook& book, json::object ledger, HostCalls host,
                         AuditOptions options)
    : book_(book), ledger_(std::move(ledger)), host_(std::move(host)), options_(options) {
  for (const auto& preferences : objects("Preferences")) {
    const auto* prefs = preferences.as_object().if_contains("AccountingInfoPrefs");
    if (prefs && prefs->is_object()) closing_date_ = text(prefs->as_object(), "BookCloseDate");
  }
}

bool LedgerAudit::in_closed_period(const BookDocument& document) const {
  return !closing_date_.empty() && document.date <= closing_date_;
}

std::vector<std::string> LedgerAudit::check() const {
  std::vector<std::string> findings;
  income_once(findings);
  invoice_balances(findings);
  one_customer_per_contact(findings);
  tax_codes_charge_crm_rates(findings);
  totals_to_the_cent(findings);
  review_requests(findings);
  return findings;
}

const json::array& LedgerAudit::objects(const char* entity) const {
  const auto* all = ledger_.if_contains("objects");
  if (!all || !all->is_object()) return kNone;
  const auto* list = all->as_object().if_contains(entity);
  return list && list->is_array() ? list->as_array() : kNone;
}

std::vector<const json::object*> LedgerAudit::documents_of(const char* entity,
                                                           const std::string& doc_number,
                                                           const std::string& note_prefix) const {
  std::vector<const json::object*> found;
  for (const auto& value : objects(entity)) {
    const auto& document = value.as_object();
    if (voided(document)) continue;
    if (text(document, "DocNumber") == doc_number ||
        starts_with(text(document, "PrivateNote"), note_prefix))
      found.push_back(&document);
  }
  return found;
}

std::vector<const json::object*> LedgerAudit::receipts_of(const BookPayment& payment) const {
  return documents_of("SalesReceipt", "P-" + payment.id, "CRM payment " + payment.id + " ");
}

std::vector<const json::object*> LedgerAudit::refund_receipts_of(const BookRefund& refund) const {
  return documents_of("RefundReceipt", "R-" + refund.id, "CRM refund " + refund.id + " ");
}

std::vector<const json::object*> LedgerAudit::invoices_numbered(const std::string& number) const {
  std::vector<const json::object*> found;
  for (const auto& value : objects("Invoice")) {
    if (text(value.as_object(), "DocNumber") == number) found.push_back(&value.as_object());
  }
  return found;
}

std::vector<const json::object*> LedgerAudit::payments_linked_to(const std::string& qbo_id) const {
  std::vector<const json::object*> found;
  for (const auto& value : objects("Payment")) {
    const auto& payment = value.as_object();
    bool linked = false;
    if (const auto* lines = payment.if_contains("Line"); lines && lines->is_array()) {
      for (const auto& line : lines->as_array()) {
        const auto* links = line.as_object().if_contains("LinkedTxn");
        if (!links || !links->is_array()) continue;
        for (const auto& link : links->as_array())
          linked |= text(link.as_object(), "TxnId") == qbo_id;
      }
    }
    if (linked) found.push_back(&payment);
  }
  return found;
}

// Every CRM payment's money is income exactly once: a Sales Receipt for a payment of an order,
// subscription, ...; a QBO Payment on the invoice for a payment of an invoice; never both. Each
// refund is one Refund Receipt.
void LedgerAudit::income_once(std::vector<std::string>& findings) const {
  for (const auto& payment : book_.payments) {
    const auto receipts = receipts_of(payment);
    const bool posted_once_expected = income_by_receipt(payment);
    if (payment.pays_invoices() && !receipts.empty()) {
      findings.push_back("payment " + payment.id +
                         " pays an invoice, yet it is also a Sales Receipt (income twice)");
    } else if (posted_once_expected && receipts.size() != 1) {
      findings.push_back("payment " + payment.id + " is " + std::to_string(receipts.size()) +
                         " Sales Receipts, not one");
    } else if (!payment.document.adds_up() && !receipts.empty()) {
      findings.push_back("payment " + payment.id +
                         " does not add up in the CRM, yet a Sales Receipt was posted");
    }
    if (posted_once_expected) refunds_once(payment, findings);
  }
  const int64_t expected = crm_income();
  const int64_t income = qbo_income();
  if (income != expected) {
    findings.push_back("QBO holds " + money_text(income) +
                       " of income (Sales Receipts + Payments) for " + money_text(expected) +
                       " the CRM was paid");
  }
}

// A payment of an order (not of invoices) that adds up and is not held by the closing date.
bool LedgerAudit::income_by_receipt(const BookPayment& payment) const {
  const bool held = in_closed_period(payment.document) && receipts_of(payment).empty();
  return !payment.pays_invoices() && payment.document.adds_up() && !held;
}

void LedgerAudit::refunds_once(const BookPayment& payment,
                               std::vector<std::string>& findings) const {
  for (const auto& refund : payment.refunds) {
    const auto refunds = refund_receipts_of(refund);
    if (refunds.size() != 1) {
      findings.push_back("refund " + refund.id + " of payment " + payment.id + " is " +
                         std::to_string(refunds.size()) + " Refund Receipts, not one");
    } else if (cents(*refunds.front(), "TotalAmt") != refund.cents) {
      findings.push_back("refund " + refund.id + " is " + money_text(refund.cents) +
                         " in the CRM but " + money_text(cents(*refunds.front(), "TotalAmt")) +
                         " in QBO");
    }
  }
}

// What the CRM was paid that QBO must hold: the orders' payments and the invoices' amounts paid.
int64_t LedgerAudit::crm_income() const {
  int64_t income = 0;
  for (const auto& payment : book_.payments) {
    if (income_by_receipt(payment)) income += payment.document.total();
  }
  for (const auto& invoice : book_.invoices) {
    if (!invoice.created_before_connection && invoice.document.adds_up() &&
        !invoices_numbered(invoice.number).empty())
      income += invoice.amount_paid;
  }
  return income;
}

// QBO's Sales Receipts, and its Payments on the CRM's invoices (not those a bookkeeper applied in
// QuickBooks to the company's own older invoices) or on no invoice.
int64_t LedgerAudit::qbo_income() const {
  int64_t income = 0;
  for (const auto& receipt : objects("SalesReceipt")) {
    if (!voided(receipt.as_object())) income += cents(receipt.as_object(), "TotalAmt");
  }
  std::set<std::string> counted;
  for (const auto& invoice : book_.invoices) {
    for (const auto* qbo : invoices_numbered(invoice.number)) {
      for (const auto* payment : payments_linked_to(text(*qbo, "Id"))) {
        if (counted.insert(text(*payment, "Id")).second) income += cents(*payment, "TotalAmt");
      }
    }
  }
  for (const auto& payment : objects("Payment")) {
    if (cents(payment.as_object(), "UnappliedAmt") == cents(payment.as_object(), "TotalAmt") &&
        counted.insert(text(payment.as_object(), "Id")).second)
      income += cents(payment.as_object(), "TotalAmt");
  }
  return income;
}

// Each CRM invoice made after the connection is one QBO Invoice whose balance is the CRM's total
// less what the CRM says was paid; a void invoice owes nothing; an invoice from before the
// connection (or one that does not add up) is not posted.
void LedgerAudit::invoice_balances(std::vector<std::string>& findings) const {
  for (const auto& invoice : book_.invoices) {
    const auto found = invoices_numbered(invoice.number);
    const bool expected = !invoice.created_before_connection && invoice.document.adds_up() &&
                          !(in_closed_period(invoice.document) && found.empty());
    if (!expected) {
      if (!found.empty()) {
        findings.push_back("invoice " + invoice.number +
                           (invoice.created_before_connection
                                ? " predates the connection, yet it is in QBO"
                                : " does not add up in the CRM, yet it was posted"));
      }
      continue;
    }
    if (found.size() != 1) {
      findings.push_back("invoice " + invoice.number + " is " + std::to_string(found.size()) +
                         " QBO invoices, not one");
      continue;
    }
    const int64_t balance = cents(*found.front(), "Balance");
    const int64_t owed = invoice.voided ? 0 : invoice.total() - invoice.amount_paid;
    if (balance != owed) {
      findings.push_back("invoice " + invoice.number + " owes " + money_text(owed) +
                         " in the CRM (total " + money_text(invoice.total()) + ", paid " +
                         money_text(invoice.amount_paid) + (invoice.voided ? ", void" : "") +
                         ") but its QBO balance is " + money_text(balance));
    }
  }
}

// One QBO customer per CRM contact: every document of a contact names the same customer, no two
// contacts share one, a contact made from a QuickBooks customer keeps it; and no CRM contact is
// created (upsert_contact without crm_contact_id) from a customer the plugin itself created.
void LedgerAudit::one_customer_per_contact(std::vector<std::string>& findings) const {
  std::map<std::string, std::set<std::string>> customers_of;  // contact → QBO customer ids
  for (const auto& posted : posted_documents()) {
    customers_of[posted.contact->id].insert(ref(*posted.qbo, "CustomerRef"));
  }
  for (const auto& payment : book_.payments) {
    for (const auto& refund : payment.refunds) {
      for (const auto* receipt : refund_receipts_of(refund))
        customers_of[payment.contact_id].insert(ref(*receipt, "CustomerRef"));
    }
  }
  std::map<std::string, std::string> contact_of;  // QBO customer → contact
  for (const auto& [contact_id, customers] : customers_of) {
    const auto& contact = book_.contact(contact_id);
    if (customers.size() > 1) {
      std::string list;
      for (const auto& id : customers) list += (list.empty() ? "" : ", ") + id;
      findings.push_back("contact " + contact_id + " is " + std::to_string(customers.size()) +
                         " QBO customers (" + list + "), not one");
    }
    for (const auto& customer : customers) {
      if (!contact.qbo_customer_id.empty() && customer != contact.qbo_customer_id) {
        findings.push_back("contact " + contact_id + " came from QBO customer " +
                           contact.qbo_customer_id + " but its documents name customer " +
                           customer);
      }
      const auto [it, inserted] = contact_of.emplace(customer, contact_id);
      if (!inserted && it->second != contact_id) {
        findings.push_back("contacts " + it->second + " and " + contact_id +
                           " share QBO customer " + customer);
      }
    }
  }
  std::set<std::string> own;
  for (const auto& customer : book_.qbo_own_customers) own.insert(customer.id);
  for (const auto& request : host_.upserted_contacts) {
    if (request.contains("crm_contact_id")) continue;
    const std::string customer = text(request, "qbo_customer_id");
    if (!own.count(customer)) {
      findings.push_back("the CRM was asked to create a contact (\"" +
                         text(request, "display_name") + "\") from QBO customer " + customer +
                         ", which the plugin created for a CRM contact");
    }
  }
}

std::vector<LedgerAudit::Posted> LedgerAudit::posted_documents() const {
  std::vector<Posted> posted;
  for (const auto& payment : book_.payments) {
    if (payment.pays_invoices()) continue;
    for (const auto* receipt : receipts_of(payment)) {
      posted.push_back({"payment " + payment.id, &book_.contact(payment.contact_id),
                        &payment.document, payment.document.total(), receipt});
    }
  }
  for (const auto& invoice : book_.invoices) {
    for (const auto* qbo : invoices_numbered(invoice.number)) {
      posted.push_back({"invoice " + invoice.number, &book_.contact(invoice.contact_id),
                        &invoice.document, invoice.total(), qbo});
    }
  }
  return posted;
}

// Every line's tax code charges, on the document's date, exactly the rates the CRM charged; a
// zero-rated, exempt or out-of-scope line gets a code of that kind; an admin's mapping is obeyed.
// In the US, tax is folded into the prices: no line's code may charge tax.
void LedgerAudit::tax_codes_charge_crm_rates(std::vector<std::string>& findings) const {
  const TaxTables tables(objects("TaxCode"), objects("TaxRate"));
  for (const auto& posted : posted_documents()) {
    std::vector<const json::object*> item_lines;
    for (const auto& line : posted.qbo->at("Line").as_array()) {
      if (text(line.as_object(), "DetailType") == "SalesItemLineDetail")
        item_lines.push_back(&line.as_object());
    }
    if (item_lines.size() != posted.document->lines.size()) {
      findings.push_back(posted.what + " has " + std::to_string(posted.document->lines.size()) +
                         " lines in the CRM but " + std::to_string(item_lines.size()) +
                         " item lines in QBO");
      continue;
    }
    for (std::size_t i = 0; i < item_lines.size(); ++i) {
      const auto& crm = posted.document->lines[i];
      const std::string code_id =
          ref(item_lines[i]->at("SalesItemLineDetail").as_object(), "TaxCodeRef");
      const auto [qbo_rates, kind] = tables.charged_on(code_id, posted.document->date);
      const std::string where = posted.what + " line " + std::to_string(i + 1) + " (" + crm.name +
                                ", tax code " + code_id + ")";
      if (book_.country == "US") {
        if (!qbo_rates.empty()) findings.push_back(where + " charges tax of its own in the US");
        continue;
      }
      std::multiset<std::string> crm_rates;
      for (const auto& tax : crm.taxes) {
        if (money::Decimal::parse(tax.rate) && !money::Decimal::parse(tax.rate)->is_zero())
          crm_rates.insert(canonical_rate(tax.rate));
      }
      if (crm.treatment != Treatment::taxed && kind != crm.treatment) {
        findings.push_back(where + " is " + treatment_name(crm.treatment) +
                           " in the CRM but its code is " + treatment_name(kind));
      } else if (qbo_rates != crm_rates) {
        std::string crm_list, qbo_list;
        for (const auto& r : crm_rates) crm_list += r + "% ";
        for (const auto& r : qbo_rates) qbo_list += r + "% ";
        findings.push_back(where + " charges [" + qbo_list + "] on " + posted.document->date +
                           " where the CRM charged [" + crm_list + "]");
      }
      const std::string mapped = mapped_code(book_, crm, posted.contact->region);
      if (!mapped.empty() && code_id != mapped)
        findings.push_back(where + ": the account maps its taxes to tax code " + mapped);
    }
  }
}

// QBO's total and tax equal the CRM's to the cent for every posted document (in the US the tax
// is folded into the lines, so only the total).
void LedgerAudit::totals_to_the_cent(std::vector<std::string>& findings) const {
  for (const auto& posted : posted_documents()) {
    const int64_t total = cents(*posted.qbo, "TotalAmt");
    if (total != posted.expected_total) {
      findings.push_back(posted.what + " totals " + money_text(posted.expected_total) +
                         " in the CRM but " + money_text(total) + " in QBO");
    }
    const bool void_invoice = posted.expected_total == 0 && voided(*posted.qbo);
    if (book_.country != "US" && !void_invoice &&
        total_tax(*posted.qbo) != posted.document->tax_total()) {
      findings.push_back(posted.what + " has " + money_text(posted.document->tax_total()) +
                         " of tax in the CRM but " + money_text(total_tax(*posted.qbo)) +
                         " in QBO");
    }
  }
}

// One review request per contact whose first invoice made after the connection was paid in
// full; none for anyone else (old history, partly paid, later invoices).
void LedgerAudit::review_requests(std::vector<std::string>& findings) const {
  std::map<std::string, int> requests_for;  // contact id → count
  for (const auto& request : host_.review_requests) {
    const auto* contact = request.if_contains("contact");
    const json::object empty;
    const auto& c = contact && contact->is_object() ? contact->as_object() : empty;
    std::string matched;
    for (const auto& [id, book_contact] : book_.contacts) {
      bool same = text(c, "crm_contact_id") == id;
      for (const auto& email : book_contact.emails)
        same |= !email.empty() && folded_email(text(c, "email")) == folded_email(email);
      if (same) matched = id;
    }
    if (matched.empty()) {
      findings.push_back("a review request for " + json::serialize(c) +
                         ", who is no CRM contact of the story");
    } else {
      ++requests_for[matched];
    }
  }
  if (!options_.review_requests_enabled) {
    if (!host_.review_requests.empty())
      findings.push_back("review requests were sent although the account turned them off");
    return;
  }
  for (const auto& [id, contact] : book_.contacts) {
    const BookInvoice* first = nullptr;
    for (const auto& invoice : book_.invoices) {
      if (invoice.contact_id != id || invoice.created_before_connection || invoice.voided ||
          !invoice.document.adds_up())
        continue;
      if (!first || invoice.sequence < first->sequence) first = &invoice;
    }
    const int expected = first && first->amount_paid >= first->total() && first->total() > 0;
    if (requests_for[id] != expected) {
      findings.push_back("contact " + id + " got " + std::to_string(requests_for[id]) +
                         " review requests; expected " + std::to_string(expected) +
                         (first ? " (first invoice " + first->number + ", paid " +
                                      money_text(first->amount_paid) + " of " +
                                      money_text(first->total()) + ")"
                                : " (no invoice after the connection)"));
    }
  }
}

}  // namespace qbo_sync::acceptance
