#include "engine/customer_resolver.h"

#include <gtest/gtest.h>

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
  ConnectedSandbox sandbox_;
  CustomerResolver resolver_{sandbox_.store(), sandbox_.api()};
};

TEST_F(CustomerResolverTest, FindsAnExistingCustomerByEmailWhateverItsCase) {
  const auto existing = sandbox_.seed(
      "Customer",
      {{"DisplayName", "Ann Lee"}, {"PrimaryEmailAddr", {{"Address", "ann@lee.test"}}}});
  auto found =
      resolver_.resolve(sandbox_.connection(), contact("ct-1", "Ann", "Lee", "  ANN@Lee.Test "));
  ASSERT_TRUE(found) << found.fault().summary();
  EXPECT_EQ(found.value(), existing.at("Id").as_string());
  // A second contact record with the same address: the same customer, from the link table.
  auto again =
      resolver_.resolve(sandbox_.connection(), contact("ct-2", "Ann", "Lee", "ann@lee.test"));
  ASSERT_TRUE(again);
  EXPECT_EQ(again.value(), found.value());
  EXPECT_EQ(customers_with_email(sandbox_, "ann@lee.test"), 1);
  EXPECT_EQ(sandbox_.store().link(testing::kAccount, "contact", "ann@lee.test")->qbo_id,
            found.value());
}

TEST_F(CustomerResolverTest, ReactivatesAnInactiveCustomerInsteadOfDuplicatingIt) {
  const auto existing = sandbox_.seed(
      "Customer",
      {{"DisplayName", "Old Timer"}, {"PrimaryEmailAddr", {{"Address", "old@t.test"}}}});
  auto deactivated = sandbox_.api().sparse_update(
      sandbox_.connection(), "Customer",
      {{"Id", existing.at("Id")}, {"SyncToken", existing.at("SyncToken")}, {"Active", false}},
      "deactivate-old");
  ASSERT_TRUE(deactivated) << deactivated.fault().summary();

  auto found =
      resolver_.resolve(sandbox_.connection(), contact("ct-9", "Old", "Timer", "old@t.test"));
  ASSERT_TRUE(found) << found.fault().summary();
  EXPECT_EQ(found.value(), existing.at("Id").as_string());
  for (const auto& customer : sandbox_.ledger_objects("Customer")) {
    if (customer.at("Id") == existing.at("Id")) {
      EXPECT_EQ(customer.at("Active"), true);
    }
  }
}

TEST_F(CustomerResolverTest, AnInactiveCustomerLinkedFromQuickBooksIsReactivatedOnFirstUse) {
  const auto existing = sandbox_.seed(
      "Customer",
      {{"DisplayName", "Gone Quiet"}, {"PrimaryEmailAddr", {{"Address", "quiet@g.test"}}}});
  auto deactivated = sandbox_.api().sparse_update(
      sandbox_.connection(), "Customer",
      {{"Id", existing.at("Id")}, {"SyncToken", existing.at("SyncToken")}, {"Active", false}},
      "deactivate-quiet");
  ASSERT_TRUE(deactivated) << deactivated.fault().summary();
  // What the customer list from QuickBooks leaves behind: a link the CRM side never checked.
  const std::string id(existing.at("Id").as_string());
  sandbox_.store().put_link(
      {testing::kAccount, "contact", "quiet@g.test", "Customer", id, "1", "quickbooks"});

  auto found =
      resolver_.resolve(sandbox_.connection(), contact("ct-q", "Gone", "Quiet", "quiet@g.test"));
  ASSERT_TRUE(found) << found.fault().summary();
  EXPECT_EQ(found.value(), id);
  for (const auto& customer : sandbox_.ledger_objects("Customer")) {
    if (customer.at("Id") == existing.at("Id")) {
      EXPECT_EQ(customer.at("Active"), true);
    }
  }
  EXPECT_EQ(customers_with_email(sandbox_, "quiet@g.test"), 1);
  EXPECT_EQ(sandbox_.store().link(testing::kAccount, "contact", "quiet@g.test")->origin, "crm");
}

TEST_F(CustomerResolverTest, ANameTakenByAVendorGetsANumberAndColonsAreRemoved) {
  sandbox_.seed("Vendor", {{"DisplayName", "Acme Supplies"}});
  auto created = resolver_.resolve(sandbox_.connection(),
                                   contact("ct-3", "Acme", "Supplies", "buyer@acme.test"));
  ASSERT_TRUE(created) << created.fault().summary();
  auto colon = resolver_.resolve(sandbox_.connection(),
                                 contact("ct-4", "Zoë: O'Brien", "", "zoe@obrien.test"));
  ASSERT_TRUE(colon) << colon.fault().summary();
  std::map<std::string, std::string> names;
  for (const auto& customer : sandbox_.ledger_objects("Customer")) {
    names[std::string(customer.at("Id").as_string())] = customer.at("DisplayName").as_string();
  }
  EXPECT_EQ(names[created.value()], "Acme Supplies (2)");
  EXPECT_EQ(names[colon.value()], "Zoë O'Brien");
}

TEST_F(CustomerResolverTest, TwoContactsWithTheSameNameAreTwoCustomers) {
  auto first =
      resolver_.resolve(sandbox_.connection(), contact("a", "Sam", "Roy", "sam1@roy.test"));
  auto second =
      resolver_.resolve(sandbox_.connection(), contact("b", "Sam", "Roy", "sam2@roy.test"));
  ASSERT_TRUE(first);
  ASSERT_TRUE(second) << second.fault().summary();
  EXPECT_NE(first.value(), second.value());
}

TEST_F(CustomerResolverTest, ALinkedCustomerGetsTheCrmsNewerDetailsOnceWithoutLosingOthers) {
  events::Contact first = contact("ct-9", "Rosa", "Diaz", "rosa@diaz.test");
  auto created = resolver_.resolve(sandbox_.connection(), first);
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
  ASSERT_TRUE(resolver_.resolve(sandbox_.connection(), moved));
  auto after = sandbox_.api().read(sandbox_.connection(), "Customer", created.value());
  ASSERT_TRUE(after);
  const json::object& customer = after.value().entity.as_object();
  EXPECT_EQ(customer.at("FamilyName").as_string(), "Diaz-Ortega");
  EXPECT_EQ(customer.at("PrimaryPhone").at("FreeFormNumber").as_string(), "+1 416 555 0199");
  EXPECT_EQ(customer.at("GivenName").as_string(), "Rosa");
  EXPECT_EQ(customer.at("Notes").as_string(), "VIP");

  // The same details again change nothing in QBO.
  const std::string token = std::string(customer.at("SyncToken").as_string());
  ASSERT_TRUE(resolver_.resolve(sandbox_.connection(), moved));
  auto unchanged = sandbox_.api().read(sandbox_.connection(), "Customer", created.value());
  ASSERT_TRUE(unchanged);
  EXPECT_EQ(unchanged.value().entity.as_object().at("SyncToken").as_string(), token);
}

}  // namespace
}  // namespace qbo_sync::engine
