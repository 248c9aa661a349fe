// The crash campaign: the host process is killed with SIGKILL twenty times while it syncs
// payments, and started again, over one data directory and one QBO sandbox (in this process),
// with dropped connections, 5xx and 429s injected. Half the kills fall at a random moment of an
// attempt, half at the instant after QBO committed a receipt and before its answer left. It runs
// against a sandbox that honours QBO's requestid and against one that ignores it (an
// intermediary, or a replay window passed) in a company that does not check DocNumbers, where
// only the plugin's own record of what it was about to write prevents a second receipt. Audit:
// exactly one Sales Receipt per payment, none missing, one customer per contact; redelivered
// payments answer DUPLICATE.
#include <gtest/gtest.h>

#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "hst_on_payment.h"
#include "plugin_harness.h"
#include "plugin_session.h"
#include "sandbox_faults.h"
#include "sandbox_harness.h"
#include "store/temp_dir.h"

extern char** environ;

namespace qbo_sync::testing {
namespace {

namespace json = boost::json;
constexpr const char* kAccount = "acct-demo-ca";
constexpr int kPayments = 300;
constexpr int kContacts = 60;
constexpr int kKills = 20;
// Fixed, and printed, so that a failure can be replayed with the same kill points.
constexpr std::uint32_t kSeed = 20261122;
// Leases (5 min) expire in half a second at this scale, so a killed host's records come back
// quickly; the sandbox's throttle minute runs at the same speed as the plugin's governor.
constexpr int kTimeScale = 600;

std::string payment_id(int n) {
  return "pay-crash-" + std::to_string(n);
}

std::string payment(int n) {
  const std::string contact = std::to_string(n % kContacts);
  json::object event = hst_on_payment("crash", n, (20 + n % 30) * 100,
                                      {{"product_id", "prod-workshop"}, {"name", "Workshop seat"}},
                                      {{"crm_contact_id", "ct-crash-" + contact},
                                       {"first_name", "Crash"},
                                       {"last_name", "Tester " + contact},
                                       {"email", "crash" + contact + "@example.ca"}});
  event["payment"].as_object()["reference"] = "ch_crash_" + std::to_string(n);
  return json::serialize(event);
}

// One run of crash_host with its stdout on a pipe.
class HostProcess {
 public:
  HostProcess(const std::string& config_file, const std::string& payloads_file) {
    int fds[2];
    if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    posix_spawn_file_actions_addclose(&actions, fds[1]);
    std::vector<std::string> args = {CRASH_HOST_PATH, QBO_SYNC_PLUGIN_PATH, config_file,
                                     payloads_file};
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    const int failed = posix_spawn(&pid_, CRASH_HOST_PATH, &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[1]);
    if (failed != 0) {
      ::close(fds[0]);
      throw std::runtime_error("could not start crash_host");
    }
    out_ = fds[0];
  }
  ~HostProcess() {
    kill();
    ::close(out_);
  }
  HostProcess(const HostProcess&) = delete;
  HostProcess& operator=(const HostProcess&) = delete;

  // The next line it prints; nullopt when it closed its output or `limit` passed.
  std::optional<std::string> next_line(std::chrono::milliseconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    for (;;) {
      if (auto newline = pending_.find('\n'); newline != std::string::npos) {
        std::string line = pending_.substr(0, newline);
        pending_.erase(0, newline + 1);
        return line;
      }
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return std::nullopt;
      pollfd ready{out_, POLLIN, 0};
      if (::poll(&ready, 1, static_cast<int>(left.count())) <= 0) continue;
      char buffer[512];
      const ssize_t got = ::read(out_, buffer, sizeof buffer);
      if (got <= 0) return std::nullopt;
      pending_.append(buffer, static_cast<std::size_t>(got));
    }
  }

  pid_t pid() const { return pid_; }

  void kill() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    wait();
  }

  // The exit status once it ended.
  int wait() {
    int status = 0;
    if (pid_ > 0) ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return status;
  }

 private:
  pid_t pid_ = -1;
  int out_ = -1;
  std::string pending_;
};

// Whether the sandbox answers a repeated requestid with the first answer, as QBO does, or
// ignores it and applies the write again.
enum class RequestIds { honoured, ignored };

std::string name_of(const ::testing::TestParamInfo<RequestIds>& info) {
  return info.param == RequestIds::honoured ? "RequestIdsHonoured" : "RequestIdsIgnored";
}

class PaymentCrashTest : public ::testing::TestWithParam<RequestIds> {
 protected:
  void SetUp() override {
    library_ = std::make_unique<PluginLibrary>(QBO_SYNC_PLUGIN_PATH);
    // Every host of the campaign keeps one sped-up timeline: a host started after a killed one
    // does not start its clock again from the real time, behind the leases the dead one left.
    auto config =
        boost::json::parse(sandbox_.plugin_config(dir_.path().string() + "/data", kTimeScale))
            .as_object();
    config["testing"].as_object()["clock_origin_ms"] =
        std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::system_clock::now().time_since_epoch())
            .count();
    config_ = boost::json::serialize(config);
    if (GetParam() == RequestIds::ignored) {
      // Nothing in QBO then stops a second receipt: no requestid replay, no DocNumber check.
      sandbox_.server().ledger().set_request_id_ttl(std::chrono::seconds(0));
      sandbox_.server().ledger().set_unique_doc_numbers(false);
    }
    // Kills "the instant after QBO committed a write": the sandbox calls this after it commits
    // a receipt and before it answers.
    sandbox_.server().ledger().on_change([this](const qbo_sandbox::ChangeEvent& change) {
      if (change.entity != "SalesReceipt" || change.operation != "Create") return;
      if (commits_until_kill_.fetch_sub(1) == 1) {
        if (const pid_t pid = armed_host_.exchange(0); pid > 0) ::kill(pid, SIGKILL);
      }
    });
  }

  // Connects the account in this process; the host processes find the tokens in the store.
  void connect() {
    PluginInstance plugin(*library_, host_, config_);
    const auto connected = connect_account(plugin, sandbox_, kAccount);
    ASSERT_EQ(connected.status, QBO_SYNC_OK) << connected.text;
  }

  void inject(json::object rule) {
    rule["realm_id"] = sandbox_.realm_id();
    sandbox_.control("POST", "/faults", json::serialize(rule));
  }

  // A host's "delivered accepted=<a> duplicate=<d>" line: every payment answered one or the
  // other. Returns {a, d}; {-1, -1} for another line.
  static std::pair<int, int> check_delivery(const std::string& line) {
    int accepted = -1;
    int duplicate = -1;
    if (std::sscanf(line.c_str(), "delivered accepted=%d duplicate=%d", &accepted, &duplicate) !=
        2) {
      EXPECT_EQ(line, "settled") << "an unexpected line from the host";
      return {-1, -1};
    }
    EXPECT_EQ(accepted + duplicate, kPayments) << line;
    return {accepted, duplicate};
  }

  // Receipt creates the sandbox has received so far, answered or not.
  int receipt_posts() {
    const auto calls = sandbox_.control("GET", "/requests/" + sandbox_.realm_id()).as_object();
    const auto* posts = calls.at("by_call").as_object().if_contains("POST salesreceipt");
    return posts ? static_cast<int>(posts->to_number<int64_t>()) : 0;
  }

  json::array receipts() {
    const auto snapshot = sandbox_.control("GET", "/ledger/" + sandbox_.realm_id()).as_object();
    const auto* list = snapshot.at("objects").as_object().if_contains("SalesReceipt");
    return list ? list->as_array() : json::array();
  }

  // One customer per contact: the crash hosts' contacts are "Crash Tester <n>".
  void expect_one_customer_per_contact() {
    const auto snapshot = sandbox_.control("GET", "/ledger/" + sandbox_.realm_id()).as_object();
    std::map<std::string, int> customers_per_email;
    for (const auto& customer : snapshot.at("objects").at("Customer").as_array()) {
      const auto* email = customer.as_object().if_contains("PrimaryEmailAddr");
      if (email == nullptr) continue;
      const std::string address(email->at("Address").as_string());
      if (address.starts_with("crash")) ++customers_per_email[address];
    }
    EXPECT_EQ(customers_per_email.size(), static_cast<std::size_t>(kContacts));
    for (const auto& [address, count] : customers_per_email) {
      EXPECT_EQ(count, 1) << address;
    }
  }

  // Before the sandbox, so that they outlive its listener.
  std::atomic<int> commits_until_kill_{0};
  std::atomic<pid_t> armed_host_{0};
  TempDir dir_;
  SandboxHarness sandbox_{static_cast<double>(kTimeScale)};
  RecordingHost host_;
  std::unique_ptr<PluginLibrary> library_;
  std::string config_;
};

TEST_P(PaymentCrashTest, HostsKilledTwentyTimesStillGiveExactlyOneReceiptPerPayment) {
  connect();
  const std::string config_file = dir_.path().string() + "/host-config.json";
  const std::string payloads_file = dir_.path().string() + "/payments.jsonl";
  std::ofstream(config_file) << config_;
  {
    std::ofstream payloads(payloads_file);
    for (int n = 0; n < kPayments; ++n) payloads << payment(n) << "\n";
  }
  inject(fault_after_write("drop", "SalesReceipt", 3));
  inject(fault_after_write("http_500", "SalesReceipt", 3));
  inject({{"kind", "http_503"}, {"count", 2}, {"entity", "SalesReceipt"}, {"method", "POST"}});
  inject({{"kind", "throttle"}, {"count", 3}, {"entity", "SalesReceipt"}, {"method", "POST"}});

  // The kill points. Odd runs die once the sandbox has received a random number of further
  // receipt posts (a share of what is left, so that every run has work to die in, whatever the
  // machine's speed; it may still be delivering the payments then), plus a random few
  // milliseconds so that the kill falls anywhere in an attempt. Even runs die the instant the
  // sandbox has committed a random number of further receipts, before that answer leaves.
  std::cout << "crash test seed " << kSeed << std::endl;
  std::mt19937 random(kSeed);
  std::uniform_int_distribution<int> extra_ms(0, 15);
  int kills_mid_sync = 0;
  for (int run = 1; run <= kKills; ++run) {
    const int left = kPayments - static_cast<int>(receipts().size());
    const int share = std::max(1, 2 * left / (kKills - run + 3));
    const int further = std::uniform_int_distribution<int>(1, share)(random);
    const bool after_commit = run % 2 == 0;
    const int target = receipt_posts() + further;
    HostProcess host(config_file, payloads_file);
    if (after_commit) {
      commits_until_kill_ = further;
      armed_host_ = host.pid();
    }
    bool settled = false;
    bool died = false;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (!settled && !died && (after_commit || receipt_posts() < target) &&
           std::chrono::steady_clock::now() < deadline) {
      const auto line = host.next_line(std::chrono::milliseconds(1));
      if (line) {
        check_delivery(*line);
        settled = *line == "settled";
      }
      died = after_commit && armed_host_ == 0;
    }
    const int extra = after_commit ? 0 : extra_ms(random);
    if (!settled && !died) {
      const auto line = host.next_line(std::chrono::milliseconds(extra));
      if (line) {
        check_delivery(*line);
        settled = *line == "settled";
      }
    }
    armed_host_ = 0;
    host.kill();
    std::cout << "run " << run << ": killed "
              << (after_commit ? "at the commit of receipt " + std::to_string(further) + " more"
                               : "after receipt post " + std::to_string(target) + " + " +
                                     std::to_string(extra) + " ms")
              << ", with " << receipts().size() << " of " << kPayments << " receipts written"
              << (settled ? " (it had settled)" : "") << std::endl;
    if (!settled) ++kills_mid_sync;
  }
  EXPECT_GE(kills_mid_sync, kKills - 4) << "too few kills landed while the host was syncing";

  // A last run, left alone, finishes the work. Every payment with a receipt was accepted before,
  // so its redelivery must be a duplicate.
  const std::size_t written_before = receipts().size();
  HostProcess last(config_file, payloads_file);
  const auto delivered = last.next_line(std::chrono::seconds(60));
  ASSERT_TRUE(delivered);
  const auto [accepted, duplicate] = check_delivery(*delivered);
  EXPECT_GE(duplicate, static_cast<int>(written_before)) << *delivered;
  EXPECT_EQ(accepted + duplicate, kPayments);
  ASSERT_EQ(last.next_line(std::chrono::seconds(60)), std::optional<std::string>("settled"));
  const int status = last.wait();
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);

  // Exactly one receipt per payment, none missing: each names its payment in PrivateNote.
  std::map<std::string, int> receipts_per_payment;
  for (const auto& receipt : receipts()) {
    const std::string note(receipt.at("PrivateNote").as_string());
    int named = 0;
    for (int n = 0; n < kPayments; ++n) {
      const std::string id = payment_id(n);
      const auto at = note.find(id);
      // "pay-crash-1" is a prefix of "pay-crash-10": the id must end where a digit does not follow.
      if (at != std::string::npos &&
          (at + id.size() == note.size() ||
           !std::isdigit(static_cast<unsigned char>(note[at + id.size()])))) {
        ++receipts_per_payment[id];
        ++named;
      }
    }
    EXPECT_EQ(named, 1) << note;
  }
  for (int n = 0; n < kPayments; ++n) {
    EXPECT_EQ(receipts_per_payment[payment_id(n)], 1) << payment_id(n);
  }

  // And the store agrees: every record completed, each with its own receipt.
  PluginInstance plugin(*library_, host_, config_);
  std::map<std::string, std::string> record_of_receipt;
  json::value cursor;
  std::size_t records = 0;
  do {
    json::object request{{"op", "list_records"}, {"account_id", kAccount}, {"limit", 500}};
    if (cursor.is_string()) request["cursor"] = cursor;
    const auto answer = plugin.admin(request);
    ASSERT_EQ(answer.status, QBO_SYNC_OK) << answer.text;
    for (const auto& record : answer.body.at("records").as_array()) {
      ++records;
      EXPECT_EQ(record.at("status"), "completed") << json::serialize(record);
      EXPECT_TRUE(record_of_receipt
                      .emplace(record.at("qbo_id").as_string(), record.at("object_id").as_string())
                      .second)
          << json::serialize(record);
    }
    cursor = answer.body.at("next_cursor");
  } while (cursor.is_string());
  EXPECT_EQ(records, static_cast<std::size_t>(kPayments));
  expect_one_customer_per_contact();
}

INSTANTIATE_TEST_SUITE_P(Sandboxes, PaymentCrashTest,
                         ::testing::Values(RequestIds::honoured, RequestIds::ignored), name_of);

}  // namespace
}  // namespace qbo_sync::testing
