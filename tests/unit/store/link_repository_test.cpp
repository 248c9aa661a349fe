#include "store/link_repository.h"

#include <gtest/gtest.h>

#include "store_fixture.h"

namespace qbo_sync::store {
namespace {

using LinkRepositoryTest = StoreFixture;

TEST_F(LinkRepositoryTest, LinksAreFoundFromEitherSide) {
  store_.links().put({"acct-1", "contact", "ct-1", "Customer", "58", "0", "crm"});
  EXPECT_EQ(store_.links().by_crm("acct-1", "contact", "ct-1")->qbo_id, "58");
  EXPECT_EQ(store_.links().by_qbo("acct-1", "Customer", "58")->crm_id, "ct-1");
  EXPECT_FALSE(store_.links().by_crm("acct-2", "contact", "ct-1").has_value());
  store_.links().put({"acct-1", "contact", "ct-1", "Customer", "58", "3", "crm"});
  EXPECT_EQ(store_.links().by_crm("acct-1", "contact", "ct-1")->sync_token, "3");
}

TEST_F(LinkRepositoryTest, ALinkMovesToAnotherCrmKeyButNotOntoATakenOne) {
  store_.links().put({"acct-1", "contact", "ann@lee.test", "Customer", "58", "2", "crm"});
  store_.links().put({"acct-1", "contact", "id:ct-9", "Customer", "59", "0", "crm"});
  EXPECT_TRUE(store_.links().rekey("acct-1", "contact", "ann@lee.test", "id:ct-1"));
  EXPECT_FALSE(store_.links().by_crm("acct-1", "contact", "ann@lee.test").has_value());
  const auto moved = store_.links().by_crm("acct-1", "contact", "id:ct-1");
  ASSERT_TRUE(moved.has_value());
  EXPECT_EQ(moved->qbo_id, "58");
  EXPECT_EQ(moved->sync_token, "2");
  EXPECT_EQ(store_.links().by_qbo("acct-1", "Customer", "58")->crm_id, "id:ct-1");

  EXPECT_FALSE(store_.links().rekey("acct-1", "contact", "nobody@x.test", "id:ct-2"));
  EXPECT_THROW(store_.links().rekey("acct-1", "contact", "id:ct-1", "id:ct-9"), StoreError);
  EXPECT_EQ(store_.links().by_crm("acct-1", "contact", "id:ct-9")->qbo_id, "59");
}

}  // namespace
}  // namespace qbo_sync::store
