#include "store/store.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>

#include "store_fixture.h"

namespace qbo_sync::store {
namespace {

TEST(StoreDurability, WhatWasCommittedSurvivesReopening) {
  testing::TempDir dir;
  int64_t record_id = 0;
  {
    Store store(dir.path());
    record_id = store.commit_events({payment_event("evt-1", "pay-1")})[0].record_id;
  }
  Store reopened(dir.path());
  EXPECT_TRUE(reopened.get_record(record_id).has_value());
  EXPECT_EQ(reopened.commit_events({payment_event("evt-1", "pay-1")})[0].result,
            IntakeResult::duplicate);
}

TEST(StoreDurability, AcceptedEventSurvivesAProcessKilledRightAfterTheCommit) {
  testing::TempDir dir;
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    Store store(dir.path());
    store.commit_events({payment_event("evt-killed", "pay-killed")});
    // No destructor, no checkpoint, no flush: the process dies the moment the commit returned.
    raise(SIGKILL);
    _exit(1);
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status));
  Store store(dir.path());
  auto records = store.list_records({"acct-1", std::nullopt, std::nullopt, 0, 10, std::nullopt});
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].object_id, "pay-killed");
}

TEST(StoreDurability, TwoStoresOverOneFileSeeEachOthersEvents) {
  testing::TempDir dir;
  Store first(dir.path());
  Store second(dir.path());
  first.commit_events({payment_event("evt-1", "pay-1")});
  EXPECT_EQ(second.commit_events({payment_event("evt-1", "pay-1")})[0].result,
            IntakeResult::duplicate);
  EXPECT_EQ(second.count_records("acct-1", std::nullopt), 1);
}

TEST(StoreOpen, RefusesAnUnusableDataDirectory) {
  EXPECT_THROW(Store(std::filesystem::path("/proc/qbo_sync_cannot_exist")), StoreError);
  EXPECT_THROW(Store(std::filesystem::path()), StoreError);
}

}  // namespace
}  // namespace qbo_sync::store
