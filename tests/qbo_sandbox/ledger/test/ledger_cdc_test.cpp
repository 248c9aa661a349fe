// GET cdc: changes since a time, deleted objects, the 30-day window.
#include "ledger/time_format.h"
#include "ledger_fixture.h"

namespace qbo_sandbox::testing {
namespace {

namespace json = boost::json;

TEST_F(LedgerTest, CdcReturnsWhatChangedSinceAndTheDeleted) {
  create_customer("Before");
  clock.advance(std::chrono::hours(1));
  const auto since = format_metadata_time(clock.now());
  clock.advance(std::chrono::seconds(1));
  create_customer("After");
  const auto invoice = post(
      "invoice", {{"CustomerRef", {{"value", "1"}}}, {"Line", json::array{sales_line(10, "5")}}});
  ASSERT_EQ(invoice.status, 200) << last_text;
  const json::value id = invoice.body.at("Invoice").at("Id");
  ASSERT_EQ(post("invoice", {{"Id", id}, {"SyncToken", "0"}}, {{"operation", "delete"}}).status,
            200);

  const auto answer =
      get("cdc", {{"entities", "customer,Invoice,Vendor"}, {"changedSince", since}});
  ASSERT_EQ(answer.status, 200) << last_text;
  const auto& responses = answer.body.at("CDCResponse").at(0).at("QueryResponse").as_array();
  ASSERT_EQ(responses.size(), 2u) << last_text;
  // The customer's balance changed when the invoice came and went, so both customers moved.
  const auto& customers = responses[0].at("Customer").as_array();
  EXPECT_GE(customers.size(), 1u);
  bool saw_after = false;
  for (const auto& customer : customers) saw_after |= customer.at("DisplayName") == "After";
  EXPECT_TRUE(saw_after);
  EXPECT_EQ(responses[0].at("startPosition"), 1);
  const auto& invoices = responses[1].at("Invoice").as_array();
  ASSERT_EQ(invoices.size(), 1u);
  EXPECT_EQ(invoices[0].at("status"), "Deleted");
  EXPECT_EQ(invoices[0].at("Id"), id);
  EXPECT_TRUE(invoices[0].at("MetaData").at("LastUpdatedTime").is_string());
}

TEST_F(LedgerTest, CdcWithNothingChangedHasOneEmptyQueryResponse) {
  clock.advance(std::chrono::hours(2));
  const auto answer =
      get("cdc", {{"entities", "Customer"},
                  {"changedSince", format_metadata_time(clock.now() - std::chrono::hours(1))}});
  ASSERT_EQ(answer.status, 200);
  EXPECT_EQ(answer.body.at("CDCResponse"),
            (json::array{{{"QueryResponse", json::array{json::object{}}}}}));
}

TEST_F(LedgerTest, CdcRefusesMoreThanThirtyDaysBackAndBadParameters) {
  const auto old = format_metadata_time(clock.now() - std::chrono::hours(24 * 31));
  EXPECT_EQ(get("cdc", {{"entities", "Customer"}, {"changedSince", old}}).status, 400);
  const auto recent = format_metadata_time(clock.now() - std::chrono::hours(24 * 29));
  EXPECT_EQ(get("cdc", {{"entities", "Customer"}, {"changedSince", recent}}).status, 200);
  EXPECT_EQ(get("cdc", {{"entities", "Customer"}}).status, 400);
  EXPECT_EQ(get("cdc", {{"changedSince", recent}}).status, 400);
  EXPECT_EQ(get("cdc", {{"entities", "Customer"}, {"changedSince", "yesterday"}}).status, 400);
  EXPECT_EQ(get("cdc", {{"entities", "TaxCode"}, {"changedSince", recent}}).status, 400);
}

}  // namespace
}  // namespace qbo_sandbox::testing
