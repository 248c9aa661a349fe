// At scale: 1,000 payments from 200 contacts whose e-mails differ only in
// case, most of them customers already in QBO (one inactive), names with apostrophes, colons,
// accents and a clash with a vendor's name, while the sandbox injects 5xx, timeouts, dropped
// connections and 429s → exactly 1,000 Sales Receipts, one customer per e-mail, every record
// completed, nothing twice.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <chrono>
#include <cmath>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "connected_plugin_fixture.h"
#include "hst_on_payment.h"
#include "sandbox_faults.h"

namespace qbo_sync::testing {
namespace {

namespace json = boost::json;
constexpr const char* kAccount = "acct-demo-ca";
constexpr int kContacts = 200;
constexpr int kPayments = 1000;
// Contacts from this index on are not in QBO yet: the plugin creates them.
constexpr int kFirstNewContact = 190;
constexpr int kInactiveContact = 7;
// Both clocks run 300 times faster: QBO's throttle minute, and the 60 s pause after a 429, last
// 0.2 s here.
constexpr int kTimeScale = 300;

std::string lowered(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::string uppered(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return text;
}

struct Contact {
  std::string first_name;
  std::string last_name;
  std::string email;  // lower case: how QBO holds it for seeded customers
};

// Names that QBO and the plugin must get right; the rest are plain.
Contact contact(int index) {
  static const std::vector<std::pair<std::string, std::string>> tricky = {
      {"Siobhán", "O'Connor"},   {"Zoë", "Ørsted-Lefèvre"},    {"D'Arcy", "McGee's"},
      {"Jean-François", "Côté"}, {"Ana: Maria", "Lopez"},      {"Ōtani", "Shōhei"},
      {"Renée", "L'Heureux"},    {"Mary-Kate", "O'Hara: Ltd"}, {"Björk", "Guðmundsdóttir"},
      {"Jordan", "Vale"},  // a vendor's name in QBO
  };
  Contact result;
  if (index % 20 == 1) {  // one tricky name in every twenty contacts
    const auto& name = tricky[static_cast<std::size_t>(index / 20) % tricky.size()];
    result.first_name = name.first;
    result.last_name = name.second;
  } else {
    result.first_name = "Client";
    result.last_name = "Number " + std::to_string(index);
  }
  if (index == kFirstNewContact + 1) {
    result.first_name = "Jordan";  // not in QBO, and its name is a vendor's
    result.last_name = "Vale";
  }
  if (index == kFirstNewContact + 3) {
    result.first_name = "Pat: O'Neil";  // a colon QBO refuses in a DisplayName
    result.last_name = "Ébène";
  }
  result.email = "contact" + std::to_string(index) + ".person@example.ca";
  return result;
}

// The contact's e-mail as payment `n` spells it: lower, upper, or mixed case.
std::string spelled_email(const Contact& person, int n) {
  switch (n % 3) {
    case 0:
      return person.email;
    case 1:
      return uppered(person.email);
    default: {
      std::string mixed = person.email;
      for (std::size_t i = 0; i < mixed.size(); i += 2) {
        mixed[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(mixed[i])));
      }
      return mixed;
    }
  }
}

// Payment `n` (one taxable line, HST ON 13 %); returns the payload and its total in cents.
std::pair<std::string, int64_t> payment(int n) {
  const int index = n % kContacts;
  const Contact person = contact(index);
  const int64_t price = (10 + n % 40) * 100;
  json::object contact_json{{"crm_contact_id", "ct-scale-" + std::to_string(index)},
                            {"first_name", person.first_name},
                            {"last_name", person.last_name},
                            {"email", spelled_email(person, n)},
                            {"billing_address", json::object{{"line1", "1 Front St"},
                                                             {"city", "Toronto"},
                                                             {"region", "ON"},
                                                             {"postal_code", "M5J 2X2"},
                                                             {"country", "CA"}}}};
  json::object event = hst_on_payment(
      "scale", n, price,
      {{"product_id", "prod-coaching"}, {"name", "Coaching session"}, {"sku", "COACH-1"}},
      std::move(contact_json));
  auto& paid = event["payment"].as_object();
  paid["source"] = "order_form";
  paid["source_id"] = "form-scale";
  paid["source_name"] = "Scale order form";
  paid["reference"] = "ch_scale_" + std::to_string(n);
  paid["processor"] = "stripe";
  return {json::serialize(event), price + price * 13 / 100};
}

int64_t cents_of(const json::value& amount) {
  if (amount.is_string()) {
    std::string text(amount.as_string());
    const auto dot = text.find('.');
    std::string fraction = dot == std::string::npos ? "" : text.substr(dot + 1);
    fraction.resize(2, '0');
    return std::stoll(text.substr(0, dot)) * 100 + std::stoll(fraction);
  }
  // The control endpoint's JSON reader gives a double; one holding a two-decimal amount rounds
  // back to exactly its cents.
  return std::llround(amount.to_number<double>() * 100);
}

class PaymentScaleTest : public ConnectedPluginFixture {
 protected:
  PaymentScaleTest() : ConnectedPluginFixture(static_cast<double>(kTimeScale)) {}
  void SetUp() override { start_plugin(kTimeScale); }

  // What an earlier bookkeeper typed into QBO, straight into the sandbox's books.
  json::object seed(const std::string& entity, const json::object& body) {
    qbo_sandbox::ApiRequest request;
    request.method = "POST";
    request.realm_id = sandbox_.realm_id();
    request.path = entity;
    request.body = json::serialize(body);
    request.content_type = "application/json";
    const auto response = sandbox_.server().ledger().handle(request);
    EXPECT_EQ(response.status, 200) << response.body;
    const json::value answer = json::parse(response.body);
    for (const auto& [key, value] : answer.as_object()) {
      if (value.is_object()) return value.as_object();  // {"Customer":{..},"time":..}
    }
    return {};
  }

  void seed_books() {
    seed("vendor", {{"DisplayName", "Jordan Vale"}});
    for (int index = 0; index < kFirstNewContact; ++index) {
      const Contact person = contact(index);
      // QBO refuses ':' in a DisplayName; a bookkeeper would have typed something else.
      std::string name = person.first_name + " " + person.last_name;
      std::replace(name.begin(), name.end(), ':', '-');
      if (person.first_name == "Jordan" && person.last_name == "Vale") name += " (customer)";
      const json::object customer =
          seed("customer", {{"DisplayName", name},
                            {"GivenName", person.first_name},
                            {"FamilyName", person.last_name},
                            {"PrimaryEmailAddr", json::object{{"Address", person.email}}}});
      seeded_ids_[person.email] = std::string(customer.at("Id").as_string());
      if (index == kInactiveContact) {
        seed("customer", {{"Id", customer.at("Id")},
                          {"SyncToken", customer.at("SyncToken")},
                          {"sparse", true},
                          {"Active", false}});
      }
    }
  }

  // Every record of the account, page by page.
  json::array all_records() {
    json::array all;
    json::value cursor;
    for (;;) {
      json::object request{{"op", "list_records"}, {"account_id", kAccount}, {"limit", 500}};
      if (cursor.is_string()) request["cursor"] = cursor;
      const auto answer = plugin_->admin(request);
      EXPECT_EQ(answer.status, QBO_SYNC_OK) << answer.text;
      for (const auto& record : answer.body.at("records").as_array()) all.push_back(record);
      cursor = answer.body.at("next_cursor");
      if (!cursor.is_string()) return all;
    }
  }

  bool any_todo() {
    const auto answer = plugin_->admin(json::object{
        {"op", "list_records"}, {"account_id", kAccount}, {"status", "todo"}, {"limit", 1}});
    return !answer.body.at("records").as_array().empty();
  }

  std::map<std::string, std::string> seeded_ids_;  // e-mail → QBO customer Id
};

TEST_F(PaymentScaleTest, AThousandPaymentsFromTwoHundredContactsGiveAThousandReceipts) {
  seed_books();
  connect();
  // Transient trouble while the payments flow; each rule is used up by the end.
  for (const char* kind : {"http_500", "http_503", "drop", "throttle"}) {
    inject({{"kind", kind}, {"count", 3}, {"entity", "SalesReceipt"}, {"method", "POST"}});
  }
  inject(fault_after_write("http_500", "SalesReceipt", 3));
  inject(fault_after_write("drop", "SalesReceipt", 3));
  inject({{"kind", "timeout"},
          {"count", 2},
          {"entity", "SalesReceipt"},
          {"method", "POST"},
          {"delay_ms", 300},
          {"after_ledger", true}});
  inject({{"kind", "throttle"}, {"count", 2}, {"entity", "Customer"}});

  std::map<std::string, int64_t> total_of;  // payment id → cents
  for (int n = 0; n < kPayments; ++n) {
    auto [payload, total] = payment(n);
    const auto answer = plugin_->payment_completed(payload);
    ASSERT_EQ(answer.status, QBO_SYNC_OK) << answer.text;
    total_of["pay-scale-" + std::to_string(n)] = total;
  }
  // A redelivered hook is a duplicate.
  EXPECT_EQ(plugin_->payment_completed(payment(0).first).status, QBO_SYNC_DUPLICATE);

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(90);
  while (any_todo() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }

  std::cout << "QBO calls: "
            << json::serialize(sandbox_.control("GET", "/requests/" + sandbox_.realm_id()))
            << std::endl;
  const json::array records = all_records();
  ASSERT_EQ(records.size(), static_cast<std::size_t>(kPayments));
  std::map<std::string, std::string> payment_of_receipt;  // QBO Id → payment id
  for (const auto& record : records) {
    EXPECT_EQ(record.at("status"), "completed")
        << json::serialize(record) << "\n"
        << plugin_
               ->admin(json::object{{"op", "get_record"},
                                    {"account_id", record.at("account_id")},
                                    {"record_id", record.at("record_id")}})
               .text;
    const std::string qbo_id(record.at("qbo_id").as_string());
    if (qbo_id.empty()) continue;
    EXPECT_TRUE(payment_of_receipt.emplace(qbo_id, record.at("object_id").as_string()).second)
        << "two records name receipt " << qbo_id;
  }

  // Exactly one receipt per payment, with the payment's customer and total.
  const json::array receipts = ledger_objects("SalesReceipt");
  EXPECT_EQ(receipts.size(), static_cast<std::size_t>(kPayments));
  std::map<std::string, std::string> customer_of_email;  // lower-case e-mail → Id
  for (const auto& customer : ledger_objects("Customer")) {
    const auto* email = customer.as_object().if_contains("PrimaryEmailAddr");
    if (!email) continue;
    const std::string address = lowered(std::string(email->at("Address").as_string()));
    EXPECT_TRUE(customer_of_email.emplace(address, customer.at("Id").as_string()).second)
        << "two customers have the e-mail " << address;
  }
  EXPECT_EQ(customer_of_email.size(), static_cast<std::size_t>(kContacts));
  std::set<std::string> receipt_ids;
  for (const auto& receipt : receipts) {
    const std::string id(receipt.at("Id").as_string());
    receipt_ids.insert(id);
    ASSERT_EQ(payment_of_receipt.count(id), 1u) << "receipt " << id << " has no record";
    const std::string& payment_id = payment_of_receipt[id];
    EXPECT_EQ(cents_of(receipt.at("TotalAmt")), total_of[payment_id]) << payment_id;
    const int n = std::stoi(payment_id.substr(std::string("pay-scale-").size()));
    const std::string email = contact(n % kContacts).email;
    EXPECT_EQ(receipt.at("CustomerRef").at("value"), json::value(customer_of_email[email]))
        << payment_id;
  }
  EXPECT_EQ(receipt_ids.size(), static_cast<std::size_t>(kPayments));

  // Customers already in QBO were used, not copied; the inactive one is active again.
  for (const auto& [email, id] : seeded_ids_) EXPECT_EQ(customer_of_email[email], id) << email;
  const std::string inactive_id = seeded_ids_[contact(kInactiveContact).email];
  for (const auto& customer : ledger_objects("Customer")) {
    if (customer.at("Id") == json::value(inactive_id)) {
      EXPECT_EQ(customer.at("Active"), json::value(true)) << json::serialize(customer);
    }
  }
  // The new contact named like the vendor got a name of its own; the colon did not reach QBO.
  for (const auto& customer : ledger_objects("Customer")) {
    const std::string name(customer.at("DisplayName").as_string());
    EXPECT_EQ(name.find(':'), std::string::npos) << name;
    EXPECT_NE(name, "Jordan Vale");
  }
  EXPECT_EQ(faults_left(), 0u);
}

}  // namespace
}  // namespace qbo_sync::testing
