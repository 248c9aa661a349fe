#include <gtest/gtest.h>

#include "store/store.h"
#include "temp_dir.h"

namespace qbo_sync::store {
namespace {

class StoreStateTest : public ::testing::Test {
 protected:
  testing::TempDir dir_;
  int64_t now_ms_ = 1'700'000'000'000;
  Store store_{dir_.path(), [this] { return now_ms_; }};
};

TEST_F(StoreStateTest, KeepsNamedValuesPerAccountAcrossReopening) {
  EXPECT_FALSE(store_.state("acct-1", "cdc_watermark"));
  store_.put_state("acct-1", "cdc_watermark", "2026-11-22T01:00:00Z");
  store_.put_state("acct-2", "cdc_watermark", "other");
  store_.put_state("acct-1", "cdc_watermark", "2026-11-22T02:00:00Z");
  EXPECT_EQ(store_.state("acct-1", "cdc_watermark"), "2026-11-22T02:00:00Z");
  Store reopened(dir_.path());
  EXPECT_EQ(reopened.state("acct-2", "cdc_watermark"), "other");
}

TEST_F(StoreStateTest, ReplaceStateWritesOnlyOverTheExpectedValue) {
  EXPECT_TRUE(store_.replace_state("acct-1", "import", std::nullopt, "page-1"));
  EXPECT_FALSE(store_.replace_state("acct-1", "import", std::nullopt, "page-1-again"));
  EXPECT_FALSE(store_.replace_state("acct-1", "import", std::string("page-0"), "page-2"));
  EXPECT_TRUE(store_.replace_state("acct-1", "import", std::string("page-1"), "page-2"));
  EXPECT_EQ(store_.state("acct-1", "import"), "page-2");
}

TEST_F(StoreStateTest, MarkOnceIsTrueForExactlyOneCallEvenFromAnotherProcess) {
  EXPECT_FALSE(store_.is_marked("acct-1", "review_request", "contact-7"));
  EXPECT_TRUE(store_.mark_once("acct-1", "review_request", "contact-7", "invoice 42"));
  Store other_process(dir_.path());
  EXPECT_FALSE(other_process.mark_once("acct-1", "review_request", "contact-7"));
  EXPECT_TRUE(other_process.is_marked("acct-1", "review_request", "contact-7"));
  EXPECT_TRUE(store_.mark_once("acct-2", "review_request", "contact-7"));
  EXPECT_TRUE(store_.mark_once("acct-1", "alert", "contact-7"));
}

TEST_F(StoreStateTest, ConnectedAccountsAreThoseHoldingTokens) {
  ConnectionRow connected;
  connected.account_id = "acct-b";
  connected.realm_id = "1";
  connected.sealed_tokens = "sealed";
  store_.put_connection(connected);
  ConnectionRow disconnected = connected;
  disconnected.account_id = "acct-a";
  store_.put_connection(disconnected);
  store_.clear_tokens("acct-a");
  ConnectionRow also = connected;
  also.account_id = "acct-c";
  store_.put_connection(also);
  const auto rows = store_.connected_accounts();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].account_id, "acct-b");
  EXPECT_EQ(rows[1].account_id, "acct-c");
}

}  // namespace
}  // namespace qbo_sync::store
