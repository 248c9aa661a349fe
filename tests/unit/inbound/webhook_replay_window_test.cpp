#include "inbound/webhook_replay_window.h"

#include <string>

#include <gtest/gtest.h>

namespace qbo_sync::inbound {
namespace {

TEST(WebhookReplayWindowTest, TheSameDeliveryWithinTheWindowIsAReplay) {
  WebhookReplayWindow window(60'000, 100);
  EXPECT_FALSE(window.seen_before(R"({"a":1})", 1'000));
  EXPECT_TRUE(window.seen_before(R"({"a":1})", 2'000));
  EXPECT_FALSE(window.seen_before(R"({"a":2})", 2'000));
}

TEST(WebhookReplayWindowTest, ADeliveryOlderThanTheWindowIsForgotten) {
  WebhookReplayWindow window(60'000, 100);
  EXPECT_FALSE(window.seen_before("body", 0));
  EXPECT_TRUE(window.seen_before("body", 60'000));
  EXPECT_FALSE(window.seen_before("body", 120'001));
}

TEST(WebhookReplayWindowTest, OnlyTheMostRecentDeliveriesAreKept) {
  WebhookReplayWindow window(60'000, 3);
  for (int i = 0; i < 4; ++i) {
    EXPECT_FALSE(window.seen_before("delivery " + std::to_string(i), 10));
  }
  EXPECT_FALSE(window.seen_before("delivery 0", 10));  // pushed out by the fourth
  EXPECT_TRUE(window.seen_before("delivery 3", 10));
}

}  // namespace
}  // namespace qbo_sync::inbound
