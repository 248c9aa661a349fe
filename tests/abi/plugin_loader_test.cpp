#include "qbo_sync/host/plugin_loader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "abi_test_paths.h"
#include "abi_test_support.h"
#include "qbo_sync/host/host_error.h"

namespace qbo_sync::host {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

std::string load_error(const std::filesystem::path& path) {
  try {
    LoadedPlugin::load(path);
  } catch (const HostError& error) {
    return error.what();
  }
  return "(loaded without an error)";
}

TEST(PluginLoaderTest, LoadsAWellBehavedPluginAndReportsItsIdentity) {
  const auto plugin = LoadedPlugin::load(abi_test::kTestPlugin);
  EXPECT_EQ(plugin->identity().name, "qbo-sync-test-plugin");
  EXPECT_EQ(plugin->identity().version, "0.0.1");
  EXPECT_EQ(plugin->identity().abi_major, QBO_SYNC_ABI_MAJOR);
  EXPECT_EQ(plugin->identity().abi_minor, QBO_SYNC_ABI_MINOR);
  EXPECT_GE(plugin->api().struct_size, sizeof(qbo_sync_plugin_api));
}

TEST(PluginLoaderTest, LoadsThroughAnAbsolutePathEvenWhenGivenARelativeOne) {
  const std::filesystem::path absolute(abi_test::kTestPlugin);
  const auto relative = std::filesystem::relative(absolute, std::filesystem::current_path());
  ASSERT_TRUE(relative.is_relative());
  const auto plugin = LoadedPlugin::load(relative);
  EXPECT_TRUE(plugin->path().is_absolute());
  EXPECT_EQ(plugin->path(), absolute.lexically_normal());
}

TEST(PluginLoaderTest, NamesAMissingFile) {
  qbo_sync::testing::TempDir directory;
  const auto missing = directory.path() / "libnothing.so";
  EXPECT_EQ(load_error(missing), "no such plugin file: " + missing.string());
}

TEST(PluginLoaderTest, RefusesAFileThatIsNotALibrary) {
  qbo_sync::testing::TempDir directory;
  const auto text_file = directory.path() / "libfake.so";
  abi_test::write_file(text_file, std::string(256, 'x'));  // long enough to have a header
  EXPECT_THAT(load_error(text_file),
              AllOf(HasSubstr("cannot load plugin " + text_file.string()), HasSubstr("ELF")));
}

TEST(PluginLoaderTest, RefusesADirectory) {
  qbo_sync::testing::TempDir directory;
  EXPECT_THAT(load_error(directory.path()), HasSubstr("not a regular file"));
}

TEST(PluginLoaderTest, RefusesALibraryWithoutTheEntrySymbol) {
  EXPECT_EQ(load_error(abi_test::kTestPluginNoEntry),
            std::string(abi_test::kTestPluginNoEntry) +
                " is not a qbo-sync plugin: it does not export qbo_sync_entry");
}

TEST(PluginLoaderTest, NamesBothVersionsWhenThePluginRefusesAnotherMajor) {
  EXPECT_THAT(load_error(abi_test::kTestPluginWrongMajor),
              AllOf(HasSubstr("ABI major mismatch"), HasSubstr("host speaks ABI 1.0"),
                    HasSubstr("plugin speaks ABI 2.0"),
                    HasSubstr("this plugin speaks ABI 2.x; the host speaks 1.0")));
}

TEST(PluginLoaderTest, RefusesAnotherMajorEvenWhenThePluginWouldAcceptIt) {
  EXPECT_THAT(load_error(abi_test::kTestPluginLenientMajor),
              AllOf(HasSubstr("ABI major mismatch"), HasSubstr("host speaks ABI 1.0"),
                    HasSubstr("plugin speaks ABI 2.0")));
}

TEST(PluginLoaderTest, ShowsThePluginsReasonWhenItRefusesTheHandshake) {
  EXPECT_THAT(
      load_error(abi_test::kTestPluginRefuses),
      AllOf(HasSubstr("the plugin refused the handshake"),
            HasSubstr("this build is licensed for another CRM"), Not(HasSubstr("major mismatch"))));
}

TEST(PluginLoaderTest, ErrorsAreOneLine) {
  for (const char* path : {abi_test::kTestPluginNoEntry, abi_test::kTestPluginWrongMajor,
                           abi_test::kTestPluginLenientMajor, abi_test::kTestPluginRefuses}) {
    EXPECT_THAT(load_error(path), Not(HasSubstr("\n"))) << path;
  }
}

TEST(PluginLoaderTest, KeepsTheLibraryLoadedWhileAnyoneHoldsIt) {
  auto plugin = LoadedPlugin::load(abi_test::kTestPlugin);
  const qbo_sync_plugin_api* api = &plugin->api();
  auto second_holder = plugin;
  plugin.reset();
  // Still mapped: reading the table is valid because second_holder keeps the library alive.
  EXPECT_EQ(api->struct_size, sizeof(qbo_sync_plugin_api));
}

}  // namespace
}  // namespace qbo_sync::host
