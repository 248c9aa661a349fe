// The tests' PostgreSQL: the throw-away cluster CTest started (its URL in a file), and a schema of
// the test's own, so that tests running at the same time never see each other's tables.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <string>

#include "store/postgres/postgres_connection.h"

namespace qbo_sync::store::testing {

inline std::string cluster_url_text() {
  std::ifstream in(QBO_SYNC_POSTGRES_URL_FILE);
  std::string url;
  std::getline(in, url);
  return url;
}

inline PostgresUrl cluster_url() {
  auto url = PostgresUrl::parse(cluster_url_text());
  if (!url) throw std::runtime_error("no PostgreSQL cluster URL in " QBO_SYNC_POSTGRES_URL_FILE);
  return *url;
}

// A schema made for one test and dropped after it; `search_path` points at it on admin_ and on the
// connections opened with url().
class SchemaPerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(cluster_url_text().empty())
        << "the PostgreSQL tests run under CTest, which starts their cluster";
    std::random_device random;
    schema_ = "test_" + std::to_string(random()) + std::to_string(random());
    admin_ = std::make_unique<PostgresConnection>(cluster_url());
    admin_->execute("CREATE SCHEMA " + schema_ + "; SET search_path = " + schema_);
  }
  void TearDown() override {
    if (admin_) admin_->execute("DROP SCHEMA " + schema_ + " CASCADE");
  }
  // A URL whose connections work in this test's schema.
  PostgresUrl url() const {
    return *PostgresUrl::parse(cluster_url_text() + "?options=-csearch_path%3D" + schema_);
  }

  std::string schema_;
  std::unique_ptr<PostgresConnection> admin_;
};

}  // namespace qbo_sync::store::testing
