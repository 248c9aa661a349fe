// InboundSync's steps against the QBO sandbox through the plugin's own QBO stack and a real store.
#include "inbound/inbound_sync.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>
#include <mutex>
#include <set>

#include "clock/manual_clock.h"
#include "engine/connected_sandbox.h"
#include "inbound/qbo_json.h"
#include "mapping/customer_document.h"

namespace qbo_sync::inbound {
namespace {

namespace json = boost::json;
using engine::testing::ConnectedSandbox;
using engine::testing::kAccount;

// The host's side: records every request, answers crm ids.
struct RecordedHost {
  std::mutex mutex;
  std::vector<json::object> contacts, invoices, reviews;

  InboundHost host() {
    InboundHost services;
    services.upsert_contact = [this](std::string_view request, std::string* response) {
      std::lock_guard lock(mutex);
      contacts.push_back(json::parse(request).as_object());
      *response = R"({"crm_contact_id":"crm-ct-)" + std::to_string(contacts.size()) + R"("})";
      return kHostOk;
    };
    services.import_invoice = [this](std::string_view request, std::string* response) {
      std::lock_guard lock(mutex);
      invoices.push_back(json::parse(request).as_object());
      *response = R"({"crm_invoice_id":"crm-inv-)" + std::to_string(invoices.size()) + R"("})";
      return kHostOk;
    };
    services.send_review_request = [this](std::string_view request) {
      std::lock_guard lock(mutex);
      reviews.push_back(json::parse(request).as_object());
      return kHostOk;
    };
    return services;
  }
};

class InboundSyncTest : public ::testing::Test {
 protected:
  void SetUp() override { sandbox_.connect(); }

  store::ConnectionRow account() { return *sandbox_.store().connection(kAccount); }

  // Customers placed straight into the sandbox's ledger (no HTTP, no throttle).
  std::string add_customer(const std::string& name, const std::string& email = "") {
    json::object body{{"DisplayName", name}};
    if (!email.empty()) body["PrimaryEmailAddr"] = {{"Address", email}};
    return ledger_write("customer", body).at("Customer").at("Id").as_string().c_str();
  }
  json::object ledger_write(const std::string& path, const json::object& body) {
    qbo_sandbox::ApiRequest request;
    request.method = "POST";
    request.realm_id = sandbox_.sandbox().realm_id();
    request.path = path;
    request.params = {{"minorversion", "75"}};
    request.body = json::serialize(body);
    request.content_type = "application/json";
    const auto response = sandbox_.sandbox().server().ledger().handle(request);
    EXPECT_EQ(response.status, 200) << response.body;
    return json::parse(response.body).as_object();
  }

  void import_all(InboundSync& sync, int64_t at = 5) {
    for (int steps = 0; !sync.import_complete(account()); ++steps) {
      ASSERT_LT(steps, 100);
      auto step = sync.import_step(sandbox_.connection(), account(), at);
      ASSERT_TRUE(step) << step.fault().summary();
    }
  }

  ConnectedSandbox sandbox_;
  RecordedHost host_;
};

TEST_F(InboundSyncTest, TheImportPagesThroughEveryCustomerAndResumesAfterARestart) {
  for (int i = 1; i <= 25; ++i) add_customer("Customer " + std::to_string(i));
  add_customer("Gone Customer");
  // Inactive customers come too (QBO hides them from a plain query).
  const auto active_count = sandbox_.ledger_objects("Customer").size();
  {
    InboundSync sync(sandbox_.store(), sandbox_.api(), host_.host(), {10, 120'000});
    ASSERT_TRUE(sync.import_step(sandbox_.connection(), account(), 1));
    ASSERT_TRUE(sync.import_step(sandbox_.connection(), account(), 2));
    const auto status = sync.status(kAccount);
    EXPECT_EQ(status.at("import").at("state"), "running");
    EXPECT_EQ(status.at("import").at("customers").at("done"), 20);
    EXPECT_EQ(status.at("import").at("customers").at("total"), static_cast<int64_t>(active_count));
    EXPECT_FALSE(sync.import_complete(account()));
  }
  // A new instance (a restart) carries on from the stored progress.
  InboundSync sync(sandbox_.store(), sandbox_.api(), host_.host(), {10, 120'000});
  import_all(sync);
  const auto status = sync.status(kAccount);
  EXPECT_EQ(status.at("import").at("state"), "complete");
  EXPECT_EQ(status.at("import").at("customers").at("done"), static_cast<int64_t>(active_count));
  std::set<std::string> ids;
  for (const auto& contact : host_.contacts)
    ids.insert(contact.at("qbo_customer_id").as_string().c_str());
  EXPECT_EQ(ids.size(), active_count);
  EXPECT_EQ(host_.contacts.size(), active_count);  // nothing sent twice
  for (const auto& id : ids) {
    const auto link = sandbox_.store().link_by_qbo(kAccount, "Customer", id);
    ASSERT_TRUE(link) << id;
    EXPECT_EQ(link->origin, "quickbooks");
  }
}

TEST_F(InboundSyncTest, ACustomerThePluginCreatedIsLinkedToItsContactNotImportedAsNew) {
  const auto id = add_customer("Made By Payments");
  sandbox_.store().put_link({kAccount, "contact", "id:crm-77", "Customer", id, "0", "crm"});
  InboundSync sync(sandbox_.store(), sandbox_.api(), host_.host());
  import_all(sync);
  bool seen = false;
  for (const auto& contact : host_.contacts) {
    if (contact.at("qbo_customer_id") != id.c_str()) continue;
    seen = true;
    EXPECT_EQ(contact.at("crm_contact_id"), "crm-77");
  }
  EXPECT_TRUE(seen);
  const auto link = sandbox_.store().link_by_qbo(kAccount, "Customer", id);
  ASSERT_TRUE(link);
  EXPECT_EQ(link->crm_id, "id:crm-77");
  EXPECT_EQ(link->origin, "crm");
}

TEST_F(InboundSyncTest, APollBringsNewChangedAndDeactivatedCustomersOnce) {
  InboundSync sync(sandbox_.store(), sandbox_.api(), host_.host());
  import_all(sync);
  const auto before = host_.contacts.size();
  const auto id = add_customer("Fresh Face", "fresh@example.com");
  ASSERT_TRUE(sync.poll(sandbox_.connection(), account(), 1000));
  ASSERT_EQ(host_.contacts.size(), before + 1);
  EXPECT_EQ(host_.contacts.back().at("qbo_customer_id"), id.c_str());
  EXPECT_EQ(host_.contacts.back().at("email"), "fresh@example.com");
  // The watermark overlaps the last poll; what the CRM has is not sent again.
  ASSERT_TRUE(sync.poll(sandbox_.connection(), account(), 2000));
  EXPECT_EQ(host_.contacts.size(), before + 1);
  EXPECT_EQ(sync.status(kAccount).at("last_poll_at"), "1970-01-01T00:00:02.000Z");

  // Deactivated in QBO ("deleted" in its UI).
  auto customer = sandbox_.api().read(sandbox_.connection(), "Customer", id);
  ASSERT_TRUE(customer);
  json::object change{{"Id", id},
                      {"SyncToken", customer.value().entity.at("SyncToken")},
                      {"sparse", true},
                      {"Active", false}};
  ledger_write("customer", change);
  ASSERT_TRUE(sync.poll(sandbox_.connection(), account(), 3000));
  ASSERT_EQ(host_.contacts.size(), before + 2);
  EXPECT_EQ(host_.contacts.back().at("active"), false);
  EXPECT_EQ(host_.contacts.back().at("display_name"), "Fresh Face");
  // The contact the CRM made for it on the first upsert is the one updated.
  EXPECT_EQ(host_.contacts.back().at("crm_contact_id"),
            json::value("crm-ct-" + std::to_string(before + 1)));
}

TEST_F(InboundSyncTest, ANewCustomerWithoutEmailWaitsUntilThePaymentEngineCouldHaveLinkedIt) {
  InboundSync sync(sandbox_.store(), sandbox_.api(), host_.host());
  import_all(sync);
  const auto before = host_.contacts.size();
  const auto id = add_customer("No Email Yet");
  ASSERT_TRUE(sync.poll(sandbox_.connection(), account(), 1000));
  EXPECT_EQ(host_.contacts.size(), before);  // just made: perhaps the engine's, not linked yet
  sandbox_.sandbox().control("POST", "/clock/advance", R"({"seconds":31})");
  ASSERT_TRUE(sync.poll(sandbox_.connection(), account(), 2000));
  ASSERT_EQ(host_.contacts.size(), before + 1);
  EXPECT_EQ(host_.contacts.back().at("qbo_customer_id"), id.c_str());
  const auto link = sandbox_.store().link_by_qbo(kAccount, "Customer", id);
  ASSERT_TRUE(link);
  EXPECT_EQ(link->origin, "quickbooks");
}

TEST_F(InboundSyncTest, ACustomerTheEngineIsCreatingWaitsUntilItsIntentIsTenMinutesOldOnTheClock) {
  using namespace std::chrono_literals;
  clock::ManualClock plugin_clock(1'800'000'000'000);
  InboundSync sync(sandbox_.store(), sandbox_.api(), host_.host(), {},
                   [&] { return plugin_clock.now_ms(); });
  import_all(sync);
  const auto before = host_.contacts.size();
  // The engine's intent, stamped on the plugin's clock, left by an instance that died mid-create.
  sandbox_.store().put_state(kAccount, mapping::customer_creating_state("made@example.com"),
                             std::to_string(plugin_clock.now_ms()));
  const auto id = add_customer("Being Made", "made@example.com");
  ASSERT_TRUE(sync.poll(sandbox_.connection(), account(), 1000));
  EXPECT_EQ(host_.contacts.size(), before);  // the engine's own, about to be linked
  plugin_clock.advance(10min - 1s);
  ASSERT_TRUE(sync.poll(sandbox_.connection(), account(), 2000));
  EXPECT_EQ(host_.contacts.size(), before);
  plugin_clock.advance(2s);  // the intent has expired: the customer is QuickBooks'
  ASSERT_TRUE(sync.poll(sandbox_.connection(), account(), 3000));
  ASSERT_EQ(host_.contacts.size(), before + 1);
  EXPECT_EQ(host_.contacts.back().at("qbo_customer_id"), id.c_str());
}

TEST_F(InboundSyncTest, AReconcileIsDueOneIntervalAfterTheImportAndSendsOnlyWhatChanged) {
  InboundSync sync(sandbox_.store(), sandbox_.api(), host_.host());
  import_all(sync);
  const auto sent = host_.contacts.size();
  EXPECT_FALSE(sync.reconcile_due(account(), 5 + 86'399'999, 86'400'000));
  EXPECT_TRUE(sync.reconcile_due(account(), 5 + 86'400'000, 86'400'000));
  for (int steps = 0;; ++steps) {
    ASSERT_LT(steps, 20);
    auto step = sync.reconcile_step(sandbox_.connection(), account(), 86'400'000);
    ASSERT_TRUE(step);
    if (!step.value().more) break;
  }
  EXPECT_EQ(host_.contacts.size(), sent);
  EXPECT_EQ(sync.status(kAccount).at("reconcile").at("state"), "complete");
  EXPECT_FALSE(sync.reconcile_due(account(), 86'400'000 + 1000, 86'400'000));
}

TEST_F(InboundSyncTest, AWatermarkOlderThanTheFeedReachesStartsAReconcileInstead) {
  const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  InboundSync sync(sandbox_.store(), sandbox_.api(), host_.host());
  import_all(sync, now);
  sandbox_.store().put_state(kAccount, "inbound.cdc", R"({"since":"2020-01-01T00:00:00.000Z"})");
  EXPECT_FALSE(sync.reconcile_due(account(), now, 86'400'000));
  auto polled = sync.poll(sandbox_.connection(), account(), now);
  ASSERT_TRUE(polled) << polled.fault().summary();  // QBO would refuse a changedSince from 2020
  EXPECT_TRUE(sync.reconcile_due(account(), now, 86'400'000));
  EXPECT_EQ(sync.status(kAccount).at("reconcile").at("state"), "running");
  const auto watermark = parse_qbo_time(sync.status(kAccount).at("watermark").as_string());
  ASSERT_TRUE(watermark);
  EXPECT_GT(*watermark, now - 86'400'000);
}

}  // namespace
}  // namespace qbo_sync::inbound
