#include "inbound/customer_contact.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "events/schema_set.h"

namespace qbo_sync::inbound {
namespace {

namespace json = boost::json;

const events::detail::SchemaSet& schemas() {
  static const events::detail::SchemaSet set;
  return set;
}

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
  EXPECT_EQ(request.at("account_id"), "acct-1");
  EXPECT_EQ(request.at("qbo_customer_id"), "58");
  EXPECT_FALSE(request.contains("crm_contact_id"));
  EXPECT_EQ(request.at("display_name"), "Ann Lee");
  EXPECT_EQ(request.at("first_name"), "Ann");
  EXPECT_EQ(request.at("last_name"), "Lee");
  EXPECT_EQ(request.at("company_name"), "Lee Bakery");
  EXPECT_EQ(request.at("email"), "ann@example.com");
  EXPECT_EQ(request.at("phone"), "(416) 555-0100");
  const auto& address = request.at("billing_address").as_object();
  EXPECT_EQ(address.at("line1"), "1 King St W");
  EXPECT_EQ(address.at("city"), "Toronto");
  EXPECT_EQ(address.at("region"), "ON");
  EXPECT_EQ(address.at("postal_code"), "M5H 1A1");
  EXPECT_EQ(address.at("country"), "CA");
  EXPECT_EQ(request.at("active"), true);
  EXPECT_EQ(request.at("qbo_updated_at"), "2026-03-14T10:09:26-07:00");
  EXPECT_FALSE(schemas().check("host/upsert_contact.v1", request)) << json::serialize(request);
}

TEST(CustomerContact, AnInactiveCustomerIsMarkedAndLosesQbosDeletedSuffix) {
  const auto request = contact_request(
      "acct-1", customer(R"j({"Id":"7","DisplayName":"Bob Roe (deleted)","Active":false})j"),
      "crm-9", "US");
  EXPECT_EQ(request.at("active"), false);
  EXPECT_EQ(request.at("display_name"), "Bob Roe");
  EXPECT_EQ(request.at("crm_contact_id"), "crm-9");
  EXPECT_FALSE(schemas().check("host/upsert_contact.v1", request));
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
  EXPECT_FALSE(schemas().check("host/upsert_contact.v1", request)) << json::serialize(request);
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
  EXPECT_FALSE(schemas().check("host/upsert_contact.v1", request));
  EXPECT_EQ(removed_contact_request("acct-1", "12", "", "").at("display_name"),
            "QuickBooks customer 12");
}

}  // namespace
}  // namespace qbo_sync::inbound
