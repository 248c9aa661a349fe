#include "engine/customer_resolver.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "clock/manual_clock.h"
#include "connected_sandbox.h"
#include "mapping/contact_names.h"

namespace qbo_sync::engine {
namespace {

namespace json = boost::json;
using testing::ConnectedSandbox;

events::Contact contact(const std::string& id, const std::string& first, const std::string& last,
                        const std::string& email) {
  events::Contact c;
  c.crm_contact_id = id;
  c.first_name = first;
  c.last_name = last;
  c.email = email;
  return c;
}

json::object customer_by_id(ConnectedSandbox& sandbox, const std::string& id) {
  for (const auto& customer : sandbox.ledger_objects("Customer")) {
    if (customer.at("Id") == id.c_str()) return customer.as_object();
  }
  ADD_FAILURE() << "no customer " << id;
  return {};
}

int customers_with_email(ConnectedSandbox& sandbox, const std::string& email) {
  int count = 0;
  for (const auto& customer : sandbox.ledger_objects("Customer")) {
    const auto* address = customer.as_object().if_contains("PrimaryEmailAddr");
    if (address && mapping::normalise_email(address->at("Address").as_string()) == email) ++count;
  }
  return count;
}

class CustomerResolverTest : public ::testing::Test {
 protected:
  void SetUp() override { sandbox_.connect(); }

  // A QBO customer named `name` with `email`; returns it as seeded.
  boost::json::object seed_customer(const std::string& name, const std::string& email) {
    return sandbox_.seed("Customer",
                         {{"DisplayName", name}, {"PrimaryEmailAddr", {{"Address", email}}}});
  }

  // The same, made inactive.
  boost::json::object seed_inactive_customer(const std::string& name, const std::string& email) {
    const auto existing = seed_customer(name, email);
    auto deactivated = sandbox_.api().sparse_update(
        sandbox_.connection(), "Customer",
        {{"Id", existing.at("Id")}, {"SyncToken", existing.at("SyncToken")}, {"Active", false}},
        "deactivate-" + email);
    EXPECT_TRUE(deactivated) << deactivated.fault().summary();
    return existing;
  }

  // The customer the resolver finds or makes for `crm_contact`, over the sandbox's connection.
  qbo::Outcome<std::string> resolve(const events::Contact& crm_contact) {
    return resolver_.resolve(sandbox_.connection(), crm_contact);
  }

  void expect_active(const boost::json::value& id) {
    for (const auto& customer : sandbox_.ledger_objects("Customer")) {
      if (customer.at("Id") == id) {
        EXPECT_EQ(customer.at("Active"), true);
      }
    }
  }

  ConnectedSandbox sandbox_;
  clock::ManualClock plugin_clock_;
  CustomerResolver resolver_{sandbox_.store(), sandbox_.api(),
                             [this] { return plugin_clock_.now_ms(); }};
};

TEST_F(CustomerResolverTest, FindsAnExistingCustomerByEmailWhateverItsCase) {
  const auto existing = seed_customer("Ann Lee", "ann@lee.test");
  auto found = resolve(contact("ct-1", "Ann", "Lee", "  ANN@Lee.Test "));
  ASSERT_TRUE(found) << found.fault().summary();
  EXPECT_EQ(found.value(), existing.at("Id").as_string());
  // A second contact record with the same address: the same customer, from the link table.
  auto again = resolve(contact("ct-2", "Ann", "Lee", "ann@lee.test"));
  ASSERT_TRUE(again);
  EXPECT_EQ(again.value(), found.value());
  EXPECT_EQ(customers_with_email(sandbox_, "ann@lee.test"), 1);
  const auto link = sandbox_.store().link(testing::kAccount, "contact", "id:ct-1");
  ASSERT_TRUE(link);
  EXPECT_EQ(link->qbo_id, found.value());
}

TEST_F(CustomerResolverTest, ReactivatesAnInactiveCustomerInsteadOfDuplicatingIt) {
  const auto existing = seed_inactive_customer("Old Timer", "old@t.test");

  auto found = resolve(contact("ct-9", "Old", "Timer", "old@t.test"));
  ASSERT_TRUE(found) << found.fault().summary();
  EXPECT_EQ(found.value(), existing.at("Id").as_string());
  expect_active(existing.at("Id"));
}

TEST_F(CustomerResolverTest, AnInactiveCustomerLinkedFromQuickBooksIsReactivatedOnFirstUse) {
  const auto existing = seed_inactive_customer("Gone Quiet", "quiet@g.test");
  // What the customer list from QuickBooks leaves behind: a link the CRM side never checked.
  const std::string id(existing.at("Id").as_string());
  sandbox_.store().put_link(
      {testing::kAccount, "contact", "quiet@g.test", "Customer", id, "1", "quickbooks"});

  auto found = resolve(contact("ct-q", "Gone", "Quiet", "quiet@g.test"));
  ASSERT_TRUE(found) << found.fault().summary();
  EXPECT_EQ(found.value(), id);
  expect_active(existing.at("Id"));
  EXPECT_EQ(customers_with_email(sandbox_, "quiet@g.test"), 1);
  // The link now names the contact, and is this side's.
  const auto link = sandbox_.store().link(testing::kAccount, "contact", "id:ct-q");
  ASSERT_TRUE(link);
  EXPECT_EQ(link->qbo_id, id);
  EXPECT_EQ(link->origin, "crm");
  EXPECT_FALSE(sandbox_.store().link(testing::kAccount, "contact", "quiet@g.test"));
}

TEST_F(CustomerResolverTest, ANameTakenByAVendorGetsANumberAndColonsAreRemoved) {
  sandbox_.seed("Vendor", {{"DisplayName", "Acme Supplies"}});
  auto created = resolve(contact("ct-3", "Acme", "Supplies", "buyer@acme.test"));
  ASSERT_TRUE(created) << created.fault().summary();
  auto colon = resolve(contact("ct-4", "Zoë: O'Brien", "", "zoe@obrien.test"));
  ASSERT_TRUE(colon) << colon.fault().summary();
  std::map<std::string, std::string> names;
  for (const auto& customer : sandbox_.ledger_objects("Customer")) {
    names[std::string(customer.at("Id").as_string())] = customer.at("DisplayName").as_string();
  }
  EXPECT_EQ(names[created.value()], "Acme Supplies (2)");
  EXPECT_EQ(names[colon.value()], "Zoë O'Brien");
}

TEST_F(CustomerResolverTest, TwoContactsWithTheSameNameAreTwoCustomers) {
  auto first = resolve(contact("a", "Sam", "Roy", "sam1@roy.test"));
  auto second = resolve(contact("b", "Sam", "Roy", "sam2@roy.test"));
  ASSERT_TRUE(first);
  ASSERT_TRUE(second) << second.fault().summary();
  EXPECT_NE(first.value(), second.value());
}

TEST_F(CustomerResolverTest, ALinkedCustomerGetsTheCrmsNewerDetailsOnceWithoutLosingOthers) {
  events::Contact first = contact("ct-9", "Rosa", "Diaz", "rosa@diaz.test");
  auto created = resolve(first);
  ASSERT_TRUE(created) << created.fault().summary();
  // The accountant adds a mobile note in QBO that the CRM never knew.
  auto read = sandbox_.api().read(sandbox_.connection(), "Customer", created.value());
  ASSERT_TRUE(read);
  const json::object before = read.value().entity.as_object();
  auto noted = sandbox_.api().sparse_update(
      sandbox_.connection(), "Customer",
      {{"Id", before.at("Id")}, {"SyncToken", before.at("SyncToken")}, {"Notes", "VIP"}},
      "accountant-note");
  ASSERT_TRUE(noted);

  events::Contact moved = first;
  moved.phone = "+1 416 555 0199";
  moved.last_name = "Diaz-Ortega";
  ASSERT_TRUE(resolve(moved));
  auto after = sandbox_.api().read(sandbox_.connection(), "Customer", created.value());
  ASSERT_TRUE(after);
  const json::object& customer = after.value().entity.as_object();
  EXPECT_EQ(customer.at("FamilyName").as_string(), "Diaz-Ortega");
  EXPECT_EQ(customer.at("PrimaryPhone").at("FreeFormNumber").as_string(), "+1 416 555 0199");
  EXPECT_EQ(customer.at("GivenName").as_string(), "Rosa");
  EXPECT_EQ(customer.at("Notes").as_string(), "VIP");

  // The same details again change nothing in QBO.
  const std::string token = std::string(customer.at("SyncToken").as_string());
  ASSERT_TRUE(resolve(moved));
  auto unchanged = sandbox_.api().read(sandbox_.connection(), "Customer", created.value());
  ASSERT_TRUE(unchanged);
  EXPECT_EQ(unchanged.value().entity.as_object().at("SyncToken").as_string(), token);
}

TEST_F(CustomerResolverTest, ALinkedContactsNewEmailUpdatesItsCustomerInsteadOfCreatingAnother) {
  auto rosa = contact("ct-r", "Rosa", "Pike", "rosa@old.test");
  auto created = resolve(rosa);
  ASSERT_TRUE(created) << created.fault().summary();
  const std::size_t customers = sandbox_.ledger_objects("Customer").size();

  rosa.email = "rosa.pike@new.test";
  rosa.company_name = "Pike Tiles";
  rosa.phone = "+1 613 555 0101";
  rosa.billing_address = events::Address{"5 Elm St", "", "", "Ottawa", "ON", "K1P 1A1", "CA"};
  auto again = resolve(rosa);
  ASSERT_TRUE(again) << again.fault().summary();
  EXPECT_EQ(again.value(), created.value());
  EXPECT_EQ(sandbox_.ledger_objects("Customer").size(), customers);
  const auto customer = customer_by_id(sandbox_, created.value());
  EXPECT_EQ(customer.at("PrimaryEmailAddr").at("Address").as_string(), "rosa.pike@new.test");
  EXPECT_EQ(customer.at("CompanyName").as_string(), "Pike Tiles");
  EXPECT_EQ(customer.at("PrimaryPhone").at("FreeFormNumber").as_string(), "+1 613 555 0101");
  EXPECT_EQ(customer.at("BillAddr").at("City").as_string(), "Ottawa");
}

TEST_F(CustomerResolverTest, ARenamedContactRenamesItsCustomer) {
  auto ivy = contact("ct-i", "Ivy", "Stone", "ivy@stone.test");
  auto created = resolve(ivy);
  ASSERT_TRUE(created) << created.fault().summary();
  ivy.last_name = "Marsh";
  ASSERT_TRUE(resolve(ivy));
  const auto customer = customer_by_id(sandbox_, created.value());
  EXPECT_EQ(customer.at("DisplayName").as_string(), "Ivy Marsh");
  EXPECT_EQ(customer.at("FamilyName").as_string(), "Marsh");
}

TEST_F(CustomerResolverTest, FindsACustomerWhoseEmailDiffersInNonAsciiCase) {
  const auto existing = seed_customer("José Été", "josé.été@café.test");
  const std::size_t customers = sandbox_.ledger_objects("Customer").size();
  auto found = resolve(contact("ct-j", "José", "Été", "JOSÉ.ÉTÉ@CAFÉ.TEST"));
  ASSERT_TRUE(found) << found.fault().summary();
  EXPECT_EQ(found.value(), existing.at("Id").as_string());

  // Another contact record with the address in yet another case: still that customer.
  auto again = resolve(contact("ct-j2", "José", "Été", "José.Été@Café.Test"));
  ASSERT_TRUE(again) << again.fault().summary();
  EXPECT_EQ(again.value(), existing.at("Id").as_string());
  EXPECT_EQ(sandbox_.ledger_objects("Customer").size(), customers);
}

TEST_F(CustomerResolverTest, AnExactNameWithoutEmailIsLinkedAndGetsTheEmail) {
  const auto existing = sandbox_.seed("Customer", {{"DisplayName", "Nina Park"}});
  auto found = resolve(contact("ct-n", "Nina", "Park", "nina@park.test"));
  ASSERT_TRUE(found) << found.fault().summary();
  EXPECT_EQ(found.value(), existing.at("Id").as_string());
  const auto customer = customer_by_id(sandbox_, found.value());
  EXPECT_EQ(customer.at("PrimaryEmailAddr").at("Address").as_string(), "nina@park.test");
}

TEST_F(CustomerResolverTest, AnExactNameWithAnotherEmailIsANewCustomer) {
  const auto existing = seed_customer("Omar Haddad", "omar@old.test");
  auto resolved = resolve(contact("ct-o", "Omar", "Haddad", "omar@new.test"));
  ASSERT_TRUE(resolved) << resolved.fault().summary();
  EXPECT_NE(resolved.value(), existing.at("Id").as_string());
  EXPECT_EQ(customer_by_id(sandbox_, resolved.value()).at("DisplayName").as_string(),
            "Omar Haddad (2)");
  EXPECT_EQ(customer_by_id(sandbox_, existing.at("Id").as_string().c_str())
                .at("PrimaryEmailAddr")
                .at("Address")
                .as_string(),
            "omar@old.test");
}

TEST_F(CustomerResolverTest, ALinkKeyedByEmailMovesToTheContactAndSurvivesANewEmail) {
  const auto existing = seed_customer("Pat Reyes", "pat@r.test");
  const std::string id(existing.at("Id").as_string());
  // How an older version linked the contact: by its e-mail.
  sandbox_.store().put_link(
      {testing::kAccount, "contact", "pat@r.test", "Customer", id, "0", "crm"});
  auto pat = contact("ct-p", "Pat", "Reyes", "Pat@R.test");
  auto found = resolve(pat);
  ASSERT_TRUE(found) << found.fault().summary();
  EXPECT_EQ(found.value(), id);
  pat.email = "pat@elsewhere.test";
  auto moved = resolve(pat);
  ASSERT_TRUE(moved) << moved.fault().summary();
  EXPECT_EQ(moved.value(), id);
  EXPECT_EQ(customer_by_id(sandbox_, id).at("PrimaryEmailAddr").at("Address").as_string(),
            "pat@elsewhere.test");
}

TEST_F(CustomerResolverTest, TheSameNewContactResolvedAtOnceIsCreatedOnce) {
  const auto lee = contact("ct-l", "Lee", "Chan", "lee@chan.test");
  std::vector<std::string> ids(4);
  std::vector<std::thread> threads;
  for (auto& id : ids) {
    threads.emplace_back([&] {
      auto resolved = resolve(lee);
      if (resolved) id = resolved.value();
    });
  }
  for (auto& thread : threads) thread.join();
  for (const auto& id : ids) EXPECT_EQ(id, ids.front());
  EXPECT_EQ(customers_with_email(sandbox_, "lee@chan.test"), 1);
}

TEST_F(CustomerResolverTest, TwoContactsSharingAnEmailShareOneCustomerThatKeepsTheFirstsDetails) {
  auto first = resolve(contact("ct-s1", "Sam", "Ortiz", "family@ortiz.test"));
  ASSERT_TRUE(first) << first.fault().summary();
  auto second = resolve(contact("ct-s2", "Sofia", "Ortiz", "FAMILY@ortiz.test"));
  ASSERT_TRUE(second) << second.fault().summary();
  EXPECT_EQ(second.value(), first.value());
  EXPECT_EQ(customer_by_id(sandbox_, first.value()).at("GivenName").as_string(), "Sam");
  EXPECT_EQ(customers_with_email(sandbox_, "family@ortiz.test"), 1);
}

}  // namespace
}  // namespace qbo_sync::engine
