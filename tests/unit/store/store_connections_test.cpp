#include <gtest/gtest.h>

#include "store/store.h"
#include "temp_dir.h"

namespace qbo_sync::store {
namespace {

class StoreConnectionsTest : public ::testing::Test {
 protected:
  ConnectionRow row() {
    ConnectionRow connection;
    connection.account_id = "acct-1";
    connection.realm_id = "9130357766512345";
    connection.company_name = "Maple Leaf Yoga Inc.";
    connection.country = "CA";
    connection.sealed_tokens = std::string("\x00\x01sealed\xff", 9);
    connection.connected_at_ms = now_ms_;
    return connection;
  }

  testing::TempDir dir_;
  int64_t now_ms_ = 1'700'000'000'000;
  Store store_{dir_.path(), [this] { return now_ms_; }};
};

TEST_F(StoreConnectionsTest, KeepsTheConnectionWithItsSealedTokensAsBytes) {
  EXPECT_FALSE(store_.connection("acct-1").has_value());
  store_.put_connection(row());
  auto stored = store_.connection("acct-1");
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->realm_id, "9130357766512345");
  EXPECT_EQ(stored->sealed_tokens, std::string("\x00\x01sealed\xff", 9));
  EXPECT_FALSE(stored->reconnect_needed);
}

TEST_F(StoreConnectionsTest, ReconnectNeededClearsOnNewTokensAndDisconnectKeepsTheRealm) {
  store_.put_connection(row());
  EXPECT_TRUE(store_.mark_reconnect_needed("acct-1", "QuickBooks refused the refresh token"));
  EXPECT_FALSE(store_.mark_reconnect_needed("acct-1", "again"));
  EXPECT_TRUE(store_.connection("acct-1")->reconnect_needed);
  now_ms_ += 5000;
  store_.save_sealed_tokens("acct-1", "new-sealed", now_ms_);
  auto refreshed = store_.connection("acct-1");
  EXPECT_FALSE(refreshed->reconnect_needed);
  EXPECT_EQ(refreshed->last_refresh_at_ms, now_ms_);
  EXPECT_EQ(refreshed->sealed_tokens, "new-sealed");
  store_.clear_tokens("acct-1");
  auto disconnected = store_.connection("acct-1");
  EXPECT_TRUE(disconnected->sealed_tokens.empty());
  EXPECT_EQ(disconnected->realm_id, "9130357766512345");
  EXPECT_EQ(disconnected->disconnected_at_ms, now_ms_);
  EXPECT_THROW(store_.save_sealed_tokens("acct-unknown", "x", now_ms_), StoreError);
}

TEST_F(StoreConnectionsTest, OAuthStateIsSingleUseAndExpires) {
  store_.put_oauth_state("state-1", "acct-1");
  store_.put_oauth_state("state-2", "acct-2");
  EXPECT_EQ(store_.consume_oauth_state("state-1", 600'000), "acct-1");
  EXPECT_FALSE(store_.consume_oauth_state("state-1", 600'000).has_value());
  EXPECT_FALSE(store_.consume_oauth_state("state-unknown", 600'000).has_value());
  now_ms_ += 600'001;
  EXPECT_FALSE(store_.consume_oauth_state("state-2", 600'000).has_value());
}

TEST_F(StoreConnectionsTest, LeaseHasOneOwnerUntilReleasedOrExpired) {
  EXPECT_TRUE(store_.try_acquire_lease("refresh:acct-1", "a", 1000, 2000));
  EXPECT_FALSE(store_.try_acquire_lease("refresh:acct-1", "b", 1500, 2500));
  EXPECT_TRUE(store_.try_acquire_lease("refresh:acct-1", "a", 1500, 3000));  // extends
  EXPECT_TRUE(store_.try_acquire_lease("refresh:acct-2", "b", 1500, 2500));
  EXPECT_TRUE(store_.try_acquire_lease("refresh:acct-1", "b", 3000, 4000));  // expired
  store_.release_lease("refresh:acct-1", "a");                               // not a's any more
  EXPECT_FALSE(store_.try_acquire_lease("refresh:acct-1", "a", 3500, 4500));
  store_.release_lease("refresh:acct-1", "b");
  EXPECT_TRUE(store_.try_acquire_lease("refresh:acct-1", "a", 3500, 4500));
}

TEST(StoreConnectionsShared, TwoProcessesContendForOneLease) {
  testing::TempDir dir;
  Store first(dir.path());
  Store second(dir.path());
  EXPECT_TRUE(first.try_acquire_lease("refresh:acct-1", "first", 1000, 9000));
  EXPECT_FALSE(second.try_acquire_lease("refresh:acct-1", "second", 1000, 9000));
}

}  // namespace
}  // namespace qbo_sync::store
