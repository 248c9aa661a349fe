// An acceptance story's stage and its small language: a CRM that pays orders, sends and edits
// invoices, takes payments and refunds, and whose contacts change, driven through the real
// libqbo_sync.so against the QBO sandbox. Every action is recorded in the CRM book; audit()
// settles the plugin and checks the whole ledger against the book.
#pragma once

#include <gtest/gtest.h>

#include <boost/json/object.hpp>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "connected_plugin_fixture.h"
#include "crm_book.h"
#include "ledger_audit.h"

namespace qbo_sync::acceptance {

// How the CRM reports money paid on an invoice.
enum class Via {
  payment_and_update,  // payment.completed (source invoice) and invoice.updated (amount_paid)
  payment_only,        // payment.completed only
  update_only,         // invoice.updated only (e.g. paid through the invoice's payment link)
};

class CrmStory : public testing::ConnectedPluginFixture {
 protected:
  CrmStory() : testing::ConnectedPluginFixture(600.0) {}
  void SetUp() override;

  // The QuickBooks company: Canadian by default; call before connect().
  void us_company();
  // The admin's tax mapping (per CRM tax: name, rate, region or "") to a QBO TaxCode Id.
  void map_tax(const std::string& name, const std::string& rate, const std::string& region,
               const std::string& code_id);
  void review_requests_off() { audit_options_.review_requests_enabled = false; }
  // Settings, then the admin's OAuth consent. Invoices made before this predate the connection.
  void connect();

  std::string contact(const std::string& first, const std::string& last, const std::string& email,
                      const std::string& region = "ON");
  void change_email(const std::string& contact_id, const std::string& email);

  // A payment of an order (or subscription, membership...) with `lines`, paid on `date` (today
  // when empty). Returns the CRM payment id.
  std::string pay_order(const std::string& contact_id, std::vector<BookLine> lines,
                        const std::string& source = "order_form", const std::string& date = "",
                        int64_t stated_total_error = 0);
  void refund(const std::string& payment_id, int64_t cents);

  std::string send_invoice(const std::string& contact_id, const std::string& number,
                           std::vector<BookLine> lines, const std::string& issue_date = "");
  void edit_invoice(const std::string& invoice_id, std::vector<BookLine> lines);
  void void_invoice(const std::string& invoice_id);
  // `cents` paid on the invoice, reported as `via` says. Returns the CRM payment id (if any).
  std::string pay_invoice(const std::string& invoice_id, int64_t cents,
                          Via via = Via::payment_and_update);
  // One payment of several invoices (applied_to), each invoice then updated.
  std::string pay_invoices(const std::vector<Application>& applications);

  // The QuickBooks company's own customer (made in QuickBooks, not by the plugin).
  std::string qbo_customer(const std::string& name, const std::string& email);
  // An invoice of `cents` + HST ON in QuickBooks dated `date`, paid there in full when `paid`,
  // both entered a minute ago.
  std::string qbo_invoice(const std::string& customer_id, int64_t cents, const std::string& date,
                          bool paid);
  // The CRM contact the host made from QuickBooks customer `customer_id` (after the import).
  std::string contact_from_qbo(const std::string& customer_id, const std::string& region = "ON");

  // The company's admin closes the books up to `date` (YYYY-MM-DD) in QuickBooks.
  void close_books(const std::string& date);
  // The bookkeeper deposits every receipt and payment waiting in Undeposited Funds to the bank.
  void deposit_undeposited_funds();

  // The sandbox's next `count` calls matching `entity` fail as `kind` ("http_500", ...).
  void fault(const std::string& kind, const std::string& entity, int count = 1,
             bool after_ledger = false);

  // Until every record settled and the inbound side polled twice after that.
  void settle();
  // The audit's findings after settling (empty when the books hold).
  std::vector<std::string> audit_findings();
  // Settles, audits, and fails the story with every finding.
  void audit();

  CrmBook book_;

 private:
  void send_payment(const BookPayment& payment);
  void send_invoice_event(const BookInvoice& invoice, bool first);
  void send_settings();
  void recorded_on(boost::json::object object, const std::string& entity);
  boost::json::object ledger_write(const std::string& path, const boost::json::object& body);
  std::string today() const;
  std::string now_text(int offset_seconds) const;
  std::string account() const;
  // The inbound side's count of change polls so far (-1 before it answers).
  int64_t inbound_polls();
  // A signed QuickBooks webhook delivery naming the story's company: its change poll runs now.
  void poll_changes_now();

  AuditOptions audit_options_;
  std::string realm_;
  bool connected_ = false;
  int next_id_ = 0;
  int webhook_deliveries_ = 0;
  int settings_revision_ = 0;
  int invoice_sequence_ = 0;
  std::map<std::string, std::string> invoice_created_at_;  // CRM invoice id → its created_at
};

}  // namespace qbo_sync::acceptance
