#include "traffic.h"

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <ctime>
#include <fstream>
#include <sstream>

#include "qbo_sync/host/host_error.h"

namespace qbo_sync::soak {

using host::Hook;
using host::HostError;

namespace {

// 15 × 20 = 300 distinct contacts per account.
constexpr std::array kFirstNames{"Émilie", "Liam",  "Priya", "Jean-François", "Sofia",
                                 "Marcus", "Kenji", "Zoë",   "Siobhán",       "Łukasz",
                                 "Amara",  "José",  "Noor",  "Björn",         "Aiyana"};
constexpr std::array kLastNames{"Tremblay", "MacDonald", "Sandhu", "O'Neil",  "Nguyen",
                                "Johnson",  "Watanabe",  "Müller", "Haddad",  "Kowalski",
                                "Okafor",   "García",    "Côté",   "Larsson", "Begay",
                                "Rossi",    "Dubois",    "Chen",   "Fraser",  "Singh"};

boost::json::value read_json(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw host::HostError("cannot read " + file.string());
  std::ostringstream text;
  text << in.rdbuf();
  return boost::json::parse(text.str());
}

std::vector<boost::json::value> account_examples(const std::filesystem::path& folder,
                                                 const std::string& account_id) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    const std::string name = entry.path().filename().string();
    if (entry.path().extension() == ".json" && !name.ends_with(".expect.json")) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  std::vector<boost::json::value> examples;
  for (const auto& file : files) {
    boost::json::value example = read_json(file);
    if (example.at("account_id").as_string() == account_id) examples.push_back(std::move(example));
  }
  return examples;
}

std::string text_of(const boost::json::value& value, std::string_view key) {
  const auto* field = value.as_object().if_contains(key);
  return field != nullptr && field->is_string() ? std::string(field->as_string()) : std::string();
}

// Appends `suffix` to every `key` in the objects of `list` (refund and payment ids), so that a
// reused example never repeats an id.
void suffix_ids(boost::json::object& object, std::string_view list, std::string_view key,
                const std::string& suffix, const std::string& at) {
  auto* items = object.if_contains(list);
  if (items == nullptr || !items->is_array()) return;
  for (auto& item : items->as_array()) {
    auto& fields = item.as_object();
    if (auto* id = fields.if_contains(key); id != nullptr && id->is_string()) {
      fields[key] = std::string(id->as_string()) + suffix;
    }
    for (const char* time_key : {"refunded_at", "paid_at"}) {
      if (fields.contains(time_key)) fields[time_key] = at;
    }
  }
}

}  // namespace

std::string utc_now_text() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

InvoiceLife::InvoiceLife(std::vector<HookEvent> chain, std::string invoice_id, std::string number,
                         boost::json::object contact, std::string suffix)
    : chain_(std::move(chain)),
      invoice_id_(std::move(invoice_id)),
      number_(std::move(number)),
      suffix_(std::move(suffix)),
      contact_(std::move(contact)) {}

HookEvent InvoiceLife::next_step() {
  const HookEvent& example = chain_.at(next_++);
  boost::json::value event = boost::json::parse(example.payload);
  auto& root = event.as_object();
  const std::string now = utc_now_text();
  root["event_id"] = text_of(event, "event_id") + suffix_;
  root["occurred_at"] = now;
  const bool is_payment = example.hook == host::Hook::payment_completed;
  auto& document = root[is_payment ? "payment" : "invoice"].as_object();
  document["contact"] = contact_;
  if (is_payment) {
    document["id"] = text_of(document, "id") + suffix_;
    document["invoice_id"] = invoice_id_;
    document["paid_at"] = now;
  } else {
    document["id"] = invoice_id_;
    document["number"] = number_;
    document["billing_email"] = contact_.at("email");
    for (const char* time_key : {"created_at", "sent_at", "voided_at"}) {
      if (document.contains(time_key)) document[time_key] = now;
    }
    suffix_ids(document, "payments", "payment_id", suffix_, now);
  }
  return {example.hook, boost::json::serialize(event)};
}

AccountTraffic::AccountTraffic(const std::filesystem::path& examples, std::string account_id,
                               std::string tag)
    : account_id_(std::move(account_id)), tag_(std::move(tag)) {
  std::vector<boost::json::value> invoice_payments;
  for (auto& payment : account_examples(examples / "payment.completed.v1/valid", account_id_)) {
    // A payment of several invoices names invoices the soak's chains never send: it would wait
    // for them (waiting_for_invoice) to the end.
    if (payment.at("payment").as_object().contains("applied_to")) continue;
    const bool of_invoice = payment.at("payment").as_object().contains("invoice_id");
    (of_invoice ? invoice_payments : payments_).push_back(std::move(payment));
  }
  std::map<std::string, std::vector<std::pair<std::int64_t, HookEvent>>> chains;
  for (const host::Hook hook : {host::Hook::invoice_sent, host::Hook::invoice_updated}) {
    const auto folder = examples / std::string(host::hook_schema_name(hook)) / "valid";
    for (const auto& example : account_examples(folder, account_id_)) {
      const auto& invoice = example.at("invoice");
      if (invoice.at("origin") != "crm") continue;  // imported from QuickBooks: never sent back
      chains[text_of(invoice, "id")].push_back({invoice.at("revision").to_number<std::int64_t>(),
                                                {hook, boost::json::serialize(example)}});
    }
  }
  for (auto& [invoice_id, steps] : chains) {
    std::stable_sort(steps.begin(), steps.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<HookEvent> chain;
    for (auto& step : steps) chain.push_back(std::move(step.second));
    for (const auto& payment : invoice_payments) {
      if (text_of(payment.at("payment"), "invoice_id") != invoice_id || chain.size() < 2) continue;
      // The payment reaches the CRM just before the invoice it pays shows as paid.
      chain.insert(chain.end() - 1,
                   {host::Hook::payment_completed, boost::json::serialize(payment)});
    }
    invoice_chains_.push_back(std::move(chain));
  }
  const auto settings = account_examples(examples / "settings.changed.v1/valid", account_id_);
  if (payments_.empty() || invoice_chains_.empty() || settings.empty()) {
    throw host::HostError("the examples lack payments, invoices or settings of " + account_id_);
  }
  settings_ = settings.front();
}

boost::json::object AccountTraffic::pool_contact(const boost::json::object& example_contact) {
  const std::size_t index = random_() % (kFirstNames.size() * kLastNames.size());
  boost::json::object contact = example_contact;
  contact.erase("company_name");  // a shared company name would make every contact one customer
  contact["crm_contact_id"] = "ct-soak-" + tag_ + "-" + std::to_string(index);
  contact["first_name"] = kFirstNames[index % kFirstNames.size()];
  contact["last_name"] = kLastNames[index / kFirstNames.size()];
  contact["email"] = "soak." + tag_ + "." + std::to_string(index) + "@example.com";
  return contact;
}

std::string AccountTraffic::next_payment() {
  const std::string suffix = "-soak-" + tag_ + "-" + std::to_string(++made_);
  boost::json::value event = payments_[random_() % payments_.size()];
  auto& root = event.as_object();
  const std::string now = utc_now_text();
  root["event_id"] = text_of(event, "event_id") + suffix;
  root["occurred_at"] = now;
  auto& payment = root["payment"].as_object();
  payment["id"] = text_of(payment, "id") + suffix;
  payment["paid_at"] = now;
  payment["contact"] = pool_contact(payment.at("contact").as_object());
  suffix_ids(payment, "refunds", "refund_id", suffix, now);
  return boost::json::serialize(event);
}

InvoiceLife AccountTraffic::next_invoice_life() {
  const auto& chain = invoice_chains_[random_() % invoice_chains_.size()];
  const std::string serial = std::to_string(++made_);
  const boost::json::value first = boost::json::parse(chain.front().payload);
  const auto& example_contact = first.at("invoice").at("contact").as_object();
  return InvoiceLife(chain, "inv-soak-" + tag_ + "-" + serial, "S" + tag_ + serial,
                     pool_contact(example_contact), "-soak-" + tag_ + "-" + serial);
}

std::string AccountTraffic::next_settings() {
  boost::json::value event = settings_;
  auto& root = event.as_object();
  ++settings_revision_;
  root["event_id"] = text_of(event, "event_id") + "-soak-" + std::to_string(settings_revision_);
  root["occurred_at"] = utc_now_text();
  auto& settings = root["settings"].as_object();
  settings["revision"] = settings_revision_;
  const bool review = settings.at("review_request_on_first_paid_invoice").as_bool();
  settings["review_request_on_first_paid_invoice"] = settings_revision_ % 2 == 0 ? review : !review;
  // Card payments go to Visa (3) or MasterCard (4), every other change.
  const std::string card_method = settings_revision_ % 2 == 0 ? "3" : "4";
  boost::json::array mappings;
  if (const auto* existing = settings.if_contains("payment_method_mappings")) {
    for (const auto& mapping : existing->as_array()) {
      if (mapping.at("crm_method") != "card") mappings.push_back(mapping);
    }
  }
  mappings.push_back({{"crm_method", "card"}, {"qbo_payment_method_id", card_method}});
  settings["payment_method_mappings"] = std::move(mappings);
  return boost::json::serialize(event);
}

}  // namespace qbo_sync::soak
