// Crash safety: the host process is killed with SIGKILL at random moments
// while it syncs payments, and started again, five times, over one data directory and one QBO
// sandbox (in this process), with dropped connections, 5xx and 429s injected: in the end exactly
// one Sales Receipt per payment and none missing; redelivered payments answer DUPLICATE.
#include <gtest/gtest.h>

#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
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

#include "plugin_harness.h"
#include "sandbox_harness.h"
#include "store/temp_dir.h"

extern char** environ;

namespace qbo_sync::testing {
namespace {

namespace json = boost::json;
constexpr const char* kAccount = "acct-demo-ca";
constexpr int kPayments = 300;
constexpr int kContacts = 60;
constexpr int kKills = 5;
// Fixed, and printed, so that a failure can be replayed with the same kill points.
constexpr std::uint32_t kSeed = 20261122;
// Leases (5 min) expire in half a second at this scale, so a killed host's records come back
// quickly; the sandbox's throttle minute runs at the same speed as the plugin's governor.
constexpr int kTimeScale = 600;

std::string payment_id(int n) {
  return "pay-crash-" + std::to_string(n);
}

std::string payment(int n) {
  const int contact = n % kContacts;
  const int64_t price_dollars = 20 + n % 30;
  const std::string price = std::to_string(price_dollars) + ".00";
  const int64_t tax_cents = price_dollars * 13;  // HST ON 13 %, exact in cents
  const auto cents = [](int64_t value) {
    const int64_t rest = value % 100;
    return std::to_string(value / 100) + (rest < 10 ? ".0" : ".") + std::to_string(rest);
  };
  json::object line{
      {"line_id", "li-1"},
      {"product_id", "prod-workshop"},
      {"name", "Workshop seat"},
      {"quantity", "1"},
      {"unit_price", price},
      {"amount", price},
      {"taxable", true},
      {"tax_lines", json::array{json::object{
                        {"name", "HST ON"}, {"rate", "13"}, {"amount", cents(tax_cents)}}}}};
  json::object paid{
      {"id", payment_id(n)},
      {"revision", 1},
      {"source", "product"},
      {"method", "card"},
      {"reference", "ch_crash_" + std::to_string(n)},
      {"paid_at", "2026-03-02T14:05:09Z"},
      {"currency", "CAD"},
      {"tax_inclusive", false},
      {"contact", json::object{{"crm_contact_id", "ct-crash-" + std::to_string(contact)},
                               {"first_name", "Crash"},
                               {"last_name", "Tester " + std::to_string(contact)},
                               {"email", "crash" + std::to_string(contact) + "@example.ca"}}},
      {"lines", json::array{std::move(line)}},
      {"subtotal", price},
      {"discount_total", "0.00"},
      {"tax_total", cents(tax_cents)},
      {"total", cents(price_dollars * 100 + tax_cents)}};
  return json::serialize(json::object{{"schema", "payment.completed.v1"},
                                      {"account_id", kAccount},
                                      {"event_id", "evt-crash-" + std::to_string(n)},
                                      {"occurred_at", "2026-03-02T14:05:11Z"},
                                      {"payment", std::move(paid)}});
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

class PaymentCrashTest : public ::testing::Test {
 protected:
  void SetUp() override {
    library_ = std::make_unique<PluginLibrary>(QBO_SYNC_PLUGIN_PATH);
    config_ = sandbox_.plugin_config(dir_.path().string() + "/data", kTimeScale);
  }

  // Connects the account in this process; the host processes find the tokens in the store.
  void connect() {
    PluginInstance plugin(*library_, host_, config_);
    const auto begun =
        plugin.admin(json::object{{"op", "connect_begin"}, {"account_id", kAccount}});
    ASSERT_EQ(begun.status, QBO_SYNC_OK) << begun.text;
    const auto redirect =
        sandbox_.consent(std::string(begun.body.at("authorization_url").as_string()));
    const auto completed = plugin.admin(json::object{{"op", "connect_complete"},
                                                     {"code", redirect.code},
                                                     {"state", redirect.state},
                                                     {"realm_id", redirect.realm_id}});
    ASSERT_EQ(completed.status, QBO_SYNC_OK) << completed.text;
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

  TempDir dir_;
  SandboxHarness sandbox_{static_cast<double>(kTimeScale)};
  RecordingHost host_;
  std::unique_ptr<PluginLibrary> library_;
  std::string config_;
};

TEST_F(PaymentCrashTest, HostsKilledAtRandomMomentsStillGiveExactlyOneReceiptPerPayment) {
  connect();
  const std::string config_file = dir_.path().string() + "/host-config.json";
  const std::string payloads_file = dir_.path().string() + "/payments.jsonl";
  std::ofstream(config_file) << config_;
  {
    std::ofstream payloads(payloads_file);
    for (int n = 0; n < kPayments; ++n) payloads << payment(n) << "\n";
  }
  inject({{"kind", "drop"},
          {"count", 3},
          {"entity", "SalesReceipt"},
          {"method", "POST"},
          {"after_ledger", true}});
  inject({{"kind", "http_500"},
          {"count", 3},
          {"entity", "SalesReceipt"},
          {"method", "POST"},
          {"after_ledger", true}});
  inject({{"kind", "http_503"}, {"count", 2}, {"entity", "SalesReceipt"}, {"method", "POST"}});
  inject({{"kind", "throttle"}, {"count", 3}, {"entity", "SalesReceipt"}, {"method", "POST"}});

  // The kill points: each run dies once the sandbox has received a random number of further
  // receipt posts (at most half of what is left, so that every run has work to die in, whatever
  // the machine's speed; it may still be delivering the payments then), plus a random few
  // milliseconds so that the kill falls anywhere in an attempt.
  std::cout << "crash test seed " << kSeed << std::endl;
  std::mt19937 random(kSeed);
  std::uniform_int_distribution<int> extra_ms(0, 15);
  int kills_mid_sync = 0;
  for (int run = 1; run <= kKills; ++run) {
    const int left = kPayments - static_cast<int>(receipts().size());
    const int target =
        receipt_posts() + std::uniform_int_distribution<int>(1, std::max(1, left / 2))(random);
    HostProcess host(config_file, payloads_file);
    bool settled = false;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (!settled && receipt_posts() < target && std::chrono::steady_clock::now() < deadline) {
      const auto line = host.next_line(std::chrono::milliseconds(1));
      if (line) {
        check_delivery(*line);
        settled = *line == "settled";
      }
    }
    const int extra = extra_ms(random);
    if (!settled) {
      const auto line = host.next_line(std::chrono::milliseconds(extra));
      if (line) {
        check_delivery(*line);
        settled = *line == "settled";
      }
    }
    host.kill();
    std::cout << "run " << run << ": killed after receipt post " << target << " + " << extra
              << " ms, with " << receipts().size() << " of " << kPayments << " receipts written"
              << (settled ? " (it had settled)" : "") << std::endl;
    if (!settled) ++kills_mid_sync;
  }
  EXPECT_GE(kills_mid_sync, 4) << "too few kills landed while the host was syncing";

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
}

}  // namespace
}  // namespace qbo_sync::testing
