#include "store/marks_and_leases.h"

#include <gtest/gtest.h>

#include "store_fixture.h"

namespace qbo_sync::store {
namespace {

using MarksAndLeasesTest = StoreFixture;

TEST_F(MarksAndLeasesTest, MarkOnceIsTrueForExactlyOneCallEvenFromAnotherProcess) {
  EXPECT_FALSE(store_.marks_and_leases().is_marked("acct-1", "review_request", "contact-7"));
  EXPECT_TRUE(
      store_.marks_and_leases().mark_once("acct-1", "review_request", "contact-7", "invoice 42"));
  Store other_process(dir_.path());
  EXPECT_FALSE(other_process.marks_and_leases().mark_once("acct-1", "review_request", "contact-7"));
  EXPECT_TRUE(other_process.marks_and_leases().is_marked("acct-1", "review_request", "contact-7"));
  EXPECT_TRUE(store_.marks_and_leases().mark_once("acct-2", "review_request", "contact-7"));
  EXPECT_TRUE(store_.marks_and_leases().mark_once("acct-1", "alert", "contact-7"));
}

TEST_F(MarksAndLeasesTest, LeaseHasOneOwnerUntilReleasedOrExpired) {
  EXPECT_TRUE(store_.marks_and_leases().try_acquire_lease("refresh:acct-1", "a", 1000, 2000));
  EXPECT_FALSE(store_.marks_and_leases().try_acquire_lease("refresh:acct-1", "b", 1500, 2500));
  EXPECT_TRUE(
      store_.marks_and_leases().try_acquire_lease("refresh:acct-1", "a", 1500, 3000));  // extends
  EXPECT_TRUE(store_.marks_and_leases().try_acquire_lease("refresh:acct-2", "b", 1500, 2500));
  EXPECT_TRUE(
      store_.marks_and_leases().try_acquire_lease("refresh:acct-1", "b", 3000, 4000));  // expired
  store_.marks_and_leases().release_lease("refresh:acct-1", "a");  // not a's any more
  EXPECT_FALSE(store_.marks_and_leases().try_acquire_lease("refresh:acct-1", "a", 3500, 4500));
  store_.marks_and_leases().release_lease("refresh:acct-1", "b");
  EXPECT_TRUE(store_.marks_and_leases().try_acquire_lease("refresh:acct-1", "a", 3500, 4500));
}

TEST(MarksAndLeasesShared, TwoProcessesContendForOneLease) {
  testing::TempDir dir;
  Store first(dir.path());
  Store second(dir.path());
  EXPECT_TRUE(first.marks_and_leases().try_acquire_lease("refresh:acct-1", "first", 1000, 9000));
  EXPECT_FALSE(second.marks_and_leases().try_acquire_lease("refresh:acct-1", "second", 1000, 9000));
}

}  // namespace
}  // namespace qbo_sync::store
