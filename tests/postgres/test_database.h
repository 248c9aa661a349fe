// The tests' PostgreSQL: the throw-away cluster CTest started (its URL in a file), and a schema of
// the test's own, so that tests running at the same time never see each other's tables.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>

#include "store/postgres/postgres_connection.h"

namespace qbo_sync::testing {

using store::PostgresConnection;
using store::PostgresUrl;

inline std::string cluster_url_text() {
  std::ifstream in(QBO_SYNC_POSTGRES_URL_FILE);
  std::string url;
  std::getline(in, url);
  if (url.empty()) {
    throw std::runtime_error(
        "no PostgreSQL cluster: these tests run under CTest, which starts one (URL file " +
        std::string(QBO_SYNC_POSTGRES_URL_FILE) + ")");
  }
  return url;
}

inline PostgresUrl cluster_url() {
  return *PostgresUrl::parse(cluster_url_text());
}

// A schema made for one test and dropped with it. `admin()` works in it; connections opened
// with url() do too.
class TestSchema {
 public:
  TestSchema() {
    std::random_device random;
    name_ = "test_" + std::to_string(random()) + std::to_string(random());
    admin_ = std::make_unique<PostgresConnection>(cluster_url());
    admin_->execute("CREATE SCHEMA " + name_ + "; SET search_path = " + name_);
  }
  ~TestSchema() {
    try {
      admin_->execute("DROP SCHEMA " + name_ + " CASCADE");
    } catch (...) {  // the cluster is thrown away after the run anyway
    }
  }
  TestSchema(const TestSchema&) = delete;
  TestSchema& operator=(const TestSchema&) = delete;

  PostgresUrl url() const {
    return *PostgresUrl::parse(cluster_url_text() + "?options=-csearch_path%3D" + name_);
  }
  PostgresConnection& admin() { return *admin_; }

 private:
  std::string name_;
  std::unique_ptr<PostgresConnection> admin_;
};

// A test with a schema of its own.
class SchemaPerTest : public ::testing::Test {
 protected:
  void SetUp() override { schema_ = std::make_unique<TestSchema>(); }
  void TearDown() override { schema_.reset(); }
  PostgresUrl url() const { return schema_->url(); }
  PostgresConnection& admin() { return schema_->admin(); }

  std::unique_ptr<TestSchema> schema_;
};

}  // namespace qbo_sync::testing
