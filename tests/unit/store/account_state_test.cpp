#include "store/account_state.h"

#include <gtest/gtest.h>

#include "store_fixture.h"

namespace qbo_sync::store {
namespace {

using AccountStateTest = StoreFixture;

TEST_F(AccountStateTest, KeepsNamedValuesPerAccountAcrossReopening) {
  EXPECT_FALSE(store_.account_state().get("acct-1", "cdc_watermark"));
  store_.account_state().put("acct-1", "cdc_watermark", "2026-11-22T01:00:00Z");
  store_.account_state().put("acct-2", "cdc_watermark", "other");
  store_.account_state().put("acct-1", "cdc_watermark", "2026-11-22T02:00:00Z");
  EXPECT_EQ(store_.account_state().get("acct-1", "cdc_watermark"), "2026-11-22T02:00:00Z");
  Store reopened(dir_.path());
  EXPECT_EQ(reopened.account_state().get("acct-2", "cdc_watermark"), "other");
}

TEST_F(AccountStateTest, ReplaceStateWritesOnlyOverTheExpectedValue) {
  EXPECT_TRUE(store_.account_state().replace("acct-1", "import", std::nullopt, "page-1"));
  EXPECT_FALSE(store_.account_state().replace("acct-1", "import", std::nullopt, "page-1-again"));
  EXPECT_FALSE(store_.account_state().replace("acct-1", "import", std::string("page-0"), "page-2"));
  EXPECT_TRUE(store_.account_state().replace("acct-1", "import", std::string("page-1"), "page-2"));
  EXPECT_EQ(store_.account_state().get("acct-1", "import"), "page-2");
}

}  // namespace
}  // namespace qbo_sync::store
