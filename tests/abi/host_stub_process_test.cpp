// host_stub as a process: a broken plugin must end in a one-line error and exit code 1, never in
// a crash, an abort or a core dump.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "abi_test_paths.h"
#include "abi_test_support.h"

namespace qbo_sync::abi_test {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;

std::string host_stub() {
  return shell_quote(kHostStubExecutable);
}

// Exactly one error line (the plugin's own log lines may precede it), naming what went wrong.
void expect_one_line_failure(const ProcessResult& result, const std::string& expected) {
  EXPECT_TRUE(result.exited_normally) << "host_stub was killed by a signal";
  EXPECT_EQ(result.exit_code, 1);
  std::vector<std::string> error_lines;
  std::istringstream lines(result.err);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("host_stub: error: ", 0) == 0) {
      error_lines.push_back(line);
    } else {
      EXPECT_THAT(line, MatchesRegex("\\[plugin [a-z]+\\] .*")) << "not a log line";
    }
  }
  ASSERT_EQ(error_lines.size(), 1u) << result.err;
  EXPECT_THAT(error_lines.front(), HasSubstr(expected));
}

TEST(HostStubProcessTest, NoSuchPluginFile) {
  testing::TempDir scratch;
  const auto missing = (scratch.path() / "libmissing.so").string();
  expect_one_line_failure(run_process(host_stub() + " info --plugin " + shell_quote(missing)),
                          "no such plugin file: " + missing);
}

TEST(HostStubProcessTest, LibraryWithoutTheEntrySymbol) {
  expect_one_line_failure(
      run_process(host_stub() + " info --plugin " + shell_quote(kTestPluginNoEntry)),
      "does not export qbo_sync_entry");
}

TEST(HostStubProcessTest, AbiMajorMismatchNamesBothVersions) {
  expect_one_line_failure(
      run_process(host_stub() + " info --plugin " + shell_quote(kTestPluginWrongMajor)),
      "host speaks ABI 1.0, plugin speaks ABI 2.0");
}

TEST(HostStubProcessTest, HandshakeRefusalShowsThePluginsMessage) {
  expect_one_line_failure(
      run_process(host_stub() + " info --plugin " + shell_quote(kTestPluginRefuses)),
      "this build is licensed for another CRM");
}

TEST(HostStubProcessTest, ExceptionEscapingAHook) {
  testing::TempDir scratch;
  const auto event = scratch.path() / "event.json";
  write_file(event, R"({"account_id":"a","event_id":"e"})");
  expect_one_line_failure(
      run_process(host_stub() + " send --plugin " + shell_quote(kTestPluginThrows) +
                  " --data-dir " + shell_quote((scratch.path() / "data").string()) +
                  " --hook payment " + shell_quote(event.string())),
      "the plugin let an exception escape from onPaymentCompleted: boom");
}

TEST(HostStubProcessTest, UnknownStatusCode) {
  testing::TempDir scratch;
  const auto event = scratch.path() / "event.json";
  write_file(event, R"({"account_id":"a","event_id":"e"})");
  const ProcessResult result =
      run_process(host_stub() + " send --plugin " + shell_quote(kTestPluginUnknownStatus) +
                  " --data-dir " + shell_quote((scratch.path() / "data").string()) +
                  " --hook invoice-sent " + shell_quote(event.string()));
  expect_one_line_failure(result, "onInvoiceSent returned an unknown status code 42");
  EXPECT_THAT(result.out, HasSubstr("UNKNOWN_STATUS(42)"));
}

TEST(HostStubProcessTest, InvalidEventNamesPathAndMessage) {
  testing::TempDir scratch;
  const auto event = scratch.path() / "event.json";
  write_file(event, R"({"event_id":"e"})");
  expect_one_line_failure(
      run_process(host_stub() + " send --plugin " + shell_quote(kTestPlugin) + " --data-dir " +
                  shell_quote((scratch.path() / "data").string()) + " --hook payment " +
                  shell_quote(event.string())),
      "invalid input at /account_id: account_id is required");
}

TEST(HostStubProcessTest, AWellBehavedPluginLoads) {
  const ProcessResult result =
      run_process(host_stub() + " info --plugin " + shell_quote(kTestPlugin));
  EXPECT_TRUE(result.exited_normally);
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_THAT(result.out, HasSubstr("plugin name:    qbo-sync-test-plugin"));
  EXPECT_EQ(result.err, "");
}

}  // namespace
}  // namespace qbo_sync::abi_test
