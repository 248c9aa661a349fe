#include "qbo_sync/host_stub/host_config.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "abi_test_support.h"
#include "qbo_sync/host/host_error.h"

namespace qbo_sync::host_stub {
namespace {

using ::testing::HasSubstr;

TEST(HostConfigTest, BuildsTheDocumentCreateExpects) {
  HostConfig config;
  config.data_dir = "/var/lib/crm/qbo";
  config.encryption_key = std::string(64, 'a');
  config.qbo_json = R"({"environment":"custom","api_base_url":"http://127.0.0.1:1"})";
  const auto document = boost::json::parse(host_config_json(config)).as_object();
  EXPECT_EQ(document.at("data_dir").as_string(), "/var/lib/crm/qbo");
  EXPECT_EQ(document.at("encryption_key").as_string(), std::string(64, 'a'));
  EXPECT_EQ(document.at("qbo").at("environment").as_string(), "custom");
  EXPECT_EQ(document.size(), 3u);
}

TEST(HostConfigTest, RefusesQuickBooksSettingsThatAreNotAnObject) {
  HostConfig config;
  config.data_dir = "/tmp/x";
  config.qbo_json = "[]";
  EXPECT_THROW(host_config_json(config), host::HostError);
}

TEST(HostConfigTest, MakesAnAbsoluteDataDirectoryWithAStableKey) {
  qbo_sync::testing::TempDir scratch;
  const auto data_dir = scratch.path() / "nested" / "data";
  const HostConfig first = host_config_for(data_dir);
  EXPECT_TRUE(first.data_dir.is_absolute());
  EXPECT_TRUE(std::filesystem::is_directory(data_dir));
  EXPECT_EQ(first.encryption_key.size(), 64u);
  EXPECT_EQ(first.encryption_key.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(host_config_for(data_dir).encryption_key, first.encryption_key);
  qbo_sync::testing::TempDir other;
  EXPECT_NE(host_config_for(other.path()).encryption_key, first.encryption_key);
}

TEST(HostConfigTest, RefusesACorruptKeyFileInsteadOfReplacingIt) {
  qbo_sync::testing::TempDir scratch;
  abi_test::write_file(scratch.path() / "host_stub.key", "not-a-key\n");
  try {
    load_or_create_encryption_key(scratch.path());
    FAIL() << "a corrupt key was accepted";
  } catch (const host::HostError& error) {
    EXPECT_THAT(error.what(), HasSubstr("does not hold 64 hex characters"));
  }
  EXPECT_EQ(abi_test::read_file(scratch.path() / "host_stub.key"), "not-a-key\n");
}

}  // namespace
}  // namespace qbo_sync::host_stub
