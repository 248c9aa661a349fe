// Every QBO customer comes into the CRM when the account connects, page by page with
// its progress in the admin status; a customer the plugin made for a payment is not imported as
// a new contact.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <set>
#include <thread>

#include "inbound_fixture.h"

namespace qbo_sync::testing {
namespace {

class InboundImportTest : public InboundFixture {};

TEST_F(InboundImportTest, TwoThousandFiveHundredCustomersArriveAcrossPagesWithProgress) {
  constexpr int kCustomers = 2500;
  for (int i = 1; i <= kCustomers; ++i) {
    const std::string number = std::to_string(i);
    add_customer("Imported Customer " + number, i % 2 ? "customer" + number + "@example.com" : "");
  }
  // Some made inactive in QuickBooks: they come too, marked inactive.
  std::set<std::string> inactive;
  for (const auto& customer : ledger_objects("Customer")) {
    if (inactive.size() == 3) break;
    const std::string id(customer.at("Id").as_string());
    qbo_write(
        "customer",
        {{"Id", id}, {"SyncToken", customer.at("SyncToken")}, {"sparse", true}, {"Active", false}});
    inactive.insert(id);
  }
  const auto expected = static_cast<int64_t>(ledger_objects("Customer").size());
  ASSERT_GE(expected, kCustomers);

  start_plugin();
  connect();
  // What the admin sees while it runs.
  std::vector<std::pair<int64_t, int64_t>> progress;  // (done, total) while running
  bool complete = false;
  ASSERT_TRUE(eventually([&] {
    const auto status = inbound_status();
    const auto& import = status.at("import");
    const auto& customers = import.at("customers");
    if (import.at("state") == "running" && customers.at("total").is_int64()) {
      progress.emplace_back(customers.at("done").as_int64(), customers.at("total").as_int64());
    }
    complete = import.at("state") == "complete";
    return complete;
  }));
  const auto status = inbound_status();
  EXPECT_EQ(status.at("import").at("customers").at("done"), expected);
  EXPECT_EQ(status.at("import").at("customers").at("total"), expected);
  ASSERT_FALSE(progress.empty()) << "the import was never seen running";
  for (std::size_t i = 0; i < progress.size(); ++i) {
    EXPECT_EQ(progress[i].second, expected);
    EXPECT_LT(progress[i].first, expected);
    if (i > 0) {
      EXPECT_GE(progress[i].first, progress[i - 1].first);
    }
  }

  // Every customer exactly once, with its QBO id and active flag.
  std::map<std::string, json::object> by_id;
  for (const auto& contact : host_.contacts()) {
    const std::string id(contact.at("qbo_customer_id").as_string());
    EXPECT_EQ(by_id.count(id), 0u) << "customer " << id << " sent twice";
    by_id[id] = contact;
  }
  EXPECT_EQ(static_cast<int64_t>(by_id.size()), expected);
  for (const auto& customer : ledger_objects("Customer")) {
    const std::string id(customer.at("Id").as_string());
    ASSERT_EQ(by_id.count(id), 1u) << id;
    const auto& contact = by_id[id];
    EXPECT_EQ(contact.at("account_id"), kInboundAccount);
    EXPECT_EQ(contact.at("active"), inactive.count(id) == 0) << id;
    if (const auto* email = customer.as_object().if_contains("PrimaryEmailAddr")) {
      EXPECT_EQ(contact.at("email"), email->at("Address"));
    } else {
      EXPECT_FALSE(contact.contains("email"));
    }
  }
  // Nothing went to QuickBooks: an import only reads.
  EXPECT_EQ(static_cast<int64_t>(ledger_objects("Customer").size()), expected);
}

TEST_F(InboundImportTest, AnImportInterruptedByARestartResumesWhereItStopped) {
  constexpr int kCustomers = 2500;
  for (int i = 1; i <= kCustomers; ++i) add_customer("Resumed Customer " + std::to_string(i), "");
  const auto expected = static_cast<int64_t>(ledger_objects("Customer").size());
  start_plugin();
  connect();
  // Stopped while it runs: the page under way finishes and its progress is stored.
  int64_t done_at_stop = 0;
  ASSERT_TRUE(eventually([&] {
    const auto import = inbound_status().at("import");
    done_at_stop = import.at("customers").at("done").as_int64();
    return import.at("state") == "running" && done_at_stop > 0;
  }));
  ASSERT_LT(done_at_stop, expected);
  restart_plugin();
  const auto after_restart = inbound_status().at("import");
  EXPECT_GE(after_restart.at("customers").at("done").as_int64(), done_at_stop);
  wait_for_import();
  EXPECT_EQ(inbound_status().at("import").at("customers").at("done"), expected);
  // Every customer once: nothing lost at the restart, nothing sent again.
  std::map<std::string, int> sent;
  for (const auto& contact : host_.contacts())
    ++sent[std::string(contact.at("qbo_customer_id").as_string())];
  EXPECT_EQ(static_cast<int64_t>(sent.size()), expected);
  for (const auto& [id, times] : sent) EXPECT_EQ(times, 1) << id;
}

TEST_F(InboundImportTest, ACustomerThePluginMadeForAPaymentStaysLinkedToItsContact) {
  start_plugin();
  connect();
  wait_for_import();
  auto payment = valid_example("payment.completed.v1", "01-ca-on-order-form.json");
  const auto answer = plugin_->payment_completed(json::serialize(payment));
  ASSERT_EQ(answer.status, QBO_SYNC_OK) << answer.text;
  const std::string email(payment.at("payment").at("contact").at("email").as_string());
  // The engine makes the customer; the next polls see it.
  ASSERT_TRUE(eventually([&] {
    for (const auto& customer : ledger_objects("Customer")) {
      const auto* address = customer.as_object().if_contains("PrimaryEmailAddr");
      if (address && address->at("Address") == email.c_str()) return true;
    }
    return false;
  }));
  wait_for_polls();
  // Never a second QBO customer, and the customer is not sent back to the CRM: QBO holds just
  // what the CRM gave it.
  int customers_with_email = 0;
  for (const auto& customer : ledger_objects("Customer")) {
    const auto* address = customer.as_object().if_contains("PrimaryEmailAddr");
    if (address && address->at("Address") == email.c_str()) ++customers_with_email;
  }
  EXPECT_EQ(customers_with_email, 1);
  int upserts = 0;
  for (const auto& contact : host_.contacts()) {
    if (contact.if_contains("email") && contact.at("email") == email.c_str()) ++upserts;
  }
  EXPECT_EQ(upserts, 0);
}

}  // namespace
}  // namespace qbo_sync::testing
