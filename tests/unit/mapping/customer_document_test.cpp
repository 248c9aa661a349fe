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
          "PrimaryPhone":{"FreeFormNumber":"+1 416-555-0100"},
          "BillAddr":{"Line1":"9 Other St"}})")
          .as_object();
  EXPECT_TRUE(customer_update(contact(), existing).empty());
}

}  // namespace
}  // namespace qbo_sync::mapping
