// Companies: presets, realm ids, several at once, snapshot, change events, requestid replay.
#include <thread>

#include "ledger_fixture.h"

namespace qbo_sandbox::testing {
namespace {

namespace json = boost::json;

TEST_F(LedgerTest, ACanadianCompanyStartsWithQboPresets) {
  EXPECT_EQ(realm.size(), 16u);
  EXPECT_EQ(realm.find_first_not_of("0123456789"), std::string::npos);
  const auto info = get("companyinfo/" + realm);
  ASSERT_EQ(info.status, 200) << last_text;
  EXPECT_EQ(info.body.at("CompanyInfo").at("Country"), "CA");
  EXPECT_EQ(info.body.at("CompanyInfo").at("CompanyName"), "Sandbox Company");
  EXPECT_EQ(get("companyinfo/1").body.at("CompanyInfo").at("Id"), "1");
  const auto preferences = get("preferences");
  ASSERT_EQ(preferences.status, 200);
  EXPECT_EQ(preferences.body.at("Preferences").at("CurrencyPrefs").at("HomeCurrency").at("value"),
            "CAD");
  EXPECT_EQ(preferences.body.at("Preferences").at("TaxPrefs").at("UsingSalesTax"), true);
  EXPECT_EQ(get("item/1").body.at("Item").at("Name"), "Services");
  EXPECT_EQ(get("item/2").body.at("Item").at("Name"), "Sales");
  EXPECT_GT(
      query("SELECT COUNT(*) FROM TaxCode").body.at("QueryResponse").at("totalCount").as_int64(),
      5);
  EXPECT_GT(
      query("SELECT COUNT(*) FROM TaxRate").body.at("QueryResponse").at("totalCount").as_int64(),
      5);
  const auto funds = query("SELECT * FROM Account WHERE Name = 'Undeposited Funds'");
  EXPECT_EQ(funds.body.at("QueryResponse").at("Account").as_array().size(), 1u) << last_text;
}

TEST_F(LedgerTest, SeveralCompaniesKeepTheirOwnObjects) {
  const auto us = ledger.add_company(CompanyPreset::united_states, "US Co");
  EXPECT_NE(us, realm);
  EXPECT_EQ(ledger.realm_ids(), (std::vector<std::string>{realm, us}));
  EXPECT_TRUE(ledger.has_realm(us));
  EXPECT_FALSE(ledger.has_realm("1"));
  create_customer("Only In Canada");
  ApiRequest request;
  request.method = "GET";
  request.realm_id = us;
  request.path = "query";
  request.params = {{"query", "SELECT COUNT(*) FROM Customer"}};
  EXPECT_EQ(json::parse(ledger.handle(request).body).at("QueryResponse").at("totalCount"), 0);
  request.path = "companyinfo/1";
  EXPECT_EQ(json::parse(ledger.handle(request).body).at("CompanyInfo").at("Country"), "US");
  // The same name is free in the other company.
  request.method = "POST";
  request.path = "customer";
  request.params.clear();
  request.body = R"({"DisplayName":"Only In Canada"})";
  EXPECT_EQ(ledger.handle(request).status, 200);
}

TEST_F(LedgerTest, ListenersHearEveryChangeAfterItIsCommitted) {
  std::vector<ChangeEvent> events;
  ledger.on_change([&](const ChangeEvent& event) {
    // The ledger is unlocked here: a listener may read it.
    EXPECT_TRUE(ledger.has_realm(event.realm_id));
    events.push_back(event);
  });
  const auto customer = create_customer("Heard");
  const json::value id = customer.at("Id");
  post("customer", {{"Id", id}, {"SyncToken", "0"}, {"sparse", true}, {"Notes", "n"}});
  const auto invoice = post(
      "invoice", {{"CustomerRef", {{"value", id}}}, {"Line", json::array{sales_line(1, "5")}}});
  const json::value invoice_id = invoice.body.at("Invoice").at("Id");
  post("invoice", {{"Id", invoice_id}, {"SyncToken", "0"}}, {{"operation", "void"}});
  post("invoice", {{"Id", invoice_id}, {"SyncToken", "1"}}, {{"operation", "delete"}});
  post("customer", {{"DisplayName", "Heard"}});  // refused: no event

  std::vector<std::string> seen;
  for (const auto& event : events) seen.push_back(event.entity + ":" + event.operation);
  EXPECT_EQ(seen, (std::vector<std::string>{"Customer:Create", "Customer:Update", "Invoice:Create",
                                            "Invoice:Void", "Invoice:Delete"}));
  EXPECT_EQ(events[0].realm_id, realm);
  EXPECT_EQ(events[0].id, std::string(id.as_string()));
}

TEST_F(LedgerTest, ARepeatedRequestIdReplaysTheFirstAnswerWithoutActingAgain) {
  const std::map<std::string, std::string> params{
      {"requestid", "a90bfae9-9c6b-4179-9c7e-d8f538d09f6f"}};
  const auto first = post("customer", {{"DisplayName", "Once"}}, params);
  const auto first_text = last_text;
  ASSERT_EQ(first.status, 200);
  const auto again = post("customer", {{"DisplayName", "Once"}}, params);
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(last_text, first_text);
  EXPECT_EQ(query("SELECT COUNT(*) FROM Customer").body.at("QueryResponse").at("totalCount"), 1);
  // A fault is replayed too, and another id acts anew.
  const auto refused = post("customer", {{"DisplayName", "Once"}}, {{"requestid", "r2"}});
  EXPECT_EQ(fault_code(refused), "6240");
  EXPECT_EQ(fault_code(post("customer", {{"DisplayName", "Twice"}}, {{"requestid", "r2"}})),
            "6240");
  EXPECT_EQ(post("customer", {{"DisplayName", "Twice"}}, {{"requestid", "r3"}}).status, 200);
}

TEST_F(LedgerTest, RequestIdAnswersExpireAfterTheirTimeToLive) {
  ledger.set_request_id_ttl(std::chrono::hours(1));
  const std::map<std::string, std::string> params{{"requestid", "expiring"}};
  ASSERT_EQ(post("customer", {{"DisplayName", "Kept"}}, params).status, 200);
  clock.advance(std::chrono::minutes(59));
  EXPECT_EQ(post("customer", {{"DisplayName", "Kept"}}, params).status, 200);
  clock.advance(std::chrono::minutes(2));
  EXPECT_EQ(fault_code(post("customer", {{"DisplayName", "Kept"}}, params)), "6240");
}

TEST_F(LedgerTest, SnapshotCountsAndListsEveryObject) {
  create_customer("Snap");
  const auto snapshot = ledger.snapshot(realm);
  EXPECT_EQ(snapshot.at("counts").at("Customer"), 1);
  EXPECT_EQ(snapshot.at("objects").at("Customer").at(0).at("DisplayName"), "Snap");
  EXPECT_EQ(snapshot.at("counts").at("Item"), 2);
  EXPECT_EQ(snapshot.at("counts").at("CompanyInfo"), 1);
  EXPECT_TRUE(ledger.snapshot("nope").empty());
}

TEST_F(LedgerTest, ConcurrentCallsKeepNamesUniqueAndIdsDistinct) {
  std::vector<std::thread> threads;
  std::atomic<int> created{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        ApiRequest request;
        request.method = "POST";
        request.realm_id = realm;
        request.path = "customer";
        // Every thread tries the same 50 names: each must be created exactly once.
        request.body = R"({"DisplayName":"Name )" + std::to_string(i) + R"("})";
        if (ledger.handle(request).status == 200) ++created;
        ApiRequest read;
        read.method = "GET";
        read.realm_id = realm;
        read.path = "query";
        read.params = {{"query", "SELECT COUNT(*) FROM Customer"}};
        (void)ledger.handle(read);
        (void)t;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(created.load(), 50);
  EXPECT_EQ(ledger.snapshot(realm).at("counts").at("Customer"), 50);
}

}  // namespace
}  // namespace qbo_sandbox::testing
