// QuickBooks → CRM for one connected account, one blocking step at a time: the initial import of
// every customer (and, when the account chose so, every old invoice) page by page with its
// progress kept in the store so that it resumes after a restart; a change-data-capture poll from
// an overlapping watermark; a full reconcile; and the first-paid-invoice review request.
//
// Nothing imported loops back: a customer the plugin created is recognised by its link and only
// updated; imported customers and invoices are linked with origin quickbooks, which the outbound
// side never pushes. The review request is marked in the store before the host is asked, so it is
// sent at most once per customer, ever.
//
// Blocking (QBO and host calls): run it on the inbound thread. One account is worked by one
// caller at a time (the service holds a store lease per account).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "inbound/inbound_host.h"
#include "inbound/invoice_document.h"
#include "mapping/company_data_cache.h"
#include "qbo_client/api_client.h"
#include "store/store.h"

namespace qbo_sync::inbound {

struct InboundSyncOptions {
  std::uint32_t page_size = 1000;          // customers or invoices per query page (QBO's maximum)
  int64_t watermark_overlap_ms = 120'000;  // how far each CDC poll reaches behind the last one
};

// What one step did, for scheduling and status.
struct StepResult {
  bool more = false;  // more work of this kind is waiting (call again without pausing)
};

class InboundSync {
 public:
  using Clock = std::function<int64_t()>;  // ms since the Unix epoch

  // Ages and "since" times are read on `clock` (the plugin's; the store's when empty).
  InboundSync(store::Store& store, qbo::ApiClient& api, InboundHost host,
              InboundSyncOptions options = {}, Clock clock = {});

  // True when the account's initial import (customers, then old invoices when chosen) is done
  // for its current connection.
  bool import_complete(const store::ConnectionRow& account);
  // One page of the initial import.
  qbo::Outcome<StepResult> import_step(const qbo::Connection& connection,
                                       const store::ConnectionRow& account, int64_t now_ms);

  // One change-data-capture poll from the watermark: new, changed, deactivated, deleted and
  // merged customers; later changes of imported invoices; review requests for customers whose
  // invoices or payments changed. `more` when QBO's 1000-object cap was reached.
  qbo::Outcome<StepResult> poll(const qbo::Connection& connection,
                                const store::ConnectionRow& account, int64_t now_ms);

  // The full reconcile: due when `interval_ms` passed since the last one finished; one page per
  // call. Customers whose SyncToken the CRM already has are not sent again.
  bool reconcile_due(const store::ConnectionRow& account, int64_t now_ms, int64_t interval_ms);
  qbo::Outcome<StepResult> reconcile_step(const qbo::Connection& connection,
                                          const store::ConnectionRow& account, int64_t now_ms);

  // {import: {state, customers: {done,total}, invoices: {done,total}}, last_poll_at, ...}
  boost::json::object status(const std::string& account_id);

 private:
  struct Pass;
  struct SeenCustomer;

  qbo::Outcome<StepResult> pass_step(const qbo::Connection& connection,
                                     const store::ConnectionRow& account, const std::string& name,
                                     bool import_new_invoices, int64_t now_ms);
  // Opens the pass: a new one for a new connection or once the last is over (the import's sets
  // the CDC watermark), or a finished one again for old invoices chosen since. False when the
  // pass has nothing left to do.
  qbo::Outcome<bool> open_pass(const qbo::Connection& connection,
                               const store::ConnectionRow& account, const std::string& name,
                               bool import_new_invoices, bool import_old_invoices, int64_t now_ms,
                               Pass& pass);
  // How many customers (active or not) or invoices the company has.
  qbo::Outcome<int64_t> count_pass_rows(const qbo::Connection& connection, bool customers);
  // Offers the pass's next page of customers or invoices to the CRM; the rows QBO returned.
  qbo::Outcome<std::size_t> pass_page(const qbo::Connection& connection,
                                      const store::ConnectionRow& account, bool customers,
                                      bool import_new_invoices, Pass& pass);
  // After the last page of a phase: on to old invoices when chosen, otherwise done.
  void end_pass_phase(const store::ConnectionRow& account, const std::string& name, bool customers,
                      bool import_old_invoices, int64_t now_ms, Pass& pass);
  // Where the poll starts: the stored watermark, a new one, or now (less the overlap) with a full
  // reconcile when the watermark is older than the change feed reaches back.
  qbo::Outcome<std::string> poll_since(const qbo::Connection& connection,
                                       const store::ConnectionRow& account, std::string since,
                                       int64_t now_ms);
  // Checks the review request of each customer whose invoices or payments changed since the
  // last look.
  void check_review_requests(const qbo::Connection& connection, const store::ConnectionRow& account,
                             const std::map<std::string, std::set<std::string>>& paying_customers);
  std::optional<boost::json::object> review_contact(const qbo::Connection& connection,
                                                    const std::string& account_id,
                                                    const std::string& customer_id);
  // Marks the customer as asked, then asks the host once.
  void send_review_request(const std::string& account_id, const std::string& customer_id,
                           const InvoiceFacts& first, boost::json::object contact);
  qbo::Outcome<std::string> start_watermark(const qbo::Connection& connection,
                                            const std::string& account_id);
  enum class Handled { taken, refused, deferred };
  // `qbo_now_ms`: QBO's time of the answer that carried the customer (0: unknown).
  Handled handle_customer(const store::ConnectionRow& account, const boost::json::object& customer,
                          int64_t qbo_now_ms);
  // Links a customer the CRM took: a new one under its contact's key, or its own link updated.
  void link_taken_customer(const std::string& account_id, const std::optional<store::Link>& link,
                           const std::string& id, const std::string& sync_token,
                           const std::string& crm_contact_id, const std::string& email);
  // Each returns false when the host refused the change (it must be offered again).
  bool handle_removed_customer(const store::ConnectionRow& account, const std::string& id);
  bool handle_invoice(const store::ConnectionRow& account, const boost::json::object& invoice,
                      bool import_new);
  // False when QBO could not be asked (the next poll asks again).
  bool check_review_request(const qbo::Connection& connection, const store::ConnectionRow& account,
                            const std::string& customer_id);
  // False while the host is known to lack upsert_contact (it answered UNSUPPORTED): recorded
  // once per account, and asked again once per start of the plugin.
  bool contacts_offered(const std::string& account_id);
  // Notes the host's answer to an upsert_contact; false when it lacks the service.
  bool note_contacts_answer(const std::string& account_id, int32_t status);
  // True when the customer's first invoice (paid in full) was paid after the account connected.
  qbo::Outcome<bool> paid_after_connection(const qbo::Connection& connection,
                                           const store::ConnectionRow& account,
                                           const InvoiceFacts& first);
  std::optional<SeenCustomer> seen_customer(const std::string& account_id, const std::string& id);
  void remember_customer(const std::string& account_id, const std::string& id,
                         const SeenCustomer& seen);
  void log(LogLevel level, const std::string& message) const;
  // The currency the account's company keeps its books in ("CAD" for a Canadian company).
  std::string company_currency(const store::ConnectionRow& account);

  store::Store& store_;
  qbo::ApiClient& api_;
  InboundHost host_;
  InboundSyncOptions options_;
  Clock clock_;
  std::mutex probe_mutex_;
  std::set<std::string> unsupported_this_run_;  // accounts whose host lacked upsert_contact
  mapping::CompanyDataCache companies_;
};

}  // namespace qbo_sync::inbound
