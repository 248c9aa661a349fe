#include "crm_story.h"

#include <boost/json.hpp>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <thread>

#include "crm_events.h"
#include "plugin_session.h"
#include "qbo_client/webhook_signature.h"
#include "qbo_sync/plugin_api.h"

namespace qbo_sync::acceptance {
namespace {

namespace json = boost::json;
namespace harness = qbo_sync::testing;

// The plugin's inbound poll: every 100 ms of real time on its clock running 600 times faster;
// settling asks for its polls at once.
constexpr int kCdcPollIntervalMs = 60'000;

}  // namespace

namespace {

// The plugin under test: this build's, or another build named by QBO_SYNC_ACCEPTANCE_PLUGIN (to
// run the same stories against a candidate build).
std::string plugin_path() {
  const char* other = std::getenv("QBO_SYNC_ACCEPTANCE_PLUGIN");
  return other != nullptr && *other != '\0' ? other : QBO_SYNC_PLUGIN_PATH;
}

}  // namespace

void CrmStory::SetUp() {
  library_ = std::make_unique<harness::PluginLibrary>(plugin_path());
  auto config = json::parse(sandbox_.plugin_config(dir_.path().string())).as_object();
  config["engine"].as_object()["cdc_poll_interval_ms"] = kCdcPollIntervalMs;
  start_plugin_with(json::serialize(config));
  realm_ = sandbox_.realm_id();
}

std::string CrmStory::account() const {
  return book_.country == "US" ? "acct-story-us" : "acct-story-ca";
}

void CrmStory::us_company() {
  const auto added = sandbox_.control("POST", "/companies", R"({"preset":"us","name":"US Co"})");
  realm_ = std::string(added.at("realm_id").as_string());
  book_.country = "US";
}

void CrmStory::map_tax(const std::string& name, const std::string& rate, const std::string& region,
                       const std::string& code_id) {
  book_.tax_mappings.push_back({name, rate, region, code_id});
  if (connected_) send_settings();
}

void CrmStory::send_settings() {
  const json::object event = settings_event(book_, account(), ++settings_revision_,
                                            audit_options_.review_requests_enabled);
  const auto answer = plugin_->settings_changed(json::serialize(event));
  ASSERT_EQ(answer.status, QBO_SYNC_OK) << answer.text;
}

void CrmStory::connect() {
  send_settings();
  const auto begun =
      plugin_->admin(json::object{{"op", "connect_begin"}, {"account_id", account()}});
  ASSERT_EQ(begun.status, QBO_SYNC_OK) << begun.text;
  const auto redirect =
      sandbox_.consent(std::string(begun.body.at("authorization_url").as_string()), realm_);
  const auto completed = plugin_->admin(json::object{{"op", "connect_complete"},
                                                     {"code", redirect.code},
                                                     {"state", redirect.state},
                                                     {"realm_id", redirect.realm_id}});
  ASSERT_EQ(completed.status, QBO_SYNC_OK) << completed.text;
  connected_ = true;
}

std::string CrmStory::today() const {
  return now_text(0).substr(0, 10);
}

std::string CrmStory::now_text(int offset_seconds) const {
  const std::time_t when = std::time(nullptr) + offset_seconds;
  std::tm utc{};
  gmtime_r(&when, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

std::string CrmStory::contact(const std::string& first, const std::string& last,
                              const std::string& email, const std::string& region) {
  BookContact contact;
  contact.id = "ct-" + std::to_string(++next_id_);
  contact.first_name = first;
  contact.last_name = last;
  contact.emails = {email};
  contact.region = region;
  contact.country = book_.country;
  book_.contacts[contact.id] = contact;
  return contact.id;
}

void CrmStory::change_email(const std::string& contact_id, const std::string& email) {
  book_.contact(contact_id).emails.push_back(email);
}

void CrmStory::send_payment(const BookPayment& payment) {
  const json::object event =
      payment_event(book_, payment, account(),
                    "evt-" + payment.id + "-r" + std::to_string(payment.revision), now_text(0));
  const auto answer = plugin_->payment_completed(json::serialize(event));
  EXPECT_EQ(answer.status, QBO_SYNC_OK) << answer.text;
}

std::string CrmStory::pay_order(const std::string& contact_id, std::vector<BookLine> lines,
                                const std::string& source, const std::string& date,
                                int64_t stated_total_error) {
  BookPayment payment;
  payment.id = "pay-" + std::to_string(++next_id_);
  payment.contact_id = contact_id;
  payment.source = source;
  payment.document.date = date.empty() ? today() : date;
  payment.document.lines = std::move(lines);
  payment.document.stated_total_error = stated_total_error;
  payment.before_connection = !connected_;
  book_.payments.push_back(payment);
  send_payment(book_.payments.back());
  return payment.id;
}

void CrmStory::refund(const std::string& payment_id, int64_t cents) {
  auto& payment = book_.payment(payment_id);
  payment.refunds.push_back({"re-" + std::to_string(++next_id_), cents});
  ++payment.revision;
  send_payment(payment);
}

void CrmStory::send_invoice_event(const BookInvoice& invoice, bool first) {
  // Each invoice created a second after the one before, as a CRM's invoices are.
  const int offset = invoice.created_before_connection ? -30 * 86'400 : 0;
  const std::string created_at =
      invoice_created_at_.emplace(invoice.id, now_text(offset + 2 + invoice.sequence))
          .first->second;
  const json::object event = invoice_event(
      book_, invoice, account(), first ? "invoice.sent.v1" : "invoice.updated.v1",
      "evt-" + invoice.id + "-r" + std::to_string(invoice.revision), created_at, now_text(0));
  const std::string payload = json::serialize(event);
  const auto answer = first ? plugin_->invoice_sent(payload) : plugin_->invoice_updated(payload);
  EXPECT_EQ(answer.status, QBO_SYNC_OK) << answer.text;
}

std::string CrmStory::send_invoice(const std::string& contact_id, const std::string& number,
                                   std::vector<BookLine> lines, const std::string& issue_date) {
  BookInvoice invoice;
  invoice.id = "inv-" + std::to_string(++next_id_);
  invoice.number = number;
  invoice.contact_id = contact_id;
  invoice.document.date = issue_date.empty() ? today() : issue_date;
  invoice.document.lines = std::move(lines);
  invoice.created_before_connection = !connected_;
  invoice.sequence = ++invoice_sequence_;
  book_.invoices.push_back(invoice);
  send_invoice_event(book_.invoices.back(), true);
  return invoice.id;
}

void CrmStory::edit_invoice(const std::string& invoice_id, std::vector<BookLine> lines) {
  auto& invoice = book_.invoice(invoice_id);
  invoice.document.lines = std::move(lines);
  ++invoice.revision;
  send_invoice_event(invoice, false);
}

void CrmStory::void_invoice(const std::string& invoice_id) {
  auto& invoice = book_.invoice(invoice_id);
  invoice.voided = true;
  ++invoice.revision;
  send_invoice_event(invoice, false);
}

std::string CrmStory::pay_invoice(const std::string& invoice_id, int64_t cents, Via via) {
  auto& invoice = book_.invoice(invoice_id);
  invoice.amount_paid += cents;
  std::string payment_id;
  if (via != Via::update_only) {
    BookPayment payment;
    payment.id = "pay-" + std::to_string(++next_id_);
    payment.contact_id = invoice.contact_id;
    payment.source = "invoice";
    payment.applied_to = {{invoice_id, cents}};
    payment.document.date = today();
    payment.document.lines = {
        untaxed_line("Payment of invoice " + invoice.number, cents, Treatment::exempt)};
    book_.payments.push_back(payment);
    send_payment(book_.payments.back());
    payment_id = payment.id;
  }
  if (via != Via::payment_only) {
    ++invoice.revision;
    send_invoice_event(invoice, false);
  }
  return payment_id;
}

std::string CrmStory::pay_invoices(const std::vector<Application>& applications) {
  BookPayment payment;
  payment.id = "pay-" + std::to_string(++next_id_);
  payment.source = "invoice";
  payment.applied_to = applications;
  payment.document.date = today();
  for (const auto& application : applications) {
    auto& invoice = book_.invoice(application.invoice_id);
    payment.contact_id = invoice.contact_id;
    invoice.amount_paid += application.cents;
    payment.document.lines.push_back(
        untaxed_line("Payment of invoice " + invoice.number, application.cents, Treatment::exempt));
  }
  book_.payments.push_back(payment);
  send_payment(book_.payments.back());
  for (const auto& application : applications) {
    auto& invoice = book_.invoice(application.invoice_id);
    ++invoice.revision;
    send_invoice_event(invoice, false);
  }
  return payment.id;
}

json::object CrmStory::ledger_write(const std::string& path, const json::object& body) {
  qbo_sandbox::ApiRequest request;
  request.method = "POST";
  request.realm_id = realm_;
  request.path = path;
  request.params = {{"minorversion", "75"}};
  request.body = json::serialize(body);
  request.content_type = "application/json";
  const auto response = sandbox_.server().ledger().handle(request);
  EXPECT_EQ(response.status, 200) << response.body;
  return json::parse(response.body).as_object();
}

std::string CrmStory::qbo_customer(const std::string& name, const std::string& email) {
  json::object body{{"DisplayName", name}};
  if (!email.empty()) body["PrimaryEmailAddr"] = {{"Address", email}};
  const auto written = ledger_write("customer", body);
  const std::string id(written.at("Customer").at("Id").as_string());
  book_.qbo_own_customers.push_back({id, name, email});
  return id;
}

std::string CrmStory::qbo_invoice(const std::string& customer_id, int64_t cents,
                                  const std::string& date, bool paid) {
  json::object line{
      {"Amount", json::parse(money_text(cents))},
      {"DetailType", "SalesItemLineDetail"},
      {"SalesItemLineDetail", {{"ItemRef", {{"value", "1"}}}, {"TaxCodeRef", {{"value", "5"}}}}}};
  const auto invoice = ledger_write("invoice", {{"CustomerRef", {{"value", customer_id}}},
                                                {"TxnDate", date},
                                                {"Line", json::array{line}}})
                           .at("Invoice");
  const std::string id(invoice.at("Id").as_string());
  if (paid) {
    const auto total = invoice.at("TotalAmt");
    const auto payment =
        ledger_write(
            "payment",
            {{"CustomerRef", {{"value", customer_id}}},
             {"TotalAmt", total},
             {"TxnDate", date},
             {"Line",
              json::array{{{"Amount", total},
                           {"LinkedTxn", json::array{{{"TxnId", id}, {"TxnType", "Invoice"}}}}}}}})
            .at("Payment");
    recorded_on(payment.as_object(), "Payment");
  }
  // Read back: the payment changed the invoice's balance.
  const auto snapshot = sandbox_.control("GET", "/ledger/" + realm_);
  for (const auto& stored : snapshot.at("objects").at("Invoice").as_array()) {
    if (stored.at("Id") == id.c_str()) recorded_on(stored.as_object(), "Invoice");
  }
  return id;
}

// The bookkeeper entered this history in QuickBooks a minute ago, before the account connected
// (QuickBooks dates an entry by its MetaData).
void CrmStory::recorded_on(json::object object, const std::string& entity) {
  const std::string time = now_text(-60);
  object["MetaData"] = json::object{{"CreateTime", time}, {"LastUpdatedTime", time}};
  ASSERT_TRUE(sandbox_.server().ledger().seed(realm_, entity, std::move(object)));
}

std::string CrmStory::contact_from_qbo(const std::string& customer_id, const std::string& region) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  for (;;) {
    const auto contacts = host_.contacts();
    for (std::size_t i = 0; i < contacts.size(); ++i) {
      if (contacts[i].at("qbo_customer_id") != customer_id.c_str()) continue;
      // The recording host answers the n-th upsert with crm-ct-n.
      BookContact contact;
      contact.id = "crm-ct-" + std::to_string(i + 1);
      const auto* email = contacts[i].if_contains("email");
      contact.emails = {email ? std::string(email->as_string()) : std::string()};
      contact.first_name = std::string(contacts[i].at("display_name").as_string());
      contact.region = region;
      contact.country = book_.country;
      contact.qbo_customer_id = customer_id;
      book_.contacts[contact.id] = contact;
      return contact.id;
    }
    if (std::chrono::steady_clock::now() > deadline) {
      ADD_FAILURE() << "QBO customer " << customer_id << " never reached the CRM";
      return {};
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

void CrmStory::close_books(const std::string& date) {
  sandbox_.control("POST", "/closing-date",
                   json::serialize(json::object{{"realm_id", realm_}, {"closing_date", date}}));
}

void CrmStory::deposit_undeposited_funds() {
  settle();
  const auto snapshot = sandbox_.control("GET", "/ledger/" + realm_);
  const auto& objects = snapshot.at("objects").as_object();
  std::string funds, bank;
  for (const auto& account : objects.at("Account").as_array()) {
    const auto& type = account.at("AccountSubType");
    if (type == "UndepositedFunds") funds = std::string(account.at("Id").as_string());
    if (account.at("AccountType") == "Bank") bank = std::string(account.at("Id").as_string());
  }
  json::array lines;
  for (const char* entity : {"SalesReceipt", "Payment"}) {
    const auto* list = objects.if_contains(entity);
    for (const auto& object : list ? list->as_array() : json::array()) {
      const auto* account = object.as_object().if_contains("DepositToAccountRef");
      if (!account || account->at("value") != funds.c_str()) continue;
      if (object.at("TotalAmt").to_number<double>() <= 0) continue;
      lines.push_back(
          {{"Amount", object.at("TotalAmt")},
           {"LinkedTxn", json::array{{{"TxnId", object.at("Id")}, {"TxnType", entity}}}}});
    }
  }
  ASSERT_FALSE(lines.empty()) << "nothing waits in Undeposited Funds";
  ledger_write("deposit", {{"DepositToAccountRef", {{"value", bank}}}, {"Line", std::move(lines)}});
}

void CrmStory::fault(const std::string& kind, const std::string& entity, int count,
                     bool after_ledger) {
  sandbox_.control("POST", "/faults",
                   json::serialize(json::object{{"kind", kind},
                                                {"entity", entity},
                                                {"count", count},
                                                {"after_ledger", after_ledger},
                                                {"realm_id", realm_}}));
}

int64_t CrmStory::inbound_polls() {
  const auto answer =
      plugin_->admin(json::object{{"op", "inbound_status"}, {"account_id", account()}});
  const auto* count = answer.body.if_contains("polls");
  return count && count->is_int64() ? count->as_int64() : -1;
}

void CrmStory::poll_changes_now() {
  // Each delivery differs, so that none is taken for a replay of the one before.
  const std::string body =
      R"({"eventNotifications":[{"realmId":")" + realm_ +
      R"(","dataChangeEvent":{"entities":[{"name":"Customer","id":")" +
      std::to_string(++webhook_deliveries_) +
      R"(","operation":"Update","lastUpdated":"2026-03-14T10:00:00.000Z"}]}}]})";
  const std::string token(sandbox_.info().at("webhook_verifier_token").as_string());
  const auto answer = plugin_->admin(
      json::object{{"op", "qbo_webhook"},
                   {"headers",
                    {{"intuit-signature", qbo::compute_webhook_signature(body, token)},
                     {"content-type", "application/json; charset=utf-8"}}},
                   {"body", body}});
  EXPECT_EQ(answer.status, QBO_SYNC_OK) << answer.text;
}

void CrmStory::settle() {
  harness::wait_until_settled(*plugin_, account());
  // Two polls asked for one after the other: a poll under way may have begun before the records
  // settled, the one after it did not.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  for (int poll = 0; poll < 2 && inbound_polls() >= 0; ++poll) {
    const int64_t before = inbound_polls();
    poll_changes_now();
    while (inbound_polls() <= before && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  }
  harness::wait_until_settled(*plugin_, account());
}

std::vector<std::string> CrmStory::audit_findings() {
  settle();
  auto snapshot = sandbox_.control("GET", "/ledger/" + realm_).as_object();
  const LedgerAudit audit(book_, std::move(snapshot),
                          HostCalls{host_.contacts(), host_.review_requests()}, audit_options_);
  return audit.check();
}

void CrmStory::audit() {
  for (const auto& finding : audit_findings()) ADD_FAILURE() << finding;
}

}  // namespace qbo_sync::acceptance
