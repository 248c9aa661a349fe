// CRM contacts and QBO customers through the real plugin: one customer per contact whatever its
// e-mail becomes or however the case of its letters is spelled, one customer when a payment and an
// invoice of a new contact arrive together, no echo of the plugin's own customers back to the CRM,
// and a host without upsert_contact told once.
#include <gtest/gtest.h>

#include "inbound_fixture.h"
#include "utc_text.h"

namespace qbo_sync::testing {
namespace {

class ContactSyncTest : public InboundFixture {
 protected:
  void ready() {
    start_plugin();
    send_settings(/*import_old_invoices=*/false, /*review_requests=*/false);
    connect();
    wait_for_import();
  }

  // The Canadian order-form payment, renamed by `suffix`, for `contact` (merged over its own).
  std::string payment(const std::string& suffix, const json::object& contact = {}) {
    auto event = valid_example("payment.completed.v1", "01-ca-on-order-form.json");
    event["event_id"] = "evt-contact-pay-" + suffix;
    auto& body = event["payment"].as_object();
    body["id"] = "pay-contact-" + suffix;
    for (const auto& [key, value] : contact) body["contact"].as_object()[key] = value;
    return json::serialize(event);
  }

  // The Canadian sent invoice, made now, renamed by `suffix`, for `contact`.
  std::string invoice(const std::string& suffix, const json::object& contact = {}) {
    auto event = valid_example("invoice.sent.v1", "01-ca-on-inv-1001.json");
    event["event_id"] = "evt-contact-inv-" + suffix;
    auto& body = event["invoice"].as_object();
    body["id"] = "inv-contact-" + suffix;
    body["number"] = "C-" + suffix;
    body["created_at"] = utc_text_in(std::chrono::seconds{1});
    body["sent_at"] = utc_text_in(std::chrono::seconds{1});
    for (const auto& [key, value] : contact) body["contact"].as_object()[key] = value;
    return json::serialize(event);
  }

  void expect_all_completed() {
    const auto records = wait_until_settled(*plugin_, kInboundAccount);
    ASSERT_FALSE(records.empty());
    for (const auto& record : records) {
      EXPECT_EQ(record.at("status"), "completed") << json::serialize(record);
    }
  }

  // The customers whose e-mail is one of `spellings`.
  std::vector<json::object> customers_with_email(const std::vector<std::string>& spellings) {
    std::vector<json::object> found;
    for (const auto& customer : ledger_objects("Customer")) {
      const auto* address = customer.as_object().if_contains("PrimaryEmailAddr");
      if (address == nullptr) continue;
      for (const auto& spelling : spellings) {
        if (address->at("Address") == spelling.c_str()) found.push_back(customer.as_object());
      }
    }
    return found;
  }

  // The customers of the example payment's contact once that payment, tagged `suffix`, synced.
  std::vector<json::object> customers_after_example_payment(const std::string& suffix) {
    EXPECT_EQ(plugin_->payment_completed(payment(suffix)).status, QBO_SYNC_OK);
    expect_all_completed();
    return customers_with_email({"emilie.tremblay@example.ca"});
  }

  std::vector<json::object> contacts_for(const std::string& qbo_customer_id) {
    std::vector<json::object> sent;
    for (const auto& contact : host_.contacts()) {
      if (contact.at("qbo_customer_id") == qbo_customer_id.c_str()) sent.push_back(contact);
    }
    return sent;
  }
};

TEST_F(ContactSyncTest, APaymentAndAnInvoiceOfTheSameNewContactMakeOneCustomer) {
  ready();
  // Slow customer look-ups and creates, so that the payment and the invoice of a contact are
  // resolved at the same time unless they are serialised.
  sandbox_.control("POST", "/faults",
                   json::serialize(json::object{{"kind", "delay"},
                                                {"realm_id", sandbox_.realm_id()},
                                                {"entity", "Customer"},
                                                {"delay_ms", 250},
                                                {"count", 12}}));
  const int kContacts = 3;
  // The invoice spells the address in capitals, as another CRM screen may have saved it.
  auto email = [](int n, bool capitals) {
    const std::string id = std::to_string(n);
    return capitals ? "ZOË.PAIR" + id + "@EXAMPLE.CA" : "zoë.pair" + id + "@example.ca";
  };
  for (int n = 0; n < kContacts; ++n) {
    const std::string id = std::to_string(n);
    json::object contact{{"crm_contact_id", "ct-pair-" + id},
                         {"first_name", "Zoë"},
                         {"last_name", "Pair " + id},
                         {"email", email(n, false)}};
    ASSERT_EQ(plugin_->payment_completed(payment("pair-" + id, contact)).status, QBO_SYNC_OK);
    contact["email"] = email(n, true);
    ASSERT_EQ(plugin_->invoice_sent(invoice("pair-" + id, contact)).status, QBO_SYNC_OK);
  }
  expect_all_completed();
  for (int n = 0; n < kContacts; ++n) {
    EXPECT_EQ(customers_with_email({email(n, false), email(n, true)}).size(), 1u)
        << email(n, false);
  }
}

TEST_F(ContactSyncTest, AContactWithANewEmailKeepsItsCustomerAndUpdatesIt) {
  ready();
  const auto before = customers_after_example_payment("before");
  ASSERT_EQ(before.size(), 1u);

  const json::object moved{{"email", "emilie.roy@nouveau.example.ca"},
                           {"company_name", "Studio Roy"},
                           {"phone", "+1 416-555-0199"}};
  ASSERT_EQ(plugin_->payment_completed(payment("after", moved)).status, QBO_SYNC_OK);
  expect_all_completed();
  EXPECT_TRUE(customers_with_email({"emilie.tremblay@example.ca"}).empty());
  const auto after = customers_with_email({"emilie.roy@nouveau.example.ca"});
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after.front().at("Id"), before.front().at("Id"));
  EXPECT_EQ(after.front().at("CompanyName"), "Studio Roy");
  EXPECT_EQ(after.front().at("PrimaryPhone").at("FreeFormNumber"), "+1 416-555-0199");
  EXPECT_EQ(after.front().at("DisplayName"), before.front().at("DisplayName"));
}

TEST_F(ContactSyncTest, EmailsThatDifferOnlyInNonAsciiCaseAreOneCustomer) {
  ready();
  const std::string lower = "élodie.côté@café.example.ca";
  const std::string upper = "ÉLODIE.CÔTÉ@CAFÉ.EXAMPLE.CA";
  const auto pay_as_contact = [&](const std::string& n, const std::string& email) {
    const json::object contact{{"crm_contact_id", "ct-accent-" + n},
                               {"first_name", "Élodie"},
                               {"last_name", "Côté"},
                               {"email", email}};
    ASSERT_EQ(plugin_->payment_completed(payment("accent-" + n, contact)).status, QBO_SYNC_OK);
    expect_all_completed();
  };
  pay_as_contact("1", lower);
  // Another contact record of the same person, its address typed in capitals.
  pay_as_contact("2", upper);
  EXPECT_EQ(customers_with_email({lower, upper}).size(), 1u);
}

TEST_F(ContactSyncTest, ACustomerThePluginMadeIsNotEchoedBackButAQboEditIsSentWithItsContact) {
  ready();
  const auto made = customers_after_example_payment("echo");
  ASSERT_EQ(made.size(), 1u);
  const std::string id(made.front().at("Id").as_string());
  wait_for_polls(3);
  EXPECT_TRUE(contacts_for(id).empty()) << "the plugin's own customer was sent to the CRM";

  // A bookkeeper changes the phone in QuickBooks: that reaches the CRM, for the same contact.
  qbo_write("customer", {{"Id", id},
                         {"SyncToken", made.front().at("SyncToken")},
                         {"sparse", true},
                         {"PrimaryPhone", {{"FreeFormNumber", "+1 647-555-0111"}}}});
  ASSERT_TRUE(eventually([&] { return !contacts_for(id).empty(); }));
  const auto sent = contacts_for(id).front();
  EXPECT_EQ(sent.at("crm_contact_id"), "ct-ca-0001");
  EXPECT_EQ(sent.at("phone"), "+1 647-555-0111");
  wait_for_polls();
  EXPECT_EQ(contacts_for(id).size(), 1u);
}

TEST_F(ContactSyncTest, AHostWithoutUpsertContactIsToldOnceAndNoLongerOffered) {
  host_.answer_upsert_contact_with(QBO_SYNC_UNSUPPORTED);
  for (int n = 0; n < 3; ++n) {
    add_customer("Unsupported " + std::to_string(n), "unsupported" + std::to_string(n) + "@x.ca");
  }
  ready();
  add_customer("Later Customer", "later@x.ca");
  wait_for_polls(3);
  EXPECT_EQ(host_.contacts().size(), 1u);  // the one call that found the service missing
  int warnings = 0;
  for (const auto& line : host_.logs()) {
    if (line.find("upsert_contact") != std::string::npos) ++warnings;
  }
  EXPECT_EQ(warnings, 1);
  const auto status = inbound_status();
  EXPECT_EQ(status.at("contacts").at("sent_to_crm"), false);
  EXPECT_EQ(status.at("contacts").at("reason"), "crm_lacks_upsert_contact");
}

}  // namespace
}  // namespace qbo_sync::testing
