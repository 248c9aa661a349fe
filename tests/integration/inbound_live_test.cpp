// After the import, QBO changes reach the CRM through the change-data-capture poll (the
// main path) and at once when the host forwards a webhook whose signature is good; a bad
// signature is refused, logged, and nothing is processed.
#include <gtest/gtest.h>

#include "inbound_fixture.h"

namespace qbo_sync::testing {
namespace {

class InboundLiveTest : public InboundFixture {
 protected:
  bool contact_arrived(const std::string& qbo_id) {
    for (const auto& contact : host_.contacts()) {
      if (contact.at("qbo_customer_id") == qbo_id.c_str()) return true;
    }
    return false;
  }

  // Started without timed polls (only the start-up poll, then webhooks), connected, imported;
  // returns the number of polls so far, once the start-up poll has run.
  int64_t started_for_webhooks() {
    start_plugin(kNoTimedPolls);
    connect();
    wait_for_import();
    EXPECT_TRUE(eventually([&] { return polls() >= 1; }));
    return polls();
  }
};

TEST_F(InboundLiveTest, ACustomerCreatedInQuickBooksReachesTheCrmWithinOnePoll) {
  // A poll every 10 minutes of the plugin's clock, which moves only when the test moves it.
  constexpr auto kPollInterval = std::chrono::minutes(10);
  start_plugin_on_manual_clock(static_cast<int>(
      std::chrono::duration_cast<std::chrono::milliseconds>(kPollInterval).count()));
  connect();
  wait_for_import();
  ASSERT_TRUE(eventually([&] { return polls() >= 1; }));
  // Made as the bookkeeper would, through the sandbox's control endpoint.
  const auto made = sandbox_.control(
      "POST", "/ledger/" + sandbox_.realm_id() + "/customer",
      R"({"DisplayName":"Brand New Client","PrimaryEmailAddr":{"Address":"brand.new@example.com"}})");
  const std::string id(made.at("Customer").at("Id").as_string());
  const auto polls_when_created = polls();
  ASSERT_EQ(advance_clock(*plugin_, kPollInterval).status, QBO_SYNC_OK);
  ASSERT_TRUE(eventually([&] { return contact_arrived(id); }));
  // The poll under way when it was made may have missed it; the next one may not.
  EXPECT_LE(polls(), polls_when_created + 2);
  const auto contact = host_.contacts().back();
  EXPECT_EQ(contact.at("display_name"), "Brand New Client");
  EXPECT_EQ(contact.at("email"), "brand.new@example.com");
  EXPECT_EQ(contact.at("active"), true);
  EXPECT_TRUE(inbound_status().at("last_poll_at").is_string());

  // A change to it flows too; then its deactivation.
  const auto sent = host_.contacts().size();
  auto customer = ledger_objects("Customer");
  json::value sync_token;
  for (const auto& row : customer) {
    if (row.at("Id") == id.c_str()) sync_token = row.at("SyncToken");
  }
  qbo_write(
      "customer",
      {{"Id", id}, {"SyncToken", sync_token}, {"sparse", true}, {"CompanyName", "New Client Ltd"}});
  ASSERT_EQ(advance_clock(*plugin_, kPollInterval).status, QBO_SYNC_OK);
  ASSERT_TRUE(eventually([&] { return host_.contacts().size() > sent; }));
  EXPECT_EQ(host_.contacts().back().at("company_name"), "New Client Ltd");
}

TEST_F(InboundLiveTest, AWebhookWithAGoodSignatureBringsTheChangeAtOnce) {
  const auto before = started_for_webhooks();
  const auto id = add_customer("Webhook Customer", "hooked@example.com");
  const auto answer = forward_webhook(verifier_token());
  ASSERT_EQ(answer.status, QBO_SYNC_OK) << answer.text;
  EXPECT_EQ(answer.body.at("realms"), json::array{json::value(sandbox_.realm_id())});
  ASSERT_TRUE(eventually([&] { return contact_arrived(id); }));
  // The poll is counted once it has ended, a moment after the contact it brought arrived.
  ASSERT_TRUE(eventually([&] { return polls() >= before + 1; }));
  EXPECT_EQ(polls(), before + 1);
}

TEST_F(InboundLiveTest, AReplayedWebhookIsAcknowledgedWithoutAnotherPoll) {
  const auto before = started_for_webhooks();
  const auto first = add_customer("First Delivery", "first@example.com");
  const auto delivered = forward_webhook(verifier_token());
  ASSERT_EQ(delivered.status, QBO_SYNC_OK) << delivered.text;
  EXPECT_EQ(delivered.body.at("replay"), false);
  ASSERT_TRUE(eventually([&] { return contact_arrived(first); }));
  ASSERT_TRUE(eventually([&] { return polls() >= before + 1; }));
  ASSERT_EQ(polls(), before + 1);

  // The same signed delivery again: acknowledged, not acted on.
  const auto replayed = forward_webhook(verifier_token());
  ASSERT_EQ(replayed.status, QBO_SYNC_OK) << replayed.text;
  EXPECT_EQ(replayed.body.at("replay"), true);

  // A new delivery still polls, once.
  const auto second = add_customer("Second Delivery", "second@example.com");
  const auto next = forward_webhook(verifier_token(), "2026-03-14T10:05:00.000Z");
  EXPECT_EQ(next.body.at("replay"), false);
  ASSERT_TRUE(eventually([&] { return contact_arrived(second); }));
  ASSERT_TRUE(eventually([&] { return polls() >= before + 2; }));
  EXPECT_EQ(polls(), before + 2);
}

TEST_F(InboundLiveTest, AWebhookWithABadSignatureIsRefusedLoggedAndNothingIsProcessed) {
  const auto before = started_for_webhooks();
  const auto id = add_customer("Forged Customer", "forged@example.com");
  const auto answer = forward_webhook("not-the-verifier-token");
  EXPECT_EQ(answer.status, QBO_SYNC_INVALID_INPUT);
  EXPECT_EQ(answer.body.at("code"), "invalid_signature");
  EXPECT_EQ(answer.body.at("path"), "/headers/intuit-signature");
  // A missing header and a missing body are refused the same way, naming the field.
  const auto unsigned_answer = plugin_->admin(
      json::object{{"op", "qbo_webhook"}, {"headers", json::object{}}, {"body", "{}"}});
  EXPECT_EQ(unsigned_answer.body.at("code"), "missing_signature");
  const auto no_body =
      plugin_->admin(json::object{{"op", "qbo_webhook"}, {"headers", json::object{}}});
  EXPECT_EQ(no_body.body.at("path"), "/body");

  bool logged = false;
  for (const auto& line : host_.logs()) logged |= line.find("webhook refused") != std::string::npos;
  EXPECT_TRUE(logged);
  // Nothing was polled: the customer is still unknown to the CRM.
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(polls(), before);
  EXPECT_FALSE(contact_arrived(id));
  // The verifier token never appears in what the host was given.
  for (const auto& text : host_.everything()) {
    EXPECT_EQ(text.find(verifier_token()), std::string::npos) << text;
  }
  for (const auto& text : plugin_->responses()) {
    EXPECT_EQ(text.find(verifier_token()), std::string::npos) << text;
  }
}

}  // namespace
}  // namespace qbo_sync::testing
