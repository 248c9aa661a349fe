// Payment sync against the QBO sandbox with QBO's real throttle limits (500 requests and 40 batch
// requests per minute, 10 at once per company), time-scaled: prints QBO calls per receipt with
// known customers (budget in docs/performance.md) and receipts per QBO minute as a fraction of what
// the throttles allow (budget ≥ 95 %). Calls are counted by the sandbox (/control/requests).
//
//   payment_sync_bench [--receipts N] [--time-scale S] [--workers N]
//
// Phases: (1) first payments of every contact (customers and items get created or linked);
// (2) enough known-customer payments to fill QBO's rolling minute, so that (3), the measured
// phase, runs in steady state rather than on the burst an empty window allows.
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <stdexcept>
#include <string>
#include <thread>

#include "hst_on_payment.h"
#include "plugin_harness.h"
#include "plugin_session.h"
#include "sandbox_harness.h"

namespace {

namespace json = boost::json;
using qbo_sync::testing::PluginInstance;
using qbo_sync::testing::PluginLibrary;
using qbo_sync::testing::RecordingHost;
using qbo_sync::testing::SandboxHarness;
using Clock = std::chrono::steady_clock;

constexpr const char* kAccount = "acct-demo-ca";
constexpr int kContacts = 100;
constexpr double kRequestsPerMinute = 500;
constexpr double kBatchesPerMinute = 40;
constexpr double kItemsPerBatch = 30;

std::string payment(int n) {
  const std::string contact = std::to_string(n % kContacts);
  return json::serialize(qbo_sync::testing::hst_on_payment(
      "bench", n, (15 + n % 25) * 100, {{"product_id", "prod-bench"}, {"name", "Bench class"}},
      {{"crm_contact_id", "ct-bench-" + contact},
       {"first_name", "Bench"},
       {"last_name", "Customer " + contact},
       {"email", "bench" + contact + "@example.ca"}}));
}

class Bench {
 public:
  Bench(double time_scale, int workers, const std::filesystem::path& data_dir)
      : sandbox_(time_scale),
        library_(QBO_SYNC_PLUGIN_PATH),
        plugin_(library_, host_, config(data_dir, time_scale, workers)) {}

  std::string config(const std::filesystem::path& data_dir, double time_scale, int workers) {
    json::value parsed =
        json::parse(sandbox_.plugin_config(data_dir.string(), static_cast<int>(time_scale)));
    if (workers > 0) parsed.as_object()["engine"].as_object()["worker_threads"] = workers;
    return json::serialize(parsed);
  }

  void connect() {
    const auto connected = qbo_sync::testing::connect_account(plugin_, sandbox_, kAccount);
    if (connected.status != QBO_SYNC_OK) throw std::runtime_error("connect: " + connected.text);
  }

  // Delivers payments [first, first + count) and waits until none is left to do; returns the
  // seconds from the first delivery until then.
  double sync(int first, int count) {
    const auto start = Clock::now();
    for (int n = first; n < first + count; ++n) {
      const auto answer = plugin_.payment_completed(payment(n));
      if (answer.status != QBO_SYNC_OK) throw std::runtime_error("hook: " + answer.text);
    }
    const auto deadline = start + std::chrono::minutes(5);
    while (any_todo()) {
      if (Clock::now() > deadline) throw std::runtime_error("payments still to do after 5 min");
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return std::chrono::duration<double>(Clock::now() - start).count();
  }

  int not_completed() {
    int count = 0;
    for (const char* status : {"errored", "skipped", "todo"}) {
      const auto answer = plugin_.admin(json::object{
          {"op", "list_records"}, {"account_id", kAccount}, {"status", status}, {"limit", 500}});
      count += static_cast<int>(answer.body.at("records").as_array().size());
    }
    return count;
  }

  json::object calls() {
    return sandbox_.control("GET", "/requests/" + sandbox_.realm_id()).as_object();
  }
  void reset_calls() { sandbox_.control("POST", "/requests/reset"); }
  std::size_t receipts_in_ledger() {
    const auto snapshot = sandbox_.control("GET", "/ledger/" + sandbox_.realm_id()).as_object();
    const auto* count = snapshot.at("counts").as_object().if_contains("SalesReceipt");
    return count ? static_cast<std::size_t>(count->to_number<int64_t>()) : 0;
  }

 private:
  bool any_todo() {
    const auto answer = plugin_.admin(json::object{
        {"op", "list_records"}, {"account_id", kAccount}, {"status", "todo"}, {"limit", 1}});
    return !answer.body.at("records").as_array().empty();
  }

  SandboxHarness sandbox_;
  RecordingHost host_;
  PluginLibrary library_;
  PluginInstance plugin_;
};

int64_t count_of(const json::object& calls, const char* kind) {
  const auto* value = calls.at("by_call").as_object().if_contains(kind);
  return value ? value->to_number<int64_t>() : 0;
}

int run(int receipts, double time_scale, int workers) {
  const auto data_dir =
      std::filesystem::temp_directory_path() / ("payment_sync_bench_" + std::to_string(::getpid()));
  std::filesystem::create_directories(data_dir);
  int result = 0;
  {
    Bench bench(time_scale, workers, data_dir);
    bench.connect();
    std::printf(
        "payment sync against the QBO sandbox: 500 requests/min, 40 batches/min, 10 at "
        "once; time scale %.0f (a QBO minute lasts %.1f s)\n",
        time_scale, 60.0 / time_scale);
    const double warm = bench.sync(0, kContacts);
    std::printf("phase 1: %d first payments of new contacts in %.2f s\n", kContacts, warm);
    const int fill = static_cast<int>(kRequestsPerMinute);
    const double filled = bench.sync(kContacts, fill);
    std::printf("phase 2: %d payments to fill the rolling minute in %.2f s\n", fill, filled);

    bench.reset_calls();
    const double seconds = bench.sync(kContacts + fill, receipts);
    const json::object calls = bench.calls();
    const int64_t total = calls.at("total").to_number<int64_t>();
    const int64_t throttled = calls.at("throttled").to_number<int64_t>();
    const int64_t batches = count_of(calls, "POST batch");
    const double per_receipt = static_cast<double>(total) / receipts;
    const double qbo_minutes = seconds * time_scale / 60.0;
    const double per_minute = receipts / qbo_minutes;
    // One create per receipt under the request limit alone; with batches, 40 of the 500 requests
    // may carry 30 receipts each.
    const double single_ceiling = kRequestsPerMinute;
    const double batch_ceiling =
        kBatchesPerMinute * kItemsPerBatch + (kRequestsPerMinute - kBatchesPerMinute);
    const double ceiling = batches > 0 ? batch_ceiling : single_ceiling;
    std::printf("phase 3 (measured): %d receipts of known customers in %.2f s = %.2f QBO minutes\n",
                receipts, seconds, qbo_minutes);
    std::printf("  QBO calls: %s\n", json::serialize(calls.at("by_call")).c_str());
    std::printf(
        "  QBO calls per receipt: %.3f (%lld calls, %lld answered 429, %lld batches; "
        "budget <= 1.1)\n",
        per_receipt, static_cast<long long>(total), static_cast<long long>(throttled),
        static_cast<long long>(batches));
    std::printf(
        "  receipts per QBO minute: %.1f of %.0f the throttles allow (%s) = %.1f %% "
        "(budget >= 95 %%)\n",
        per_minute, ceiling, batches > 0 ? "single and batch limits" : "single requests",
        100.0 * per_minute / ceiling);
    const int incomplete = bench.not_completed();
    const std::size_t in_ledger = bench.receipts_in_ledger();
    const std::size_t expected = static_cast<std::size_t>(kContacts + fill + receipts);
    std::printf("  records not completed: %d; receipts in the sandbox: %zu of %zu\n", incomplete,
                in_ledger, expected);
    if (incomplete != 0 || in_ledger != expected) result = 1;
  }
  std::filesystem::remove_all(data_dir);
  return result;
}

}  // namespace

int main(int argc, char** argv) {
  int receipts = 1500;
  double time_scale = 20;
  int workers = 0;  // 0: the host configuration's default
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--receipts") {
      receipts = std::atoi(argv[i + 1]);
    } else if (flag == "--time-scale") {
      time_scale = std::atof(argv[i + 1]);
    } else if (flag == "--workers") {
      workers = std::atoi(argv[i + 1]);
    } else {
      std::cerr << "usage: payment_sync_bench [--receipts N] [--time-scale S] [--workers N]\n";
      return 2;
    }
  }
  if (receipts < 1 || !(time_scale >= 1)) {
    std::cerr << "payment_sync_bench: --receipts must be >= 1 and --time-scale >= 1\n";
    return 2;
  }
  try {
    return run(receipts, time_scale, workers);
  } catch (const std::exception& error) {
    std::cerr << "payment_sync_bench: " << error.what() << "\n";
    return 1;
  }
}
