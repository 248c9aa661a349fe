// A store on a fresh database of each backend (SQLite in a fresh directory, PostgreSQL in a fresh
// schema of the test cluster), stamped by a clock the test moves, and the events tests feed it.
// A test written with TEST_P on a fixture below runs once per backend.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "store/postgres/postgres_store.h"
#include "store/store.h"
#include "temp_dir.h"
#include "test_database.h"

namespace qbo_sync::store {

enum class Backend { sqlite, postgresql };

inline std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::sqlite ? "sqlite" : "postgresql";
}

class StoreFixture : public ::testing::TestWithParam<Backend> {
 protected:
  // Another store over the same database, as another process (or node) would open it.
  std::unique_ptr<Store> open_another() {
    auto clock = [this] { return now_ms_; };
    if (GetParam() == Backend::sqlite) return std::make_unique<Store>(dir_.path(), clock);
    if (!schema_) schema_.emplace();
    return open_postgres_store(schema_->url(), clock);
  }

  testing::TempDir dir_;
  std::optional<testing::TestSchema> schema_;
  int64_t now_ms_ = 1'700'000'000'000;
  std::unique_ptr<Store> opened_ = open_another();
  Store& store_ = *opened_;
};

// Runs the fixture's TEST_P tests on every backend.
#define QBO_SYNC_ON_EVERY_BACKEND(fixture)    \
  INSTANTIATE_TEST_SUITE_P(Backends, fixture, \
                           ::testing::Values(Backend::sqlite, Backend::postgresql), backend_name)

// A payment.completed event whose payload names its revision.
inline IncomingEvent payment_event(std::string event_id, std::string payment_id,
                                   int64_t revision = 1, std::string account = "acct-1") {
  return {std::move(account),     std::move(event_id),
          "payment.completed",    "payment",
          std::move(payment_id),  revision,
          "2026-11-21T10:00:00Z", R"({"revision":)" + std::to_string(revision) + "}"};
}

}  // namespace qbo_sync::store
