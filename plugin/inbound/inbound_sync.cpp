#include "inbound/inbound_sync.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include <boost/describe/class.hpp>
#include <boost/json.hpp>

#include "clock/system_clock.h"
#include "events/typed_events.h"
#include "inbound/customer_contact.h"
#include "inbound/first_invoice.h"
#include "inbound/invoice_document.h"
#include "inbound/qbo_json.h"
#include "mapping/company_data.h"
#include "mapping/contact_names.h"
#include "mapping/customer_document.h"
#include "qbo_client/change_feed.h"
#include "qbo_client/entity_refs.h"
#include "text/described_json.h"

namespace qbo_sync::inbound {
namespace {

namespace json = boost::json;

// Store state names, per account.
constexpr const char* kImportState = "inbound.import";
constexpr const char* kReconcileState = "inbound.reconcile";
constexpr const char* kCdcState = "inbound.cdc";
const std::string kCustomerStatePrefix = "inbound.customer.";
const std::string kInvoiceStatePrefix = "inbound.invoice.";
const std::string kReviewCheckedPrefix = "inbound.review_checked.";
// Set while the host answers upsert_contact with UNSUPPORTED: {"since": time}.
constexpr const char* kContactsUnsupportedState = "inbound.contacts_unsupported";
constexpr const char* kReviewKind = "review_request";
// QBO answers at most 1000 objects per CDC call, and no further back than 30 days.
constexpr std::size_t kCdcCap = 1000;
constexpr int64_t kCdcReachMs = 29LL * 24 * 3600 * 1000;
// How long a new customer without e-mail waits before it is linked (see handle_customer).
constexpr int64_t kNewCustomerSettleMs = 30'000;

json::object parse_object(const std::optional<std::string>& text) {
  if (!text) return {};
  boost::system::error_code error;
  auto value = json::parse(*text, error);
  if (error || !value.is_object()) return {};
  return std::move(value.as_object());
}

int64_t int_at(const json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value && value->is_int64() ? value->as_int64() : 0;
}

events::Settings settings_of(store::Store& store, const std::string& account_id) {
  return events::stored_settings(store.account_settings(account_id));
}

std::string fault_text(const qbo::Fault& fault) {
  std::string text = std::string(qbo::to_string(fault.fault_class));
  if (!fault.code.empty()) text += " " + fault.code;
  if (!fault.message.empty()) text += ": " + fault.message;
  return text;
}

// The Customer page query of a pass: every customer, inactive ones included, in a stable order.
qbo::QueryBuilder customer_query() {
  auto query = qbo::QueryBuilder::select_all("Customer");
  query.where_in("Active", std::vector<bool>{true, false}).order_by("Id");
  return query;
}

qbo::QueryBuilder invoice_query() {
  auto query = qbo::QueryBuilder::select_all("Invoice");
  query.order_by("Id");
  return query;
}

// The contact a QBO customer is linked to, what the CRM last gave that customer and the customer as
// it stood after that write (both unknown for a customer the CRM never wrote).
struct LinkedContact {
  std::string crm_contact_id;
  std::optional<events::Contact> sent, written;

  // False when QBO holds just what this side wrote: a change it made itself is no news.
  bool changed_in_quickbooks(const json::object& customer) const {
    if (written) return mapping::customer_changed_since(customer, *written);
    if (sent) return mapping::customer_differs_from(customer, *sent);
    return true;
  }
};

LinkedContact linked_contact(store::Store& store, const std::string& account_id,
                             const std::optional<store::Link>& link) {
  LinkedContact linked;
  if (!link || link->crm_type != "contact") return linked;
  linked.sent = mapping::parse_contact_details(
      store.state(account_id, mapping::contact_details_state(link->crm_id)));
  linked.written = mapping::parse_contact_details(
      store.state(account_id, mapping::customer_written_state(link->crm_id)));
  if (link->crm_id.rfind("id:", 0) == 0) {
    linked.crm_contact_id = link->crm_id.substr(3);
  } else if (linked.sent) {
    linked.crm_contact_id = linked.sent->crm_contact_id;
  }
  return linked;
}

// True while the sync engine says it is creating (and has not yet linked) a customer with this
// e-mail; an intent left by a process that died is ignored after a while.
bool being_created(store::Store& store, const std::string& account_id, const std::string& email,
                   int64_t now_ms) {
  constexpr int64_t kIntentLifetimeMs = 10 * 60 * 1000;
  if (usable_email(email).empty()) return false;
  const auto since = store.state(account_id, mapping::customer_creating_state(email));
  if (!since || since->empty()) return false;
  return now_ms - std::stoll(*since) < kIntentLifetimeMs;
}

// What one change-data-capture answer holds, sorted for handling.
struct CdcChanges {
  std::size_t objects = 0;
  int64_t newest_change = 0;
  std::vector<json::object> customers, invoices;
  std::vector<std::string> removed_customers;
  // Customers whose invoices or payments changed, with what changed (QBO's times have whole
  // seconds, so the objects themselves tell two changes apart).
  std::map<std::string, std::set<std::string>> paying_customers;

  void note_payment_change(std::string_view entity, const qbo::ChangedEntity& changed) {
    const qbo::Entity& object = changed.entity;
    std::string change = std::string(entity) + ":" + object.id + "/" + object.sync_token + "/" +
                         changed.last_updated;
    if (object.balance) change += "/" + object.balance->to_string();
    paying_customers[object.customer_ref.value].insert(std::move(change));
  }

  void add(std::string_view entity, const qbo::ChangedEntity& changed) {
    newest_change = std::max(newest_change, parse_qbo_time(changed.last_updated).value_or(0));
    if (entity == "Customer") {
      if (changed.deleted) {
        removed_customers.push_back(changed.entity.id);
      } else {
        customers.push_back(changed.entity.json);
      }
    } else if (entity == "Invoice" && !changed.deleted) {
      invoices.push_back(changed.entity.json);
      note_payment_change(entity, changed);
    } else if (entity == "Payment" && !changed.deleted) {
      note_payment_change(entity, changed);
    }
  }
};

CdcChanges cdc_changes(const qbo::ChangeFeed& feed) {
  CdcChanges changes;
  changes.objects = feed.size();
  for (const auto& [entity, list] : feed.changes) {
    for (const auto& changed : list) changes.add(entity, changed);
  }
  return changes;
}

// Next time, from QBO's "now" of this answer less the overlap; when QBO capped the answer,
// from the newest change it returned, so that nothing beyond the cap is lost. What the CRM did
// not take keeps the watermark where it was, so the next poll offers it again.
std::string next_watermark(const std::string& since, bool refused, bool capped,
                           int64_t newest_change, std::optional<int64_t> qbo_now,
                           int64_t overlap_ms) {
  if (refused) return since;
  if (capped && newest_change > 0) return format_qbo_time(newest_change);
  if (qbo_now)
    return format_qbo_time(std::max(*qbo_now - overlap_ms, parse_qbo_time(since).value_or(0)));
  return since;
}

std::vector<InvoiceFacts> invoice_facts_of(const json::array& rows, const std::string& currency) {
  std::vector<InvoiceFacts> invoices;
  for (const auto& row : rows) {
    if (!row.is_object()) continue;
    if (auto facts = invoice_facts(row.as_object(), currency))
      invoices.push_back(std::move(*facts));
  }
  return invoices;
}

// The payment engine links a customer it creates right after QBO answers; a brand-new unlinked
// customer without e-mail may be one of its own, whose contact cannot be matched by e-mail. It
// waits for the next look (the watermark overlap brings it back) so that it is never linked
// to a second contact.
bool settling_without_email(const json::object& customer, int64_t qbo_now_ms) {
  if (qbo_now_ms <= 0 || !usable_email(text_at(customer, "PrimaryEmailAddr", "Address")).empty())
    return false;
  const auto created = parse_qbo_time(text_at(customer, "MetaData", "CreateTime"));
  return created && qbo_now_ms - *created < kNewCustomerSettleMs;
}

}  // namespace

// A pass over every customer (then invoices): the initial import or a reconcile.
struct InboundSync::Pass {
  int64_t epoch = 0;  // connected_at_ms of the connection it belongs to
  std::string phase;  // customers | invoices | done
  int64_t customers_done = 0, customers_total = -1;  // -1: not counted yet
  int64_t invoices_done = 0, invoices_total = -1;
  bool invoices_included = false;
  int64_t failed = 0;  // host refusals (they are tried again by the next poll or reconcile)
  int64_t started_ms = 0, finished_ms = 0;

  static Pass read(const json::object& object);
  std::string text() const;

  BOOST_DESCRIBE_CLASS(Pass, (),
                       (epoch, phase, customers_done, customers_total, invoices_done,
                        invoices_total, invoices_included, failed, started_ms, finished_ms),
                       (), ())
};

InboundSync::Pass InboundSync::Pass::read(const json::object& object) {
  Pass pass;
  qbo_sync::text::read_present_members(object, pass);
  return pass;
}

std::string InboundSync::Pass::text() const {
  return json::serialize(qbo_sync::text::members_to_json(*this));
}

// What the CRM last received of a QBO customer.
struct InboundSync::SeenCustomer {
  std::string sync_token;  // "deleted" once QBO removed it
  std::string crm_contact_id, display_name, email;
};

std::string InboundSync::company_currency(const store::ConnectionRow& account) {
  auto read = companies_.company(account.account_id, account.company_json);
  if (auto* company = std::get_if<mapping::SharedCompanyData>(&read)) {
    auto currency = (*company)->home_currency();
    if (!currency.empty()) return currency;
  }
  return account.country == "US" ? "USD" : "CAD";
}

InboundSync::InboundSync(store::Store& store, qbo::ApiClient& api, InboundHost host,
                         InboundSyncOptions options, Clock clock)
    : store_(store),
      api_(api),
      host_(std::move(host)),
      options_(options),
      clock_(clock ? std::move(clock) : [&store] { return store.now_ms(); }) {}

void InboundSync::log(LogLevel level, const std::string& message) const {
  if (host_.log) host_.log(level, message);
}

bool InboundSync::import_complete(const store::ConnectionRow& account) {
  const auto pass = Pass::read(parse_object(store_.state(account.account_id, kImportState)));
  if (pass.epoch != account.connected_at_ms || pass.phase != "done") return false;
  // Old invoices chosen after the import finished: their part of the import is still to do.
  return pass.invoices_included || !settings_of(store_, account.account_id).import_old_invoices;
}

qbo::Outcome<StepResult> InboundSync::import_step(const qbo::Connection& connection,
                                                  const store::ConnectionRow& account,
                                                  int64_t now_ms) {
  return pass_step(connection, account, kImportState, true, now_ms);
}

bool InboundSync::reconcile_due(const store::ConnectionRow& account, int64_t now_ms,
                                int64_t interval_ms) {
  const auto pass = Pass::read(parse_object(store_.state(account.account_id, kReconcileState)));
  if (pass.phase == "customers" || pass.phase == "invoices")
    return pass.epoch == account.connected_at_ms;
  if (pass.epoch != account.connected_at_ms) {
    // The first reconcile of a connection runs one interval after its import.
    const auto import = Pass::read(parse_object(store_.state(account.account_id, kImportState)));
    return import.finished_ms > 0 && now_ms - import.finished_ms >= interval_ms;
  }
  return now_ms - pass.finished_ms >= interval_ms;
}

qbo::Outcome<StepResult> InboundSync::reconcile_step(const qbo::Connection& connection,
                                                     const store::ConnectionRow& account,
                                                     int64_t now_ms) {
  return pass_step(connection, account, kReconcileState, false, now_ms);
}

qbo::Outcome<std::string> InboundSync::start_watermark(const qbo::Connection& connection,
                                                       const std::string&) {
  // QBO's own clock, so that the watermark never depends on this machine's.
  auto answer = api_.query(connection, qbo::QueryBuilder::count("Customer"));
  if (!answer) return std::move(answer).fault();
  auto qbo_now = parse_qbo_time(qbo::string_member(answer.value().body, "time"));
  // Else this machine's real time (QBO's is real too), whatever pace the plugin's clock keeps.
  if (!qbo_now) qbo_now = clock::SystemClock().now_ms();
  return format_qbo_time(*qbo_now - options_.watermark_overlap_ms);
}

qbo::Outcome<bool> InboundSync::open_pass(const qbo::Connection& connection,
                                          const store::ConnectionRow& account,
                                          const std::string& name, bool import_new_invoices,
                                          bool import_old_invoices, int64_t now_ms, Pass& pass) {
  if (pass.epoch != account.connected_at_ms || pass.phase.empty() ||
      (pass.phase == "done" && !import_new_invoices)) {
    // A new pass. The import of a new connection also sets the CDC watermark before its first
    // page, so that whatever changes while it runs is caught by the polls that follow it.
    pass = Pass{};
    pass.epoch = account.connected_at_ms;
    pass.phase = "customers";
    pass.started_ms = now_ms;
    if (name == kImportState) {
      auto watermark = start_watermark(connection, account.account_id);
      if (!watermark) return std::move(watermark).fault();
      store_.put_state(account.account_id, kCdcState,
                       json::serialize(json::object{{"since", watermark.value()}}));
    }
  } else if (pass.phase == "done") {
    if (pass.invoices_included || !import_old_invoices) return false;
    pass.phase = "invoices";  // old invoices were chosen after the customers came in
    pass.invoices_done = 0;
    pass.invoices_total = -1;
  }
  return true;
}

qbo::Outcome<int64_t> InboundSync::count_pass_rows(const qbo::Connection& connection,
                                                   bool customers) {
  auto count_query = qbo::QueryBuilder::count(customers ? "Customer" : "Invoice");
  if (customers) count_query.where_in("Active", std::vector<bool>{true, false});
  auto counted = api_.query(connection, count_query);
  if (!counted) return std::move(counted).fault();
  return qbo::query_total_count(counted.value().entity);
}

qbo::Outcome<std::size_t> InboundSync::pass_page(const qbo::Connection& connection,
                                                 const store::ConnectionRow& account,
                                                 bool customers, bool import_new_invoices,
                                                 Pass& pass) {
  const std::string entity = customers ? "Customer" : "Invoice";
  const int64_t done = customers ? pass.customers_done : pass.invoices_done;
  auto page = customers ? customer_query() : invoice_query();
  page.start_position(static_cast<std::uint32_t>(done + 1)).max_results(options_.page_size);
  auto answer = api_.query(connection, page);
  if (!answer) return std::move(answer).fault();
  const auto rows = qbo::query_rows(answer.value().entity, entity);
  for (const auto& row : rows) {
    // A pass takes every customer as it is (the polls that follow it settle brand-new ones).
    if (!row.is_object()) continue;
    const bool ok = customers ? handle_customer(account, row.as_object(), 0) != Handled::refused
                              : handle_invoice(account, row.as_object(), import_new_invoices);
    if (!ok) ++pass.failed;
  }
  return rows.size();
}

void InboundSync::end_pass_phase(const store::ConnectionRow& account, const std::string& name,
                                 bool customers, bool import_old_invoices, int64_t now_ms,
                                 Pass& pass) {
  if (customers && import_old_invoices) {
    pass.phase = "invoices";
    pass.invoices_included = true;
    return;
  }
  if (!customers) pass.invoices_included = true;
  pass.phase = "done";
  pass.finished_ms = now_ms;
  if (name == kImportState) {
    log(LogLevel::info,
        "QuickBooks import for account " + account.account_id +
            " finished: " + std::to_string(pass.customers_done) + " customers" +
            (pass.invoices_included ? ", " + std::to_string(pass.invoices_done) + " invoices"
                                    : std::string()));
  }
}

qbo::Outcome<StepResult> InboundSync::pass_step(const qbo::Connection& connection,
                                                const store::ConnectionRow& account,
                                                const std::string& name, bool import_new_invoices,
                                                int64_t now_ms) {
  const std::string& account_id = account.account_id;
  Pass pass = Pass::read(parse_object(store_.state(account_id, name)));
  const bool import_old_invoices = settings_of(store_, account_id).import_old_invoices;
  auto opened =
      open_pass(connection, account, name, import_new_invoices, import_old_invoices, now_ms, pass);
  if (!opened) return std::move(opened).fault();
  if (!opened.value()) return StepResult{false};

  const bool customers = pass.phase == "customers";
  int64_t& done = customers ? pass.customers_done : pass.invoices_done;
  int64_t& total = customers ? pass.customers_total : pass.invoices_total;
  if (total < 0) {
    auto counted = count_pass_rows(connection, customers);
    if (!counted) return std::move(counted).fault();
    total = counted.value();
  }
  auto rows = pass_page(connection, account, customers, import_new_invoices, pass);
  if (!rows) return std::move(rows).fault();
  done += static_cast<int64_t>(rows.value());
  if (done > total) total = done;  // customers were added while the pass ran
  if (rows.value() < options_.page_size)
    end_pass_phase(account, name, customers, import_old_invoices, now_ms, pass);
  store_.put_state(account_id, name, pass.text());
  return StepResult{pass.phase != "done"};
}

std::optional<InboundSync::SeenCustomer> InboundSync::seen_customer(const std::string& account_id,
                                                                    const std::string& id) {
  const auto text = store_.state(account_id, kCustomerStatePrefix + id);
  if (!text) return std::nullopt;
  const auto object = parse_object(text);
  return SeenCustomer{text_at(object, "sync_token"), text_at(object, "crm_contact_id"),
                      text_at(object, "display_name"), text_at(object, "email")};
}

void InboundSync::remember_customer(const std::string& account_id, const std::string& id,
                                    const SeenCustomer& seen) {
  store_.put_state(account_id, kCustomerStatePrefix + id,
                   json::serialize(json::object{{"sync_token", seen.sync_token},
                                                {"crm_contact_id", seen.crm_contact_id},
                                                {"display_name", seen.display_name},
                                                {"email", seen.email}}));
}

void InboundSync::link_taken_customer(const std::string& account_id,
                                      const std::optional<store::Link>& link, const std::string& id,
                                      const std::string& sync_token,
                                      const std::string& crm_contact_id, const std::string& email) {
  if (!link) {
    // Keyed as the outbound side keys contacts (by the CRM's id, else by e-mail), so that a later
    // CRM payment of this contact finds this customer instead of creating another one.
    std::string key =
        crm_contact_id.empty() ? mapping::normalise_email(email) : "id:" + crm_contact_id;
    if (!key.empty() && !store_.link(account_id, "contact", key)) {
      store_.put_link({account_id, "contact", key, "Customer", id, sync_token, "quickbooks"});
    }
  } else if (link->origin == "quickbooks") {
    auto updated = *link;
    updated.sync_token = sync_token;
    store_.put_link(updated);
  }
}

InboundSync::Handled InboundSync::handle_customer(const store::ConnectionRow& account,
                                                  const json::object& customer,
                                                  int64_t qbo_now_ms) {
  const std::string& account_id = account.account_id;
  const std::string id = text_at(customer, "Id");
  if (id.empty()) return Handled::taken;
  const std::string sync_token = text_at(customer, "SyncToken");
  auto seen = seen_customer(account_id, id);
  if (seen && seen->sync_token == sync_token) return Handled::taken;  // the CRM has it already
  if (!contacts_offered(account_id)) return Handled::taken;

  // Read before the link: the engine links its new customer first and then withdraws its intent,
  // so one of the two is always seen.
  const bool creating =
      being_created(store_, account_id, text_at(customer, "PrimaryEmailAddr", "Address"), clock_());
  const auto link = store_.link_by_qbo(account_id, "Customer", id);
  if (!link && settling_without_email(customer, qbo_now_ms)) return Handled::deferred;
  // One with an e-mail the sync engine is creating a customer for right now is one of its own.
  if (!link && creating) return Handled::deferred;
  const LinkedContact linked = linked_contact(store_, account_id, link);
  std::string crm_contact_id = linked.crm_contact_id;
  if (crm_contact_id.empty() && seen) crm_contact_id = seen->crm_contact_id;
  const std::string display_name = customer_display_name(customer);
  const std::string email = usable_email(text_at(customer, "PrimaryEmailAddr", "Address"));
  if (!linked.changed_in_quickbooks(customer)) {
    // QBO holds what the CRM gave it (a change the plugin wrote itself): nothing to send back.
    remember_customer(account_id, id, {sync_token, crm_contact_id, display_name, email});
    return Handled::taken;
  }
  const auto request = contact_request(account_id, customer, crm_contact_id, account.country);
  std::string response_text;
  const auto status =
      host_.upsert_contact ? host_.upsert_contact(json::serialize(request), &response_text) : -1;
  if (!note_contacts_answer(account_id, status)) return Handled::taken;
  if (status != kHostOk) {
    log(LogLevel::warning, "the CRM did not take QuickBooks customer " + id + " of account " +
                               account_id + " (status " + std::to_string(status) +
                               "); it is offered again");
    return Handled::refused;
  }
  const auto response = parse_object(response_text);
  if (auto given = text_at(response, "crm_contact_id"); !given.empty()) crm_contact_id = given;
  link_taken_customer(account_id, link, id, sync_token, crm_contact_id, email);
  remember_customer(account_id, id, {sync_token, crm_contact_id, display_name, email});
  return Handled::taken;
}

bool InboundSync::contacts_offered(const std::string& account_id) {
  const auto recorded = store_.state(account_id, kContactsUnsupportedState);
  if (!recorded || recorded->empty()) return true;
  std::lock_guard lock(probe_mutex_);
  // Recorded by an earlier run: the host may have gained the service since, so it is asked once.
  return unsupported_this_run_.count(account_id) == 0;
}

bool InboundSync::note_contacts_answer(const std::string& account_id, int32_t status) {
  const auto recorded = store_.state(account_id, kContactsUnsupportedState);
  const bool was_unsupported = recorded && !recorded->empty();
  if (status != kHostUnsupported) {
    if (was_unsupported && status == kHostOk) {
      store_.put_state(account_id, kContactsUnsupportedState, "");
      log(LogLevel::info, "the CRM now takes QuickBooks customers of account " + account_id);
    }
    return true;
  }
  {
    std::lock_guard lock(probe_mutex_);
    unsupported_this_run_.insert(account_id);
  }
  if (!was_unsupported) {
    store_.put_state(account_id, kContactsUnsupportedState,
                     json::serialize(json::object{{"since", format_qbo_time(clock_())}}));
    log(LogLevel::warning,
        "the CRM does not offer upsert_contact: QuickBooks customers of account " + account_id +
            " are not sent to it");
  }
  return false;
}

bool InboundSync::handle_removed_customer(const store::ConnectionRow& account,
                                          const std::string& id) {
  const std::string& account_id = account.account_id;
  auto seen = seen_customer(account_id, id);
  if (!seen || seen->sync_token == "deleted") return true;  // never in the CRM, or already marked
  if (!contacts_offered(account_id)) return true;
  const auto request =
      removed_contact_request(account_id, id, seen->display_name, seen->crm_contact_id);
  std::string response;
  const auto status =
      host_.upsert_contact ? host_.upsert_contact(json::serialize(request), &response) : -1;
  if (!note_contacts_answer(account_id, status)) return true;
  if (status != kHostOk) {
    log(LogLevel::warning, "the CRM did not take the removal of QuickBooks customer " + id +
                               " of account " + account_id);
    return false;
  }
  seen->sync_token = "deleted";
  remember_customer(account_id, id, *seen);
  return true;
}

bool InboundSync::handle_invoice(const store::ConnectionRow& account, const json::object& invoice,
                                 bool import_new) {
  const std::string& account_id = account.account_id;
  const auto facts = invoice_facts(invoice, company_currency(account));
  if (!facts) return true;
  const auto link = store_.link_by_qbo(account_id, "Invoice", facts->id);
  if (link && link->origin != "quickbooks") return true;  // the CRM's own invoice: never imported
  if (!link && !import_new) return true;
  const std::string sync_token = text_at(invoice, "SyncToken");
  // A payment changes an invoice's balance without a new SyncToken: both decide what is new.
  const std::string version =
      sync_token + "/" + facts->balance.to_string() + "/" + std::string(invoice_status(*facts));
  const std::string version_state = kInvoiceStatePrefix + facts->id;
  if (link && store_.state(account_id, version_state) == version) return true;

  ImportedContact contact;
  if (auto seen = seen_customer(account_id, facts->customer_id)) {
    contact = {seen->crm_contact_id, seen->display_name, seen->email};
  }
  const auto request = invoice_import_request(account_id, invoice, *facts, contact,
                                              link ? link->crm_id : std::string());
  std::string response_text;
  const auto status =
      host_.import_invoice ? host_.import_invoice(json::serialize(request), &response_text) : -1;
  if (status != kHostOk) {
    log(LogLevel::warning, "the CRM did not take QuickBooks invoice " + facts->id + " of account " +
                               account_id + " (status " + std::to_string(status) + ")");
    return false;
  }
  // An invoice imported before stays linked to the CRM invoice it was sent to update.
  std::string crm_invoice_id =
      link ? link->crm_id : text_at(parse_object(response_text), "crm_invoice_id");
  if (crm_invoice_id.empty()) {
    log(LogLevel::warning, "the CRM imported QuickBooks invoice " + facts->id +
                               " without answering its crm_invoice_id; it cannot be followed");
    return false;
  }
  store_.put_link(
      {account_id, "invoice", crm_invoice_id, "Invoice", facts->id, sync_token, "quickbooks"});
  store_.put_state(account_id, version_state, version);
  return true;
}

qbo::Outcome<std::string> InboundSync::poll_since(const qbo::Connection& connection,
                                                  const store::ConnectionRow& account,
                                                  std::string since, int64_t now_ms) {
  const std::string& account_id = account.account_id;
  if (since.empty()) {
    auto watermark = start_watermark(connection, account_id);
    if (!watermark) return std::move(watermark).fault();
    since = watermark.value();
  }
  if (const auto since_ms = parse_qbo_time(since); since_ms && now_ms - *since_ms > kCdcReachMs) {
    // Offline longer than the change feed reaches back: a full reconcile catches up instead, and
    // the feed starts again from now.
    Pass reconcile;
    reconcile.epoch = account.connected_at_ms;
    reconcile.phase = "customers";
    reconcile.started_ms = now_ms;
    store_.put_state(account_id, kReconcileState, reconcile.text());
    log(LogLevel::info, "QuickBooks account " + account_id +
                            " was not polled for over 29 days: reconciling in full");
    since = format_qbo_time(now_ms - options_.watermark_overlap_ms);
  }
  return since;
}

void InboundSync::check_review_requests(
    const qbo::Connection& connection, const store::ConnectionRow& account,
    const std::map<std::string, std::set<std::string>>& paying_customers) {
  const std::string& account_id = account.account_id;
  for (const auto& [customer_id, changes] : paying_customers) {
    if (customer_id.empty()) continue;
    std::string last_change;
    for (const auto& change : changes) last_change += change + ";";
    // The watermark's overlap shows a change more than once; one look per change is enough.
    const std::string checked_name = kReviewCheckedPrefix + customer_id;
    if (store_.state(account_id, checked_name) == last_change) continue;
    if (check_review_request(connection, account, customer_id))
      store_.put_state(account_id, checked_name, last_change);
  }
}

qbo::Outcome<StepResult> InboundSync::poll(const qbo::Connection& connection,
                                           const store::ConnectionRow& account, int64_t now_ms) {
  const std::string& account_id = account.account_id;
  auto cdc = parse_object(store_.state(account_id, kCdcState));
  auto started = poll_since(connection, account, text_at(cdc, "since"), now_ms);
  if (!started) return std::move(started).fault();
  const std::string since = std::move(started).value();
  auto feed = api_.changes_since(connection, {"Customer", "Invoice", "Payment"}, since);
  if (!feed) return std::move(feed).fault();
  const CdcChanges changes = cdc_changes(feed.value());
  const std::optional<int64_t> qbo_now = parse_qbo_time(feed.value().time);

  // What the CRM did not take keeps the watermark where it was (what it did take is not sent
  // twice: see handle_customer).
  bool refused = false;
  for (const auto& customer : changes.customers) {
    refused |= handle_customer(account, customer, qbo_now.value_or(0)) != Handled::taken;
  }
  for (const auto& id : changes.removed_customers) {
    refused |= !handle_removed_customer(account, id);
  }
  for (const auto& invoice : changes.invoices) refused |= !handle_invoice(account, invoice, false);
  if (settings_of(store_, account_id).review_request_on_first_paid_invoice)
    check_review_requests(connection, account, changes.paying_customers);

  const bool capped = changes.objects >= kCdcCap;
  cdc["since"] = next_watermark(since, refused, capped, changes.newest_change, qbo_now,
                                options_.watermark_overlap_ms);
  cdc["last_poll_ms"] = now_ms;
  cdc["last_poll_changes"] = static_cast<int64_t>(changes.objects);
  cdc["polls"] = int_at(cdc, "polls") + 1;
  if (qbo_now) cdc["last_poll_qbo_time"] = feed.value().time;
  store_.put_state(account_id, kCdcState, json::serialize(cdc));
  return StepResult{capped};
}

// The customer's e-mail and name for a review request (QBO's when the CRM has none), and the
// linked contact; none when the customer has no e-mail address.
std::optional<json::object> InboundSync::review_contact(const qbo::Connection& connection,
                                                        const std::string& account_id,
                                                        const std::string& customer_id) {
  auto seen = seen_customer(account_id, customer_id);
  std::string email = seen ? seen->email : std::string();
  std::string name = seen ? seen->display_name : std::string();
  if (email.empty()) {
    auto customer = api_.read(connection, "Customer", customer_id);
    if (customer) {
      if (const auto* object = customer.value().entity.if_object()) {
        email = usable_email(text_at(*object, "PrimaryEmailAddr", "Address"));
        name = customer_display_name(*object);
      }
    }
  }
  if (email.empty()) {
    log(LogLevel::info, "no review request for QuickBooks customer " + customer_id +
                            ": the customer has no e-mail address");
    return std::nullopt;
  }
  json::object contact{{"email", email}};
  // The linked contact's own id first: the customer may have been seen under another contact
  // sharing its e-mail.
  std::string crm_contact_id =
      linked_contact(store_, account_id, store_.link_by_qbo(account_id, "Customer", customer_id))
          .crm_contact_id;
  if (crm_contact_id.empty() && seen) crm_contact_id = seen->crm_contact_id;
  if (!crm_contact_id.empty()) contact["crm_contact_id"] = crm_contact_id;
  if (auto bounded_name = bounded(name, 200); !bounded_name.empty()) contact["name"] = bounded_name;
  return contact;
}

void InboundSync::send_review_request(const std::string& account_id, const std::string& customer_id,
                                      const InvoiceFacts& first, json::object contact) {
  json::object invoice{{"qbo_invoice_id", first.id},
                       {"number", first.number},
                       {"total", money_text(first.total)},
                       {"currency", first.currency}};
  if (auto link = store_.link_by_qbo(account_id, "Invoice", first.id)) {
    invoice["crm_invoice_id"] = link->crm_id;
  }
  invoice["paid_at"] = parse_qbo_time(first.updated_at) ? first.updated_at : format_qbo_time(0);
  const json::object request{
      {"account_id", account_id}, {"contact", std::move(contact)}, {"invoice", std::move(invoice)}};
  // Marked before the host is asked: a crash or restart after this line never asks twice.
  if (!store_.mark_once(account_id, kReviewKind, customer_id, first.id)) return;
  const auto status =
      host_.send_review_request ? host_.send_review_request(json::serialize(request)) : -1;
  if (status != kHostOk) {
    log(LogLevel::error, "the CRM refused the review request for QuickBooks customer " +
                             customer_id + " (status " + std::to_string(status) +
                             "); it is not asked again");
  } else {
    log(LogLevel::info, "review request sent for QuickBooks customer " + customer_id +
                            " (first invoice " + first.number + " paid)");
  }
}

bool InboundSync::check_review_request(const qbo::Connection& connection,
                                       const store::ConnectionRow& account,
                                       const std::string& customer_id) {
  const std::string& account_id = account.account_id;
  if (store_.is_marked(account_id, kReviewKind, customer_id)) return true;
  auto query = qbo::QueryBuilder::select_all("Invoice");
  query.where("CustomerRef", qbo::QueryOperator::equal, customer_id);
  auto rows = api_.query_all(connection, query);
  if (!rows) {
    log(LogLevel::warning, "could not read the invoices of QuickBooks customer " + customer_id +
                               " for the review request: " + fault_text(rows.fault()) +
                               "; checked again at the next poll");
    return false;
  }
  const auto first = first_invoice(invoice_facts_of(rows.value(), company_currency(account)));
  if (!first || first->balance != money::Decimal::from_integer(0)) return true;
  auto paid = paid_after_connection(connection, account, *first);
  if (!paid) {
    log(LogLevel::warning, "could not read the payments of QuickBooks customer " + customer_id +
                               " for the review request: " + fault_text(paid.fault()) +
                               "; checked again at the next poll");
    return false;
  }
  if (!paid.value()) return true;  // paid before the account connected: history, not news
  if (auto contact = review_contact(connection, account_id, customer_id))
    send_review_request(account_id, customer_id, *first, std::move(*contact));
  return true;
}

qbo::Outcome<bool> InboundSync::paid_after_connection(const qbo::Connection& connection,
                                                      const store::ConnectionRow& account,
                                                      const InvoiceFacts& first) {
  auto query = qbo::QueryBuilder::select_all("Payment");
  query.where("CustomerRef", qbo::QueryOperator::equal, first.customer_id);
  auto rows = api_.query_all(connection, query);
  if (!rows) return std::move(rows).fault();
  std::vector<PaymentFacts> payments;
  for (const auto& row : rows.value()) {
    if (row.is_object()) payments.push_back(payment_facts(row.as_object()));
  }
  return paid_since(first, payments, account.connected_at_ms);
}

boost::json::object InboundSync::status(const std::string& account_id) {
  json::object body;
  auto describe = [](const Pass& pass) {
    json::object object;
    object["state"] = pass.phase.empty()     ? "not_started"
                      : pass.phase == "done" ? "complete"
                                             : "running";
    object["phase"] = pass.phase;
    object["customers"] = {{"done", pass.customers_done},
                           {"total", pass.customers_total >= 0 ? json::value(pass.customers_total)
                                                               : json::value(nullptr)}};
    object["invoices"] = {{"included", pass.invoices_included},
                          {"done", pass.invoices_done},
                          {"total", pass.invoices_total >= 0 ? json::value(pass.invoices_total)
                                                             : json::value(nullptr)}};
    object["not_taken_by_crm"] = pass.failed;
    return object;
  };
  body["account_id"] = account_id;
  body["import"] = describe(Pass::read(parse_object(store_.state(account_id, kImportState))));
  const auto reconcile = Pass::read(parse_object(store_.state(account_id, kReconcileState)));
  auto reconcile_json = describe(reconcile);
  reconcile_json["last_finished_at"] = reconcile.finished_ms > 0
                                           ? json::value(format_qbo_time(reconcile.finished_ms))
                                           : json::value(nullptr);
  body["reconcile"] = std::move(reconcile_json);
  const auto cdc = parse_object(store_.state(account_id, kCdcState));
  const auto last_poll = int_at(cdc, "last_poll_ms");
  body["last_poll_at"] =
      last_poll > 0 ? json::value(format_qbo_time(last_poll)) : json::value(nullptr);
  body["last_poll_changes"] = int_at(cdc, "last_poll_changes");
  body["polls"] = int_at(cdc, "polls");
  body["watermark"] =
      cdc.contains("since") ? json::value(text_at(cdc, "since")) : json::value(nullptr);
  const auto unsupported = parse_object(store_.state(account_id, kContactsUnsupportedState));
  json::object contacts{{"sent_to_crm", unsupported.empty()}};
  if (!unsupported.empty()) {
    contacts["reason"] = "crm_lacks_upsert_contact";
    contacts["since"] = text_at(unsupported, "since");
  }
  body["contacts"] = std::move(contacts);
  return body;
}

}  // namespace qbo_sync::inbound
