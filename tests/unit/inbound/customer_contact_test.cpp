#include "inbound/customer_contact.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "host_schemas.h"

namespace qbo_sync::inbound {
namespace {

namespace json = boost::json;

json::object customer(std::string_view text) {
  return json::parse(text).as_object();
}

TEST(CustomerContact, CarriesEveryFieldTheCrmKeeps) {
  const auto request = contact_request("acct-1", customer(R"({
      "Id": "58", "SyncToken": "3", "DisplayName": "Ann Lee", "GivenName": "Ann",
      "FamilyName": "Lee", "CompanyName": "Lee Bakery",
      "PrimaryEmailAddr": {"Address": "ann@example.com"},
      "PrimaryPhone": {"FreeFormNumber": "(416) 555-0100"},
      "BillAddr": {"Line1": "1 King St W", "City": "Toronto", "CountrySubDivisionCode": "ON",
                   "PostalCode": "M5H 1A1", "Country": "Canada"},
      "Active": true, "MetaData": {"LastUpdatedTime": "2026-03-14T10:09:26-07:00"}})"),
                                       "", "CA");
  const json::object expected = customer(R"({
      "account_id": "acct-1", "qbo_customer_id": "58", "display_name": "Ann Lee",
      "first_name": "Ann", "last_name": "Lee", "company_name": "Lee Bakery",
      "email": "ann@example.com", "phone": "(416) 555-0100",
      "billing_address": {"line1": "1 King St W", "city": "Toronto", "region": "ON",
                          "postal_code": "M5H 1A1", "country": "CA"},
      "active": true, "qbo_updated_at": "2026-03-14T10:09:26-07:00"})");
  for (const auto& [key, value] : expected) {
    EXPECT_EQ(request.at(key), value) << key;
  }
  EXPECT_FALSE(request.contains("crm_contact_id"));
  EXPECT_FALSE(testing::host_schemas().check("host/upsert_contact.v1", request))
      << json::serialize(request);
}

TEST(CustomerContact, AnInactiveCustomerIsMarkedAndLosesQbosDeletedSuffix) {
  const auto request = contact_request(
      "acct-1", customer(R"j({"Id":"7","DisplayName":"Bob Roe (deleted)","Active":false})j"),
      "crm-9", "US");
  EXPECT_EQ(request.at("active"), false);
  EXPECT_EQ(request.at("display_name"), "Bob Roe");
  EXPECT_EQ(request.at("crm_contact_id"), "crm-9");
  EXPECT_FALSE(testing::host_schemas().check("host/upsert_contact.v1", request));
}

TEST(CustomerContact, UnusableValuesAreLeftOutRatherThanRefusedByTheHost) {
  const std::string long_name(150, 'x');
  const auto request = contact_request("acct-1",
                                       customer(R"({
      "Id": "8", "DisplayName": "", "GivenName": ")" +
                                                long_name + R"(",
      "PrimaryEmailAddr": {"Address": "not-an-email"},
      "PrimaryPhone": {"FreeFormNumber": "+1 555 0100 ext 12345678901234567890"},
      "BillAddr": {"Line1": "Somewhere", "Country": "Atlantis"}})"),
                                       "", "CA");
  EXPECT_EQ(request.at("display_name"), "QuickBooks customer 8");
  EXPECT_EQ(request.at("first_name").as_string().size(), 100u);
  EXPECT_FALSE(request.contains("email"));
  EXPECT_LE(request.at("phone").as_string().size(), 30u);
  EXPECT_FALSE(request.contains("billing_address"));  // no country the CRM would accept
  EXPECT_EQ(request.at("active"), true);
  EXPECT_FALSE(testing::host_schemas().check("host/upsert_contact.v1", request))
      << json::serialize(request);
}

TEST(CustomerContact, AnAddressWithoutCountryTakesTheCompanys) {
  const auto request = contact_request(
      "acct-1", customer(R"({"Id":"9","DisplayName":"C","BillAddr":{"City":"Boston"}})"), "", "US");
  EXPECT_EQ(request.at("billing_address").at("country"), "US");
  EXPECT_EQ(country_code("usa", ""), "US");
  EXPECT_EQ(country_code("ca", ""), "CA");
  EXPECT_EQ(country_code("", ""), "");
}

TEST(CustomerContact, ARemovedCustomerStaysInTheCrmAsInactive) {
  const auto request = removed_contact_request("acct-1", "12", "Old Name", "crm-3");
  EXPECT_EQ(request.at("active"), false);
  EXPECT_EQ(request.at("display_name"), "Old Name");
  EXPECT_EQ(request.at("crm_contact_id"), "crm-3");
  EXPECT_FALSE(testing::host_schemas().check("host/upsert_contact.v1", request));
  EXPECT_EQ(removed_contact_request("acct-1", "12", "", "").at("display_name"),
            "QuickBooks customer 12");
}

}  // namespace
}  // namespace qbo_sync::inbound
