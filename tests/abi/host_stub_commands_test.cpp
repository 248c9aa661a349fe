#include "qbo_sync/host_stub/commands.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <sstream>

#include "abi_test_paths.h"
#include "abi_test_support.h"

namespace qbo_sync::host_stub {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

struct Outcome {
  int exit_code;
  std::string out;
  std::string err;
};

Outcome run(const std::vector<std::string>& args) {
  std::ostringstream out;
  std::ostringstream err;
  const int exit_code = run_host_stub(args, out, err);
  return {exit_code, out.str(), err.str()};
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream stream(text);
  for (std::string line; std::getline(stream, line);) {
    lines.push_back(line);
  }
  return lines;
}

// How many lines of `err` are host_stub's own errors (the plugin's log lines come in between).
std::size_t error_lines(const std::string& err) {
  std::size_t count = 0;
  for (const auto& line : lines_of(err)) {
    count += line.rfind("host_stub: error: ", 0) == 0 ? 1 : 0;
  }
  return count;
}

// ---------------------------------------------------------------------------------------------
// Against the test plugins: the command line itself and every failure a plugin can show.

class HostStubCommandsTest : public ::testing::Test {
 protected:
  std::string event_file(const std::string& name, const std::string& json) {
    const auto path = scratch_.path() / name;
    abi_test::write_file(path, json);
    return path.string();
  }
  std::string data_dir() const { return (scratch_.path() / "data").string(); }

  qbo_sync::testing::TempDir scratch_;
};

TEST_F(HostStubCommandsTest, InfoPrintsNameVersionAndBothAbiVersions) {
  const Outcome outcome = run({"info", "--plugin", abi_test::kTestPlugin});
  EXPECT_EQ(outcome.exit_code, kExitOk);
  EXPECT_EQ(outcome.err, "");
  EXPECT_EQ(outcome.out, std::string("plugin name:    qbo-sync-test-plugin\n"
                                     "plugin version: 0.0.1\n"
                                     "plugin ABI:     1.0\n"
                                     "host ABI:       1.0\n"
                                     "library:        ") +
                             abi_test::kTestPlugin + "\n");
}

TEST_F(HostStubCommandsTest, UsageErrorsExitWithTwoAndSayWhatIsWrong) {
  EXPECT_EQ(run({}).exit_code, kExitUsage);
  const Outcome unknown = run({"frobnicate"});
  EXPECT_EQ(unknown.exit_code, kExitUsage);
  EXPECT_EQ(unknown.err, "host_stub: error: unknown command 'frobnicate' (run 'host_stub help')\n");
  EXPECT_THAT(run({"info"}).err, HasSubstr("info needs --plugin"));
  EXPECT_THAT(run({"info", "--plugin", "x", "--colour"}).err, HasSubstr("unknown option --colour"));
  EXPECT_THAT(run({"info", "--plugin"}).err, HasSubstr("--plugin needs a value"));
  EXPECT_THAT(run({"info", "--plugin", "x", "--data-dir", "d"}).err,
              HasSubstr("info does not take --data-dir"));
  const Outcome bad_hook = run({"send", "--plugin", abi_test::kTestPlugin, "--data-dir", data_dir(),
                                "--hook", "refund", "x.json"});
  EXPECT_EQ(bad_hook.exit_code, kExitUsage);
  EXPECT_THAT(bad_hook.err, HasSubstr("unknown hook 'refund'"));
  EXPECT_THAT(run({"send", "--plugin", abi_test::kTestPlugin, "--data-dir", data_dir(), "--hook",
                   "payment"})
                  .err,
              HasSubstr("send needs at least one event file"));
  EXPECT_EQ(run({"help"}).out, host_stub_usage());
}

TEST_F(HostStubCommandsTest, SendPrintsStatusAndResponsePerFile) {
  const std::string first = event_file("a.json", R"({"account_id":"acc-1","event_id":"e-1"})");
  const std::string second = event_file("b.json", R"({"account_id":"acc-1","event_id":"e-2"})");
  const Outcome outcome = run({"send", "--plugin", abi_test::kTestPlugin, "--data-dir", data_dir(),
                               "--hook", "invoice-sent", first, second, first});
  EXPECT_EQ(outcome.exit_code, kExitOk);
  EXPECT_EQ(outcome.out, first + ": OK {\"record_id\":\"test-1\"}\n" + second +
                             ": OK {\"record_id\":\"test-2\"}\n" + first +
                             ": DUPLICATE {\"record_id\":\"test-1\"}\n");
  EXPECT_EQ(outcome.err, "[plugin info] test plugin instance created\n");
}

TEST_F(HostStubCommandsTest, SendNamesAnInvalidEventWithItsPathAndMessage) {
  const std::string event = event_file("bad.json", R"({"account_id":"acc-1"})");
  const Outcome outcome = run({"send", "--plugin", abi_test::kTestPlugin, "--data-dir", data_dir(),
                               "--hook", "payment", event});
  EXPECT_EQ(outcome.exit_code, kExitFailure);
  EXPECT_THAT(outcome.out, StartsWith(event + ": INVALID_INPUT {"));
  EXPECT_THAT(outcome.err,
              HasSubstr("host_stub: error: " + event +
                        ": onPaymentCompleted refused the event as invalid input at /event_id: "
                        "event_id is required\n"));
}

TEST_F(HostStubCommandsTest, SendReportsAMissingFileBeforeCallingThePlugin) {
  const std::string missing = (scratch_.path() / "nope.json").string();
  const Outcome outcome = run({"send", "--plugin", abi_test::kTestPlugin, "--data-dir", data_dir(),
                               "--hook", "payment", missing});
  EXPECT_EQ(outcome.exit_code, kExitFailure);
  EXPECT_EQ(outcome.err, "host_stub: error: no such event file: " + missing + "\n");
  EXPECT_EQ(outcome.out, "");
}

TEST_F(HostStubCommandsTest, SendTreatsAnUnknownStatusAsAnErrorAndNamesIt) {
  const std::string event = event_file("a.json", R"({"account_id":"acc-1","event_id":"e-1"})");
  const Outcome outcome = run({"send", "--plugin", abi_test::kTestPluginUnknownStatus, "--data-dir",
                               data_dir(), "--hook", "settings", event});
  EXPECT_EQ(outcome.exit_code, kExitFailure);
  EXPECT_EQ(outcome.out, event + ": UNKNOWN_STATUS(42) {}\n");
  EXPECT_THAT(outcome.err,
              HasSubstr("onSettingsChanged returned an unknown status code 42 (treated as an "
                        "error)"));
}

TEST_F(HostStubCommandsTest, SendReportsAnExceptionThatEscapedThePlugin) {
  const std::string event = event_file("a.json", R"({"account_id":"acc-1","event_id":"e-1"})");
  const Outcome outcome = run({"send", "--plugin", abi_test::kTestPluginThrows, "--data-dir",
                               data_dir(), "--hook", "payment", event});
  EXPECT_EQ(outcome.exit_code, kExitFailure);
  EXPECT_EQ(outcome.err,
            "host_stub: error: the plugin let an exception escape from onPaymentCompleted: boom\n");
}

TEST_F(HostStubCommandsTest, InfoReportsEveryBrokenPluginOnOneLine) {
  const std::vector<std::pair<const char*, std::string>> cases{
      {abi_test::kTestPluginNoEntry, "does not export qbo_sync_entry"},
      {abi_test::kTestPluginWrongMajor,
       "ABI major mismatch: host speaks ABI 1.0, plugin speaks "
       "ABI 2.0"},
      {abi_test::kTestPluginLenientMajor, "ABI major mismatch"},
      {abi_test::kTestPluginRefuses, "refused the handshake"},
  };
  for (const auto& [plugin, expected] : cases) {
    const Outcome outcome = run({"info", "--plugin", plugin});
    EXPECT_EQ(outcome.exit_code, kExitFailure) << plugin;
    EXPECT_THAT(outcome.err, AllOf(StartsWith("host_stub: error: "), HasSubstr(expected)));
    EXPECT_EQ(lines_of(outcome.err).size(), 1u) << outcome.err;
    EXPECT_EQ(outcome.out, "");
  }
}

TEST_F(HostStubCommandsTest, HostLogKeepsEveryHostServiceCall) {
  const std::string host_log = (scratch_.path() / "host.jsonl").string();
  const Outcome outcome = run({"admin", "--plugin", abi_test::kTestPlugin, "--data-dir", data_dir(),
                               "--host-log", host_log, R"({"op":"exercise_host"})"});
  EXPECT_EQ(outcome.exit_code, kExitOk) << outcome.err;
  std::vector<std::string> services;
  for (const auto& line : lines_of(abi_test::read_file(host_log))) {
    services.emplace_back(boost::json::parse(line).at("service").as_string());
  }
  EXPECT_EQ(services, (std::vector<std::string>{"log", "log", "email_admins", "send_review_request",
                                                "upsert_contact", "import_invoice"}));
}

TEST_F(HostStubCommandsTest, AdminPrintsTheResponseAndFailsOnARefusal) {
  const Outcome info = run({"admin", "--plugin", abi_test::kTestPlugin, "--data-dir", data_dir(),
                            R"({"op":"plugin_info"})"});
  EXPECT_EQ(info.exit_code, kExitOk);
  EXPECT_EQ(info.out, "{\"name\":\"qbo-sync-test-plugin\",\"version\":\"0.0.1\"}\n");
  const Outcome unknown = run({"admin", "--plugin", abi_test::kTestPlugin, "--data-dir", data_dir(),
                               R"({"op":"reticulate"})"});
  EXPECT_EQ(unknown.exit_code, kExitFailure);
  EXPECT_THAT(unknown.err, HasSubstr("admin answered UNSUPPORTED [unsupported]: unknown op"));
}

TEST_F(HostStubCommandsTest, TheDataDirectoryKeepsItsEncryptionKeyAcrossRuns) {
  ASSERT_EQ(run({"admin", "--plugin", abi_test::kTestPlugin, "--data-dir", data_dir(),
                 R"({"op":"plugin_info"})"})
                .exit_code,
            kExitOk);
  const auto key_file = std::filesystem::path(data_dir()) / "host_stub.key";
  const std::string key = abi_test::read_file(key_file);
  EXPECT_EQ(key.size(), 65u);  // 64 hex characters and a newline
  EXPECT_EQ(std::filesystem::status(key_file).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  ASSERT_EQ(run({"admin", "--plugin", abi_test::kTestPlugin, "--data-dir", data_dir(),
                 R"({"op":"plugin_info"})"})
                .exit_code,
            kExitOk);
  EXPECT_EQ(abi_test::read_file(key_file), key);
}

TEST_F(HostStubCommandsTest, DemoWalksThroughEveryStep) {
  const auto examples = scratch_.path() / "examples";
  for (const char* schema :
       {"payment.completed.v1", "invoice.sent.v1", "invoice.updated.v1", "settings.changed.v1"}) {
    std::filesystem::create_directories(examples / schema / "valid");
    abi_test::write_file(examples / schema / "valid" / "basic.json",
                         std::string(R"({"account_id":"acc-demo","event_id":")") + schema + "\"}");
  }
  std::filesystem::create_directories(examples / "payment.completed.v1" / "invalid");
  abi_test::write_file(examples / "payment.completed.v1" / "invalid" / "no_event_id.json",
                       R"({"account_id":"acc-demo"})");
  const Outcome outcome =
      run({"demo", "--plugin", abi_test::kTestPlugin, "--examples", examples.string()});
  EXPECT_EQ(outcome.exit_code, kExitOk) << outcome.err;
  EXPECT_THAT(outcome.out, AllOf(HasSubstr("payment.completed.v1/valid/basic.json  ->  OK"),
                                 HasSubstr("(again)  ->  DUPLICATE"),
                                 HasSubstr("invalid input at /event_id: event_id is required"),
                                 HasSubstr("account acc-demo:"), HasSubstr("(4 records)"),
                                 HasSubstr("The demo ran as expected.")));
  // The temporary data directory is gone afterwards.
  const auto data_line = outcome.out.find("data directory: ");
  ASSERT_NE(data_line, std::string::npos);
  const auto start = data_line + std::string("data directory: ").size();
  const std::string used = outcome.out.substr(start, outcome.out.find('\n', start) - start);
  EXPECT_FALSE(std::filesystem::exists(used)) << used;
}

TEST_F(HostStubCommandsTest, DemoNamesAMissingSandbox) {
  const Outcome outcome =
      run({"demo", "--plugin", abi_test::kTestPlugin, "--examples",
           (scratch_.path() / "none").string(), "--sandbox", "/no/such/qbo-sandbox"});
  EXPECT_EQ(outcome.exit_code, kExitFailure);
  EXPECT_THAT(outcome.err, HasSubstr("no QBO sandbox at /no/such/qbo-sandbox"));
}

TEST_F(HostStubCommandsTest, DemoFailsLoudlyWithoutExamples) {
  const Outcome outcome = run({"demo", "--plugin", abi_test::kTestPlugin, "--examples",
                               (scratch_.path() / "none").string()});
  EXPECT_EQ(outcome.exit_code, kExitFailure);
  EXPECT_THAT(outcome.err, HasSubstr("no valid example events under"));
}

// ---------------------------------------------------------------------------------------------
// Against the real plugin, libqbo_sync.so, and the schema examples.

std::vector<std::string> example_files(const std::string& schema, const std::string& kind) {
  std::vector<std::string> files;
  const auto folder = std::filesystem::path(abi_test::kSchemaExamplesDir) / schema / kind;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
    if (entry.path().extension() == ".json" &&
        !entry.path().filename().string().ends_with(".expect.json")) {
      files.push_back(entry.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

class HostStubRealPluginTest : public HostStubCommandsTest {
 protected:
  void SetUp() override {
    if (std::string(abi_test::kRealPlugin).empty()) {
      GTEST_SKIP() << "libqbo_sync.so is not part of this build";
    }
  }
};

TEST_F(HostStubRealPluginTest, InfoNamesThePlugin) {
  const Outcome outcome = run({"info", "--plugin", abi_test::kRealPlugin});
  EXPECT_EQ(outcome.exit_code, kExitOk) << outcome.err;
  EXPECT_THAT(outcome.out, AllOf(HasSubstr("plugin ABI:     1."), HasSubstr("host ABI:       1.0"),
                                 HasSubstr("libqbo_sync.so")));
}

TEST_F(HostStubRealPluginTest, SentEventsAreDurableAndListedAsTodo) {
  const auto payments = example_files("payment.completed.v1", "valid");
  ASSERT_FALSE(payments.empty()) << "no payment examples under " << abi_test::kSchemaExamplesDir;
  std::vector<std::string> send{
      "send", "--plugin", abi_test::kRealPlugin, "--data-dir", data_dir(), "--hook", "payment"};
  send.insert(send.end(), payments.begin(), payments.end());
  const Outcome first = run(send);
  ASSERT_EQ(first.exit_code, kExitOk) << first.out << first.err;
  for (const auto& line : lines_of(first.out)) {
    EXPECT_THAT(line, HasSubstr(": OK {")) << line;
  }
  // A second process over the same data directory: the store kept every event.
  const Outcome again = run(send);
  EXPECT_EQ(again.exit_code, kExitOk) << again.err;
  for (const auto& line : lines_of(again.out)) {
    EXPECT_THAT(line, HasSubstr(": DUPLICATE {")) << line;
  }
  const std::string account(
      boost::json::parse(abi_test::read_file(payments.front())).at("account_id").as_string());
  const Outcome records = run({"records", "--plugin", abi_test::kRealPlugin, "--data-dir",
                               data_dir(), "--account", account, "--status", "todo"});
  EXPECT_EQ(records.exit_code, kExitOk) << records.err;
  EXPECT_THAT(records.out,
              AllOf(StartsWith("record_id"), HasSubstr("todo"), Not(HasSubstr("(0 records)"))));
}

TEST_F(HostStubRealPluginTest, AnInvalidExampleIsRefusedWithItsPath) {
  const auto invalid = example_files("payment.completed.v1", "invalid");
  ASSERT_FALSE(invalid.empty());
  const Outcome outcome = run({"send", "--plugin", abi_test::kRealPlugin, "--data-dir", data_dir(),
                               "--hook", "payment", invalid.front()});
  EXPECT_EQ(outcome.exit_code, kExitFailure);
  EXPECT_THAT(outcome.out, HasSubstr(": INVALID_INPUT {"));
  // The refusal names the JSON Pointer that the example's .expect.json names.
  std::filesystem::path expectation = invalid.front();
  expectation.replace_extension(".expect.json");
  const std::string expected_path(
      boost::json::parse(abi_test::read_file(expectation)).at("path").as_string());
  EXPECT_THAT(outcome.err, HasSubstr("onPaymentCompleted refused the event as invalid input at " +
                                     expected_path + ": "));
  EXPECT_EQ(error_lines(outcome.err), 1u) << outcome.err;
}

TEST_F(HostStubRealPluginTest, AdminAnswersPluginInfoAndRefusesUnknownOps) {
  const Outcome info = run({"admin", "--plugin", abi_test::kRealPlugin, "--data-dir", data_dir(),
                            R"({"op":"plugin_info"})"});
  EXPECT_EQ(info.exit_code, kExitOk) << info.err;
  EXPECT_TRUE(boost::json::parse(info.out).is_object());
  const Outcome unknown = run({"admin", "--plugin", abi_test::kRealPlugin, "--data-dir", data_dir(),
                               R"({"op":"reticulate","account_id":"a"})"});
  EXPECT_EQ(unknown.exit_code, kExitFailure);
  EXPECT_THAT(unknown.err, HasSubstr("UNSUPPORTED"));
}

// The start-up line of a sandbox listening at `base` (nothing needs to answer for connect_begin).
std::string sandbox_info_json(const std::string& base) {
  return boost::json::serialize(boost::json::object{
      {"api", base + "/v3"},
      {"authorize", base + "/connect/oauth2"},
      {"token", base + "/oauth2/v1/tokens/bearer"},
      {"revoke", base + "/oauth2/v1/tokens/revoke"},
      {"control", base + "/control"},
      {"client_id", "sandbox-client"},
      {"client_secret", "sandbox-secret"},
      {"redirect_uris", boost::json::array{"http://127.0.0.1:8111/oauth/callback"}},
      {"webhook_verifier_token", "verifier"},
      {"companies", boost::json::array{}}});
}

TEST_F(HostStubRealPluginTest, AdminWithSandboxInfoReachesThatSandbox) {
  const auto info = event_file("sandbox-info.json", sandbox_info_json("http://127.0.0.1:8110"));
  const Outcome begun =
      run({"admin", "--plugin", abi_test::kRealPlugin, "--data-dir", data_dir(), "--sandbox-info",
           info, R"({"op":"connect_begin","account_id":"acct-1"})"});
  ASSERT_EQ(begun.exit_code, kExitOk) << begun.err;
  const std::string url(boost::json::parse(begun.out).at("authorization_url").as_string());
  EXPECT_THAT(url, AllOf(StartsWith("http://127.0.0.1:8110/connect/oauth2?"),
                         HasSubstr("client_id=sandbox-client"),
                         HasSubstr("127.0.0.1%3A8111%2Foauth%2Fcallback")));
  // Without it, the same data directory knows no sandbox.
  const Outcome plain = run({"admin", "--plugin", abi_test::kRealPlugin, "--data-dir", data_dir(),
                             R"({"op":"connect_begin","account_id":"acct-1"})"});
  EXPECT_THAT(plain.out, Not(HasSubstr("127.0.0.1:8110")));
}

TEST_F(HostStubRealPluginTest, AMissingOrForeignSandboxInfoFileIsNamed) {
  const Outcome missing =
      run({"records", "--plugin", abi_test::kRealPlugin, "--data-dir", data_dir(), "--account", "a",
           "--sandbox-info", (scratch_.path() / "nowhere.json").string()});
  EXPECT_EQ(missing.exit_code, kExitFailure);
  EXPECT_THAT(missing.err, HasSubstr("no such sandbox info file"));
  const auto foreign = event_file("other.json", R"({"hello":"world"})");
  const Outcome wrong = run({"send", "--plugin", abi_test::kRealPlugin, "--data-dir", data_dir(),
                             "--hook", "payment", "--sandbox-info", foreign, foreign});
  EXPECT_EQ(wrong.exit_code, kExitFailure);
  EXPECT_THAT(wrong.err, HasSubstr("is not the sandbox's start-up line"));
}

TEST_F(HostStubRealPluginTest, TheDemoRunsOverTheSchemaExamples) {
  const Outcome outcome =
      run({"demo", "--plugin", abi_test::kRealPlugin, "--examples", abi_test::kSchemaExamplesDir});
  EXPECT_EQ(outcome.exit_code, kExitOk) << outcome.out << outcome.err;
  EXPECT_THAT(outcome.out, AllOf(HasSubstr("DUPLICATE"), HasSubstr("INVALID_INPUT"),
                                 HasSubstr("todo"), HasSubstr("The demo ran as expected.")));
}

}  // namespace
}  // namespace qbo_sync::host_stub
