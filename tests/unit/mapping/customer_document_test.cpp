#include "mapping/customer_document.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace qbo_sync::mapping {
namespace {

events::Contact contact() {
  events::Contact c;
  c.crm_contact_id = "ct-1";
  c.first_name = "Ann";
  c.last_name = "O'Lee";
  c.email = "Ann@Example.com";
  c.phone = "+1 416-555-0100";
  c.billing_address = events::Address{"1 King St", "", "", "Toronto", "ON", "M5H 1J9", "CA"};
  return c;
}

TEST(NewCustomer, HoldsOnlyWhatTheContactHas) {
  events::Contact bare;
  bare.email = "x@example.com";
  const auto body = new_customer(bare, "x@example.com");
  EXPECT_EQ(body.at("DisplayName").as_string(), "x@example.com");
  EXPECT_EQ(body.at("PrimaryEmailAddr").at("Address").as_string(), "x@example.com");
  EXPECT_EQ(body.if_contains("GivenName"), nullptr);
  EXPECT_EQ(body.if_contains("BillAddr"), nullptr);

  const auto full = new_customer(contact(), "Ann O'Lee");
  EXPECT_EQ(full.at("FamilyName").as_string(), "O'Lee");
  EXPECT_EQ(full.at("BillAddr").at("CountrySubDivisionCode").as_string(), "ON");
  EXPECT_FALSE(full.at("BillAddr").as_object().contains("Line2"));
}

TEST(CustomerUpdate, ReactivatesAnInactiveCustomerAndFillsWhatQboLacks) {
  const auto existing =
      boost::json::parse(
          R"({"Id":"58","SyncToken":"3","Active":false,"GivenName":"Ann","FamilyName":"O'Lee",
          "DisplayName":"Ann O'Lee"})")
          .as_object();
  const auto update = customer_update(contact(), existing);
  EXPECT_EQ(update.at("Id").as_string(), "58");
  EXPECT_EQ(update.at("SyncToken").as_string(), "3");
  EXPECT_EQ(update.at("Active").as_bool(), true);
  EXPECT_EQ(update.at("PrimaryPhone").at("FreeFormNumber").as_string(), "+1 416-555-0100");
  EXPECT_TRUE(update.contains("BillAddr"));
  EXPECT_FALSE(update.contains("GivenName"));
  EXPECT_FALSE(update.contains("DisplayName"));
}

TEST(CustomerUpdate, NothingWhenQboAlreadyAgreesAndNeverClearsAnAddress) {
  const auto existing =
      boost::json::parse(
          R"({"Id":"58","SyncToken":"3","Active":true,"GivenName":"Ann","FamilyName":"O'Lee",
          "PrimaryEmailAddr":{"Address":"ann@EXAMPLE.com"},
          "PrimaryPhone":{"FreeFormNumber":"+1 416-555-0100"},
          "BillAddr":{"Line1":"9 Other St"}})")
          .as_object();
  EXPECT_TRUE(customer_update(contact(), existing).empty());
}

TEST(CustomerUpdate, GivesACustomerWithoutEmailTheContactsEmailAndCompany) {
  auto ann = contact();
  ann.company_name = "Lee Bakery";
  const auto existing =
      boost::json::parse(R"({"Id":"7","SyncToken":"0","GivenName":"Ann","FamilyName":"O'Lee"})")
          .as_object();
  const auto update = customer_update(ann, existing);
  EXPECT_EQ(update.at("PrimaryEmailAddr").at("Address").as_string(), "Ann@Example.com");
  EXPECT_EQ(update.at("CompanyName").as_string(), "Lee Bakery");
}

TEST(CustomerUpdate, AnEmailDifferingOnlyInUnicodeCaseIsNoChange) {
  auto jose = contact();
  jose.email = "JOSÉ@CAFÉ.TEST";
  const auto existing = boost::json::parse(
                            R"({"Id":"7","SyncToken":"0","GivenName":"Ann","FamilyName":"O'Lee",
          "PrimaryEmailAddr":{"Address":"josé@café.test"},
          "PrimaryPhone":{"FreeFormNumber":"+1 416-555-0100"},"BillAddr":{"Line1":"1 King St"}})")
                            .as_object();
  EXPECT_TRUE(customer_update(jose, existing).empty());
}

// A customer as the CRM last gave it, then edited by a bookkeeper (phone) in QBO.
boost::json::object linked_customer() {
  return boost::json::parse(
             R"json({"Id":"7","SyncToken":"4","DisplayName":"Ann O'Lee (2)","GivenName":"Ann",
             "FamilyName":"O'Lee","PrimaryEmailAddr":{"Address":"Ann@Example.com"},
             "PrimaryPhone":{"FreeFormNumber":"+1 905 555 0000"},"Notes":"VIP",
             "BillAddr":{"Id":"3","Line1":"1 King St","Line2":"Suite 4","City":"Toronto",
             "CountrySubDivisionCode":"ON","PostalCode":"M5H 1J9","Country":"CA"}})json")
      .as_object();
}

TEST(CustomerUpdate, ALinkedCustomerGetsOnlyWhatTheCrmChanged) {
  const auto before = contact();
  auto after = contact();
  after.email = "ann.lee@newmail.test";
  after.last_name = "Lee";
  after.company_name = "Lee Bakery";
  after.billing_address = events::Address{"200 Bay St", "", "", "Toronto", "ON", "M5J 2J1", "CA"};
  const auto update = customer_update(after, linked_customer(), &before);
  EXPECT_EQ(update.at("PrimaryEmailAddr").at("Address").as_string(), "ann.lee@newmail.test");
  EXPECT_EQ(update.at("FamilyName").as_string(), "Lee");
  EXPECT_EQ(update.at("CompanyName").as_string(), "Lee Bakery");
  EXPECT_EQ(update.at("DisplayName").as_string(), "Ann Lee");
  // The new address is written over QBO's: parts the CRM lacks (Line2) and QBO's Id stay.
  const auto& address = update.at("BillAddr").as_object();
  EXPECT_EQ(address.at("Line1").as_string(), "200 Bay St");
  EXPECT_EQ(address.at("PostalCode").as_string(), "M5J 2J1");
  EXPECT_EQ(address.at("Line2").as_string(), "Suite 4");
  EXPECT_EQ(address.at("Id").as_string(), "3");
  // The phone the CRM did not change keeps the bookkeeper's edit; nothing else is sent.
  EXPECT_FALSE(update.contains("PrimaryPhone"));
  EXPECT_FALSE(update.contains("GivenName"));
  EXPECT_FALSE(update.contains("Notes"));
  EXPECT_EQ(update.at("SyncToken").as_string(), "4");
}

TEST(CustomerUpdate, AnUnchangedContactChangesNothingOfALinkedCustomer) {
  const auto same = contact();
  EXPECT_TRUE(customer_update(same, linked_customer(), &same).empty());
}

TEST(ContactDetails, RoundTripThroughTheirText) {
  auto ann = contact();
  ann.company_name = "Lee Bakery";
  const auto back = parse_contact_details(contact_details_text(ann));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->crm_contact_id, "ct-1");
  EXPECT_EQ(back->email, ann.email);
  EXPECT_EQ(back->company_name, "Lee Bakery");
  ASSERT_TRUE(back->billing_address);
  EXPECT_EQ(back->billing_address->postal_code, "M5H 1J9");
  EXPECT_FALSE(parse_contact_details(std::string("Ann\x1fLee\x1f")));
  EXPECT_FALSE(parse_contact_details(std::nullopt));
}

TEST(CustomerDiffersFrom, NotForWhatTheCrmSentPlusWhatOnlyQboHolds) {
  const auto sent = contact();
  auto customer = new_customer(sent, "Ann O'Lee (2)");
  customer["Id"] = "7";
  customer["SyncToken"] = "1";
  customer["Notes"] = "VIP";
  customer["PrimaryEmailAddr"] = {{"Address", "ann@example.com"}};
  EXPECT_FALSE(customer_differs_from(customer, sent));

  auto edited = customer;
  edited["PrimaryPhone"] = {{"FreeFormNumber", "+1 905 555 0000"}};
  EXPECT_TRUE(customer_differs_from(edited, sent));
  auto moved = customer;
  moved["BillAddr"].as_object()["City"] = "Ottawa";
  EXPECT_TRUE(customer_differs_from(moved, sent));
  auto inactive = customer;
  inactive["Active"] = false;
  EXPECT_TRUE(customer_differs_from(inactive, sent));
}

TEST(CustomerChangedSince, OnlyWhenQboChangedAContactFieldAfterThisSidesWrite) {
  auto customer = linked_customer();
  const auto written = contact_of_customer(customer);
  EXPECT_FALSE(customer_changed_since(customer, written));
  customer["Notes"] = "called twice";  // not a contact field
  customer["SyncToken"] = "5";
  EXPECT_FALSE(customer_changed_since(customer, written));
  customer["PrimaryEmailAddr"] = {{"Address", "ANN@EXAMPLE.COM"}};  // only its case
  EXPECT_FALSE(customer_changed_since(customer, written));

  auto cleared = customer;
  cleared.erase("PrimaryPhone");
  EXPECT_TRUE(customer_changed_since(cleared, written));
  auto renamed = customer;
  renamed["FamilyName"] = "Lee";
  EXPECT_TRUE(customer_changed_since(renamed, written));
  auto inactive = customer;
  inactive["Active"] = false;
  EXPECT_TRUE(customer_changed_since(inactive, written));
}

}  // namespace
}  // namespace qbo_sync::mapping
