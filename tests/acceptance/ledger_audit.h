// The accounting audit of a whole QuickBooks company against the CRM's book, applied at the end
// of every acceptance story. It reads only the sandbox's ledger (a /control/ledger snapshot) and
// the host's recorded calls, never the plugin's store, and returns every broken invariant as a
// sentence naming the CRM object and what QBO holds.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <vector>

#include "crm_book.h"

namespace qbo_sync::acceptance {

// What the host was asked to do, as recorded.
struct HostCalls {
  std::vector<boost::json::object> upserted_contacts;
  std::vector<boost::json::object> review_requests;
};

struct AuditOptions {
  bool review_requests_enabled = true;
};

class LedgerAudit {
 public:
  // `ledger` is the company's snapshot: {"objects":{"Customer":[...],"Invoice":[...],...}}.
  LedgerAudit(const CrmBook& book, boost::json::object ledger, HostCalls host,
              AuditOptions options = {});

  // Every finding; empty when the books hold.
  std::vector<std::string> check() const;

  // The invariants, one by one (check() runs them all).
  void income_once(std::vector<std::string>& findings) const;
  void invoice_balances(std::vector<std::string>& findings) const;
  void one_customer_per_contact(std::vector<std::string>& findings) const;
  void tax_codes_charge_crm_rates(std::vector<std::string>& findings) const;
  void totals_to_the_cent(std::vector<std::string>& findings) const;
  void review_requests(std::vector<std::string>& findings) const;

 private:
  const boost::json::array& objects(const char* entity) const;
  // A document dated on or before the company's closing date cannot be posted: it may be held.
  bool in_closed_period(const BookDocument& document) const;
  bool income_by_receipt(const BookPayment& payment) const;
  void refunds_once(const BookPayment& payment, std::vector<std::string>& findings) const;
  int64_t crm_income() const;
  int64_t qbo_income() const;
  // The unvoided `entity` documents numbered `doc_number` or whose private note starts with
  // `note_prefix`.
  std::vector<const boost::json::object*> documents_of(const char* entity,
                                                       const std::string& doc_number,
                                                       const std::string& note_prefix) const;
  std::vector<const boost::json::object*> receipts_of(const BookPayment& payment) const;
  std::vector<const boost::json::object*> refund_receipts_of(const BookRefund& refund) const;
  std::vector<const boost::json::object*> invoices_numbered(const std::string& number) const;
  std::vector<const boost::json::object*> payments_linked_to(const std::string& qbo_id) const;
  // Each CRM document the ledger holds, with its QBO form (receipts and invoices).
  struct Posted {
    std::string what;  // "payment pay-1" / "invoice INV-1"
    const BookContact* contact;
    const BookDocument* document;
    int64_t expected_total;
    const boost::json::object* qbo;
  };
  std::vector<Posted> posted_documents() const;

  const CrmBook& book_;
  boost::json::object ledger_;
  HostCalls host_;
  AuditOptions options_;
  std::string closing_date_;  // Preferences.AccountingInfoPrefs.BookCloseDate, or empty
};

}  // namespace qbo_sync::acceptance
