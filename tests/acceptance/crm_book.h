// What the CRM did in a story, as the CRM itself would report it: its contacts, payments (with
// refunds), invoices (totals, amount paid, void), every line's taxes, and the QuickBooks side's
// own customers and history. The ledger audit compares the sandbox's books against this model.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace qbo_sync::acceptance {

// Minor units (cents) as the CRM's text: 12345 → "123.45".
std::string money_text(int64_t cents);

// How the CRM treats a line for tax: charged at its rates, or one of the three untaxed kinds
// that Canadian books keep apart.
enum class Treatment { taxed, zero_rated, exempt, out_of_scope };

struct TaxCharge {
  std::string name;  // e.g. "HST ON"
  std::string rate;  // percent as the CRM writes it, e.g. "9.975"
  int64_t cents = 0;
};

struct BookLine {
  std::string name;
  int64_t cents = 0;  // quantity 1 × price − discount, before tax
  int64_t discount_cents = 0;
  Treatment treatment = Treatment::taxed;
  std::vector<TaxCharge> taxes;
};

// A line of `cents` charged at each of `taxes` (name, rate), each rounded half up to the cent.
BookLine taxed_line(std::string name, int64_t cents,
                    const std::vector<std::pair<std::string, std::string>>& taxes,
                    int64_t discount_cents = 0);
BookLine untaxed_line(std::string name, int64_t cents, Treatment treatment);

// A document's lines and totals as the CRM states them.
struct BookDocument {
  std::string date;  // YYYY-MM-DD, the document's date (paid or issued)
  std::vector<BookLine> lines;
  int64_t stated_total_error = 0;  // added to the stated total: a document that does not add up

  int64_t subtotal() const;
  int64_t tax_total() const;
  int64_t total() const;  // as the CRM states it (stated_total_error included)
  // The stated total is the lines' sum and every tax is its rate of its line, to the cent.
  bool adds_up() const;
};

struct BookContact {
  std::string id;
  std::string first_name, last_name, company_name;
  std::vector<std::string> emails;  // every address it has had, the current one last
  std::string region;               // province or state of its billing address
  std::string country = "CA";
  std::string qbo_customer_id;  // set when the CRM made this contact from a QuickBooks customer
  const std::string& email() const { return emails.back(); }
};

struct BookRefund {
  std::string id;
  int64_t cents = 0;
};

struct Application {
  std::string invoice_id;
  int64_t cents = 0;
};

struct BookPayment {
  std::string id;
  std::string contact_id;
  std::string source = "order_form";    // payment.completed's `source`
  std::vector<Application> applied_to;  // for source "invoice": the invoices it pays
  BookDocument document;
  std::vector<BookRefund> refunds;
  int revision = 1;
  bool before_connection = false;
  bool pays_invoices() const { return source == "invoice"; }
};

struct BookInvoice {
  std::string id;
  std::string number;
  std::string contact_id;
  BookDocument document;
  int64_t amount_paid = 0;
  bool voided = false;
  bool created_before_connection = false;
  int revision = 1;
  int sequence = 0;  // order of creation in the CRM
  int64_t total() const { return voided ? 0 : document.total(); }
};

// The QuickBooks company's own customers (made there, not by the plugin), by Id.
struct QboOwnCustomer {
  std::string id;
  std::string display_name;
  std::string email;
};

struct CrmBook {
  std::string country = "CA";  // of the connected QuickBooks company
  std::map<std::string, BookContact> contacts;
  std::vector<BookPayment> payments;
  std::vector<BookInvoice> invoices;
  std::vector<QboOwnCustomer> qbo_own_customers;
  // The account's tax mappings: (CRM tax name, rate, region or "") → QBO TaxCode Id.
  struct TaxMapping {
    std::string name, rate, region, code_id;
  };
  std::vector<TaxMapping> tax_mappings;

  BookContact& contact(const std::string& id) { return contacts.at(id); }
  const BookContact& contact(const std::string& id) const { return contacts.at(id); }
  BookPayment& payment(const std::string& id);
  BookInvoice& invoice(const std::string& id);
  const BookInvoice* find_invoice(const std::string& id) const;
};

}  // namespace qbo_sync::acceptance
