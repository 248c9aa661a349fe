#include "runtime/host_config.h"

#include <gtest/gtest.h>

#include <string>
#include <variant>

#include "events/event_validator.h"
#include "events/test_files.h"

namespace qbo_sync::runtime {
namespace {

const std::string kKey = std::string(64, 'a');

std::string config_with(const std::string& sections) {
  return R"({"data_dir":"/var/lib/qbo-sync","encryption_key":")" + kKey + "\"" + sections + "}";
}

HostConfig read_valid(const std::string& text) {
  HostConfig config;
  std::string path;
  const auto problem = read_host_config(text, config, path);
  EXPECT_FALSE(problem.has_value()) << path << ": " << problem.value_or("");
  return config;
}

TEST(HostConfig, ReadsEverySectionByTheNamesOfItsMembers) {
  const auto config =
      read_valid(events::testing::example("host_config.v1", "valid", "01-local-qbo-sandbox.json"));
  EXPECT_EQ(config.data_dir, "/var/lib/crm/plugins/qbo-sync");
  EXPECT_EQ(config.qbo.environment, "custom");
  EXPECT_EQ(config.qbo.api_base_url, "http://127.0.0.1:18080");
  EXPECT_EQ(config.qbo.client_id, "sandbox-client-id");
  EXPECT_EQ(config.qbo.minor_version, 75);
  EXPECT_EQ(config.engine.worker_threads, 2);
  EXPECT_EQ(config.engine.poll_interval_ms, 5000);
  EXPECT_EQ(config.testing.clock_speed, 100);
  EXPECT_EQ(config.engine.cdc_poll_interval_ms, 100000);
  EXPECT_EQ(config.encryption_key[0], 0x8f);
  EXPECT_EQ(config.encryption_key[31], 0x2a);
}

TEST(HostConfig, LeftOutSectionsKeepTheirDefaultsAndProductionEndpoints) {
  const auto config = read_valid(config_with(""));
  EXPECT_EQ(config.qbo.environment, "production");
  EXPECT_EQ(config.qbo.api_base_url, "https://quickbooks.api.intuit.com");
  EXPECT_EQ(config.engine.worker_threads, EngineOptions{}.worker_threads);
  EXPECT_EQ(config.testing.clock, ClockKind::system);
  EXPECT_EQ(config.testing.clock_speed, 1);
  EXPECT_EQ(config.store.kind, StoreKind::sqlite);
  EXPECT_EQ(config.store.durability, StoreDurability::process_crash);
  EXPECT_FALSE(config.store.postgres_url.has_value());
}

TEST(HostConfig, EnumeratedValuesAreReadByTheirNames) {
  const auto config =
      read_valid(config_with(R"(,"testing":{"clock":"manual","clock_origin_ms":1700000000000},)"
                             R"("store":{"durability":"power_loss"})"));
  EXPECT_EQ(config.testing.clock, ClockKind::manual);
  EXPECT_EQ(config.testing.clock_origin_ms, 1700000000000);
  EXPECT_EQ(config.store.durability, StoreDurability::power_loss);
}

TEST(HostConfig, APostgresqlStoreKeepsItsUrlAndPrintsItWithoutThePassword) {
  const auto config = read_valid(
      events::testing::example("host_config.v1", "valid", "05-shared-postgresql-store.json"));
  EXPECT_EQ(config.store.kind, StoreKind::postgresql);
  ASSERT_TRUE(config.store.postgres_url.has_value());
  EXPECT_NE(config.store.postgres_url->conninfo().find("change-me"), std::string::npos);
  EXPECT_EQ(config.store.postgres_url->printable().find("change-me"), std::string::npos);
}

TEST(HostConfig, AnUnusableStoreUrlIsNamedWithoutQuotingItsPassword) {
  HostConfig config;
  std::string path;
  const auto problem = read_host_config(
      config_with(R"(,"store":{"kind":"postgresql","url":"mysql://sync:s3cret@db/crm"})"), config,
      path);
  ASSERT_TRUE(problem.has_value());
  EXPECT_EQ(path, "/store/url");
  EXPECT_EQ(problem->find("s3cret"), std::string::npos) << *problem;
}

TEST(HostConfig, TheSchemaRefusesAStoreUrlWithoutQuotingIt) {
  events::EventValidator validator;
  const auto result = validator.validate_host_config(
      config_with(R"(,"store":{"kind":"postgresql","url":"mysql://sync:s3cret@db/crm"})"));
  const auto* error = std::get_if<events::InputError>(&result);
  ASSERT_NE(error, nullptr);
  EXPECT_EQ(error->path, "/store/url");
  EXPECT_EQ(error->message.find("s3cret"), std::string::npos) << error->message;
}

}  // namespace
}  // namespace qbo_sync::runtime
