#include "store/connection_repository.h"

#include <gtest/gtest.h>

#include "store_fixture.h"

namespace qbo_sync::store {
namespace {

ConnectionRow connection_row() {
  ConnectionRow connection;
  connection.account_id = "acct-1";
  connection.realm_id = "9130357766512345";
  connection.company_name = "Maple Leaf Yoga Inc.";
  connection.country = "CA";
  connection.sealed_tokens = std::string("\x00\x01sealed\xff", 9);
  connection.connected_at_ms = 1'700'000'000'000;
  return connection;
}

using ConnectionRepositoryTest = StoreFixture;

TEST_F(ConnectionRepositoryTest, KeepsTheConnectionWithItsSealedTokensAsBytes) {
  EXPECT_FALSE(store_.connections().get("acct-1").has_value());
  store_.connections().put(connection_row());
  auto stored = store_.connections().get("acct-1");
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->realm_id, "9130357766512345");
  EXPECT_EQ(stored->sealed_tokens, std::string("\x00\x01sealed\xff", 9));
  EXPECT_FALSE(stored->reconnect_needed);
}

TEST_F(ConnectionRepositoryTest, ReconnectNeededClearsOnNewTokensAndDisconnectKeepsTheRealm) {
  store_.connections().put(connection_row());
  EXPECT_TRUE(
      store_.connections().mark_reconnect_needed("acct-1", "QuickBooks refused the refresh token"));
  EXPECT_FALSE(store_.connections().mark_reconnect_needed("acct-1", "again"));
  EXPECT_TRUE(store_.connections().get("acct-1")->reconnect_needed);
  now_ms_ += 5000;
  store_.connections().save_sealed_tokens("acct-1", "new-sealed", now_ms_);
  auto refreshed = store_.connections().get("acct-1");
  EXPECT_FALSE(refreshed->reconnect_needed);
  EXPECT_EQ(refreshed->last_refresh_at_ms, now_ms_);
  EXPECT_EQ(refreshed->sealed_tokens, "new-sealed");
  store_.connections().clear_tokens("acct-1");
  auto disconnected = store_.connections().get("acct-1");
  EXPECT_TRUE(disconnected->sealed_tokens.empty());
  EXPECT_EQ(disconnected->realm_id, "9130357766512345");
  EXPECT_EQ(disconnected->disconnected_at_ms, now_ms_);
  EXPECT_THROW(store_.connections().save_sealed_tokens("acct-unknown", "x", now_ms_), StoreError);
}

TEST_F(ConnectionRepositoryTest, OAuthStateIsSingleUseAndExpires) {
  store_.connections().put_oauth_state("state-1", "acct-1");
  store_.connections().put_oauth_state("state-2", "acct-2");
  EXPECT_EQ(store_.connections().consume_oauth_state("state-1", 600'000), "acct-1");
  EXPECT_FALSE(store_.connections().consume_oauth_state("state-1", 600'000).has_value());
  EXPECT_FALSE(store_.connections().consume_oauth_state("state-unknown", 600'000).has_value());
  now_ms_ += 600'001;
  EXPECT_FALSE(store_.connections().consume_oauth_state("state-2", 600'000).has_value());
}

TEST_F(ConnectionRepositoryTest, ConnectedAccountsAreThoseHoldingTokens) {
  ConnectionRow connected;
  connected.account_id = "acct-b";
  connected.realm_id = "1";
  connected.sealed_tokens = "sealed";
  store_.connections().put(connected);
  ConnectionRow disconnected = connected;
  disconnected.account_id = "acct-a";
  store_.connections().put(disconnected);
  store_.connections().clear_tokens("acct-a");
  ConnectionRow also = connected;
  also.account_id = "acct-c";
  store_.connections().put(also);
  const auto rows = store_.connections().connected_accounts();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].account_id, "acct-b");
  EXPECT_EQ(rows[1].account_id, "acct-c");
}

}  // namespace
}  // namespace qbo_sync::store
