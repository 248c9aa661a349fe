// Create, read, full and sparse update, SyncToken, names, void and delete, through Ledger::handle.
#include "ledger_fixture.h"

namespace qbo_sandbox::testing {
namespace {

namespace json = boost::json;

TEST_F(LedgerTest, CreatesACustomerWithQboDefaultsAndEnvelope) {
  const auto answer = post("customer", {{"DisplayName", "Doe5, Jane"}});
  ASSERT_EQ(answer.status, 200) << last_text;
  ASSERT_TRUE(answer.body.at("time").is_string());
  const auto& customer = answer.body.at("Customer").as_object();
  EXPECT_EQ(customer.at("DisplayName"), "Doe5, Jane");
  EXPECT_EQ(customer.at("FullyQualifiedName"), "Doe5, Jane");
  EXPECT_EQ(customer.at("PrintOnCheckName"), "Doe5, Jane");
  EXPECT_EQ(customer.at("SyncToken"), "0");
  EXPECT_EQ(customer.at("Active"), true);
  EXPECT_EQ(customer.at("domain"), "QBO");
  EXPECT_EQ(customer.at("CurrencyRef").at("value"), "CAD");
  EXPECT_EQ(customer.at("Balance").to_number<double>(), 0);
  const auto& meta = customer.at("MetaData").as_object();
  EXPECT_EQ(meta.at("CreateTime"), meta.at("LastUpdatedTime"));
  EXPECT_EQ(meta.at("CreateTime").as_string().size(),
            std::string("2020-09-29T05:58:16-07:00").size());

  const auto read = get("customer/" + std::string(customer.at("Id").as_string()));
  ASSERT_EQ(read.status, 200);
  EXPECT_EQ(read.body.at("Customer"), customer);
}

TEST_F(LedgerTest, BuildsTheDisplayNameFromTheNameParts) {
  const auto answer = post("customer", {{"GivenName", "Ada"}, {"FamilyName", "Lovelace"}});
  ASSERT_EQ(answer.status, 200) << last_text;
  EXPECT_EQ(answer.body.at("Customer").at("DisplayName"), "Ada Lovelace");
  const auto nameless = post("customer", {{"Notes", "no name at all"}});
  EXPECT_EQ(nameless.status, 400);
  EXPECT_EQ(fault_code(nameless), "2020");
}

TEST_F(LedgerTest, NamesThatDifferOnlyInCaseBeyondAsciiAreDuplicates) {
  create_customer("Zoë Ångström");
  EXPECT_EQ(fault_code(post("customer", {{"DisplayName", "ZOË ÅNGSTRÖM"}})), "6240");
  EXPECT_EQ(fault_code(post("vendor", {{"DisplayName", "Straße Café"}})), "");
  EXPECT_EQ(fault_code(post("vendor", {{"DisplayName", "STRASSE CAFÉ"}})), "6240");
}

TEST_F(LedgerTest, RefusesADuplicateDisplayNameAcrossCustomersVendorsAndEmployees) {
  create_customer("Weiskopf Consulting");
  auto again = post("customer", {{"DisplayName", "Weiskopf Consulting"}});
  EXPECT_EQ(again.status, 400);
  EXPECT_EQ(fault_code(again), "6240");
  EXPECT_EQ(again.body.at("Fault").at("Error").at(0).at("Message"), "Duplicate Name Exists Error");
  EXPECT_EQ(again.body.at("Fault").at("type"), "ValidationFault");
  EXPECT_EQ(fault_code(post("vendor", {{"DisplayName", "weiskopf consulting"}})), "6240");
  EXPECT_EQ(fault_code(post("employee", {{"DisplayName", "Weiskopf Consulting "}})), "6240");
  auto vendor = post("vendor", {{"DisplayName", "Boraski Family Store"}});
  ASSERT_EQ(vendor.status, 200);
  EXPECT_EQ(fault_code(post("customer", {{"DisplayName", "Boraski Family Store"}})), "6240");
}

TEST_F(LedgerTest, RefusesForbiddenCharactersInNames) {
  for (const char* name : {"Parent:Child", "Tab\tName", "New\nLine"}) {
    const auto answer = post("customer", {{"DisplayName", name}});
    EXPECT_EQ(answer.status, 400) << name;
    EXPECT_EQ(fault_code(answer), "6000") << name;
    EXPECT_EQ(answer.body.at("Fault").at("Error").at(0).at("element"), "DisplayName");
  }
  const auto email =
      post("customer", {{"DisplayName", "Mail"}, {"PrimaryEmailAddr", {{"Address", "nobody"}}}});
  EXPECT_EQ(email.status, 400);
  EXPECT_EQ(email.body.at("Fault").at("Error").at(0).at("element"), "PrimaryEmailAddr.Address");
}

TEST_F(LedgerTest, RefusesAnUnknownPropertyAsQboDoes) {
  const auto answer = post("invoice", {{"BadJson", true}});
  EXPECT_EQ(answer.status, 400);
  EXPECT_EQ(fault_code(answer), "2010");
  EXPECT_NE(std::string(answer.body.at("Fault").at("Error").at(0).at("Detail").as_string())
                .find("BadJson"),
            std::string::npos);
  EXPECT_EQ(fault_code(call("POST", "customer", "{not json")), "2010");
}

TEST_F(LedgerTest, FullUpdateReplacesAndSparseUpdateMerges) {
  auto customer = create_customer("Jane");
  const std::string id(customer.at("Id").as_string());
  auto sparse =
      post("customer", {{"Id", id}, {"SyncToken", "0"}, {"sparse", true}, {"Notes", "VIP"}});
  ASSERT_EQ(sparse.status, 200) << last_text;
  EXPECT_EQ(sparse.body.at("Customer").at("SyncToken"), "1");
  EXPECT_EQ(sparse.body.at("Customer").at("Notes"), "VIP");
  EXPECT_EQ(sparse.body.at("Customer").at("DisplayName"), "Jane");

  clock.advance(std::chrono::seconds(5));
  auto full = post("customer", {{"Id", id},
                                {"SyncToken", "1"},
                                {"DisplayName", "Jack Moe"},
                                {"PrimaryPhone", {{"FreeFormNumber", "(415) 444-1234"}}}});
  ASSERT_EQ(full.status, 200) << last_text;
  const auto& updated = full.body.at("Customer").as_object();
  EXPECT_EQ(updated.at("SyncToken"), "2");
  EXPECT_FALSE(updated.contains("Notes")) << "a full update clears what it omits";
  EXPECT_EQ(updated.at("FullyQualifiedName"), "Jack Moe");
  EXPECT_EQ(updated.at("MetaData").at("CreateTime"), customer.at("MetaData").at("CreateTime"));
  EXPECT_NE(updated.at("MetaData").at("LastUpdatedTime"),
            customer.at("MetaData").at("LastUpdatedTime"));
}

TEST_F(LedgerTest, AStaleSyncTokenGives5010AndChangesNothing) {
  auto customer = create_customer("Stale");
  const std::string id(customer.at("Id").as_string());
  ASSERT_EQ(
      post("customer", {{"Id", id}, {"SyncToken", "0"}, {"sparse", true}, {"Notes", "a"}}).status,
      200);
  const auto stale =
      post("customer", {{"Id", id}, {"SyncToken", "0"}, {"sparse", true}, {"Notes", "b"}});
  EXPECT_EQ(stale.status, 400);
  EXPECT_EQ(fault_code(stale), "5010");
  EXPECT_EQ(stale.body.at("Fault").at("Error").at(0).at("Message"), "Stale Object Error");
  EXPECT_EQ(get("customer/" + id).body.at("Customer").at("Notes"), "a");
  EXPECT_EQ(fault_code(post("customer", {{"Id", id}, {"sparse", true}, {"Notes", "c"}})), "2020");
}

TEST_F(LedgerTest, AnUpdateThatChangesNothingKeepsTheSyncToken) {
  auto customer = create_customer("Same");
  const std::string id(customer.at("Id").as_string());
  const auto answer =
      post("customer", {{"Id", id}, {"SyncToken", "0"}, {"sparse", true}, {"DisplayName", "Same"}});
  ASSERT_EQ(answer.status, 200);
  EXPECT_EQ(answer.body.at("Customer").at("SyncToken"), "0");
}

TEST_F(LedgerTest, DeactivationMarksTheNameDeletedAndFreesIt) {
  auto customer = create_customer("Thrifty Meats");
  const std::string id(customer.at("Id").as_string());
  const auto gone =
      post("customer", {{"Id", id}, {"SyncToken", "0"}, {"sparse", true}, {"Active", false}});
  ASSERT_EQ(gone.status, 200) << last_text;
  EXPECT_EQ(gone.body.at("Customer").at("DisplayName"), "Thrifty Meats (deleted)");
  EXPECT_EQ(gone.body.at("Customer").at("Active"), false);
  EXPECT_EQ(query("SELECT COUNT(*) FROM Customer").body.at("QueryResponse").at("totalCount"), 0);
  EXPECT_EQ(query("SELECT COUNT(*) FROM Customer WHERE Active IN (true, false)")
                .body.at("QueryResponse")
                .at("totalCount"),
            1);
  EXPECT_EQ(post("customer", {{"DisplayName", "Thrifty Meats"}}).status, 200);

  const auto refused =
      post("customer", {{"Id", id}, {"SyncToken", "1"}}, {{"operation", "delete"}});
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(fault_code(refused), "500");
}

TEST_F(LedgerTest, ReadsGiveQboFaultsForBadPathsAndIds) {
  EXPECT_EQ(fault_code(get("customer/1.5")), "2030");
  EXPECT_EQ(get("customer/1.5").body.at("Fault").at("Error").at(0).at("element"), "Id");
  EXPECT_EQ(fault_code(get("customer/1/5")), "500");
  EXPECT_EQ(fault_code(get("nosuchentity/1")), "500");
  EXPECT_EQ(fault_code(get("customer/999")), "610");
  EXPECT_EQ(fault_code(post("taxcode", {{"Name", "Mine"}})), "500");
}

TEST_F(LedgerTest, AnUnknownRealmIsRefused) {
  ApiRequest request;
  request.method = "GET";
  request.realm_id = "123";
  request.path = "customer/1";
  EXPECT_EQ(ledger.handle(request).status, 403);
}

TEST_F(LedgerTest, IdsFollowOneSequenceForNamesAndOneForEachTransactionType) {
  const auto first = std::stoi(std::string(create_customer("A").at("Id").as_string()));
  const auto vendor = post("vendor", {{"DisplayName", "B"}});
  EXPECT_EQ(std::stoi(std::string(vendor.body.at("Vendor").at("Id").as_string())), first + 1);
  EXPECT_EQ(std::stoi(std::string(create_customer("C").at("Id").as_string())), first + 2);
}

}  // namespace
}  // namespace qbo_sandbox::testing
