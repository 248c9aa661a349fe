#include "qbo_client/change_feed.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <boost/json.hpp>
#include <filesystem>
#include <string>

namespace qbo_sync::qbo {
namespace {

namespace json = boost::json;

json::value recorded_body(const std::string& cassette) {
  const auto path = std::filesystem::path(QBO_RECORDED_DIR) / cassette;
  const YAML::Node recorded = YAML::LoadFile(path.string());
  return json::parse(
      recorded["http_interactions"][0]["response"]["body"]["string"].as<std::string>());
}

// Two groups as QBO sends them: customers (one deleted) and invoices in one, payments in another.
constexpr const char* kSeveralEntities = R"({
  "CDCResponse": [
    {"QueryResponse": [
      {"Customer": [
         {"Id": "58", "SyncToken": "3", "DisplayName": "Amélie Côté",
          "PrimaryEmailAddr": {"Address": "amelie@example.ca"},
          "MetaData": {"LastUpdatedTime": "2026-03-14T08:00:00-07:00"}},
         {"domain": "QBO", "status": "Deleted", "Id": "59",
          "MetaData": {"LastUpdatedTime": "2026-03-14T08:05:00-07:00"}}],
       "startPosition": 1, "maxResults": 2},
      {"Invoice": [
         {"Id": "130", "SyncToken": "1", "DocNumber": "1037", "Balance": 0, "TotalAmt": "113.00",
          "CustomerRef": {"value": "58", "name": "Amélie Côté"},
          "MetaData": {"LastUpdatedTime": "2026-03-14T08:10:00-07:00"}}],
       "startPosition": 1, "maxResults": 1, "totalCount": 1}]},
    {"QueryResponse": [
      {"Payment": [
         {"Id": "140", "SyncToken": "0", "TotalAmt": 113.00, "CustomerRef": {"value": "58"},
          "MetaData": {"LastUpdatedTime": "2026-03-14T08:11:00-07:00"}}]}]}],
  "time": "2026-03-14T08:12:30.123-07:00"})";

TEST(ChangeFeedTest, ReadsEveryEntityTypeOfEveryGroupWithQbosTimeOfTheAnswer) {
  const auto feed = read_change_feed(json::parse(kSeveralEntities));
  ASSERT_TRUE(feed) << feed.fault().message;
  EXPECT_EQ(feed.value().time, "2026-03-14T08:12:30.123-07:00");
  EXPECT_EQ(feed.value().size(), 4u);

  const auto& customers = feed.value().of("Customer");
  ASSERT_EQ(customers.size(), 2u);
  EXPECT_EQ(customers[0].entity.id, "58");
  EXPECT_EQ(customers[0].entity.display_name, "Amélie Côté");
  EXPECT_EQ(customers[0].entity.primary_email, "amelie@example.ca");
  EXPECT_EQ(customers[0].last_updated, "2026-03-14T08:00:00-07:00");
  EXPECT_FALSE(customers[0].deleted);

  const auto& invoices = feed.value().of("Invoice");
  ASSERT_EQ(invoices.size(), 1u);
  EXPECT_EQ(invoices[0].entity.doc_number, "1037");
  EXPECT_EQ(invoices[0].entity.customer_ref.value, "58");
  EXPECT_EQ(invoices[0].entity.total_minor(2), 11300);
  ASSERT_TRUE(invoices[0].entity.balance.has_value());
  EXPECT_EQ(invoices[0].entity.balance_minor(2), 0);
  EXPECT_EQ(invoices[0].entity.json.at("DocNumber"), "1037");

  const auto& payments = feed.value().of("Payment");
  ASSERT_EQ(payments.size(), 1u);
  EXPECT_EQ(payments[0].entity.total_minor(2), 11300);
  EXPECT_TRUE(feed.value().of("Estimate").empty());
}

TEST(ChangeFeedTest, MarksADeletedEntityWhichCarriesOnlyItsIdAndMetaData) {
  const auto feed = read_change_feed(json::parse(kSeveralEntities));
  ASSERT_TRUE(feed);
  const ChangedEntity& deleted = feed.value().of("Customer").at(1);
  EXPECT_TRUE(deleted.deleted);
  EXPECT_EQ(deleted.entity.id, "59");
  EXPECT_EQ(deleted.last_updated, "2026-03-14T08:05:00-07:00");
  EXPECT_TRUE(deleted.entity.display_name.empty());
}

TEST(ChangeFeedTest, ReadsARecordedQboAnswer) {
  const auto feed = read_change_feed(recorded_body("cdc/basic.yml"));
  ASSERT_TRUE(feed) << feed.fault().message;
  EXPECT_EQ(feed.value().time, "2020-09-29T08:02:53.512-07:00");
  const auto& estimates = feed.value().of("Estimate");
  ASSERT_EQ(estimates.size(), 4u);
  EXPECT_EQ(estimates.front().entity.id, "48");
  EXPECT_EQ(estimates.front().last_updated, "2015-10-07T11:43:20-07:00");
  EXPECT_EQ(feed.value().size(), 4u);
}

TEST(ChangeFeedTest, AnAnswerWithoutChangesIsAnEmptyFeed) {
  const auto feed = read_change_feed(
      json::parse(R"({"CDCResponse":[{"QueryResponse":[{}]}],"time":"2026-03-14T08:00:00Z"})"));
  ASSERT_TRUE(feed);
  EXPECT_EQ(feed.value().size(), 0u);
  EXPECT_TRUE(feed.value().of("Customer").empty());
}

// Each malformed envelope with the JSON Pointer of its bad part.
TEST(ChangeFeedTest, AMalformedEnvelopeIsAFaultNamingTheBadPartByJsonPointer) {
  const std::pair<const char*, const char*> cases[] = {
      {R"({"time":"2026-03-14T08:00:00Z"})", "/CDCResponse"},
      {R"({"CDCResponse":{"QueryResponse":[]}})", "/CDCResponse"},
      {R"([{"CDCResponse":[]}])", ""},
      {R"({"CDCResponse":[{"QueryResponse":[{}]}, "group"]})", "/CDCResponse/1"},
      {R"({"CDCResponse":[{"QueryResponse":[{}]}, {}]})", "/CDCResponse/1/QueryResponse"},
      {R"({"CDCResponse":[{"QueryResponse":{"Customer":[]}}]})", "/CDCResponse/0/QueryResponse"},
      {R"({"CDCResponse":[{"QueryResponse":[{}, 7]}]})", "/CDCResponse/0/QueryResponse/1"},
      {R"({"CDCResponse":[{"QueryResponse":[{"Customer":{"Id":"1"}}]}]})",
       "/CDCResponse/0/QueryResponse/0/Customer"},
      {R"({"CDCResponse":[{"QueryResponse":[{"Invoice":[{"Id":"1"},"2"]}]}]})",
       "/CDCResponse/0/QueryResponse/0/Invoice/1"},
      {R"({"CDCResponse":[{"QueryResponse":[{"Odd/Name":3}]}]})",
       "/CDCResponse/0/QueryResponse/0/Odd~1Name"},
  };
  for (const auto& [body, pointer] : cases) {
    const auto feed = read_change_feed(json::parse(body));
    ASSERT_FALSE(feed) << body;
    EXPECT_EQ(feed.fault().element, pointer) << body;
    EXPECT_NE(feed.fault().message.find(pointer), std::string::npos) << feed.fault().message;
    EXPECT_EQ(feed.fault().fault_class, FaultClass::unknown) << body;
  }
}

TEST(ChangeFeedTest, CountersBesideTheEntityListsAreNotEntities) {
  const auto feed = read_change_feed(json::parse(
      R"({"CDCResponse":[{"QueryResponse":[{"Customer":[{"Id":"1"}],"startPosition":1,
          "maxResults":1,"totalCount":1}]}]})"));
  ASSERT_TRUE(feed);
  EXPECT_EQ(feed.value().size(), 1u);
  EXPECT_EQ(feed.value().changes.size(), 1u);
  EXPECT_TRUE(feed.value().time.empty());
}

}  // namespace
}  // namespace qbo_sync::qbo
