// A store in a fresh directory, stamped by a clock the test moves, and the events tests feed it.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "store/store.h"
#include "temp_dir.h"

namespace qbo_sync::store {

class StoreFixture : public ::testing::Test {
 protected:
  testing::TempDir dir_;
  int64_t now_ms_ = 1'700'000'000'000;
  Store store_{dir_.path(), [this] { return now_ms_; }};
};

// A payment.completed event whose payload names its revision.
inline IncomingEvent payment_event(std::string event_id, std::string payment_id,
                                   int64_t revision = 1, std::string account = "acct-1") {
  return {std::move(account),     std::move(event_id),
          "payment.completed",    "payment",
          std::move(payment_id),  revision,
          "2026-11-21T10:00:00Z", R"({"revision":)" + std::to_string(revision) + "}"};
}

}  // namespace qbo_sync::store
