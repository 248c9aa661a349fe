// Hook intake benchmark: latency (median, p99) and sustained throughput of onPaymentCompleted
// through the real libqbo_sync.so (handshake, validation, durable group-committed enqueue), from 1
// and from 8 host threads. Prints its figures against the budgets of docs/performance.md.
#include <dlfcn.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "qbo_sync/plugin_api.h"

namespace {

using Clock = std::chrono::steady_clock;

std::string read_file(const std::string& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at)) {
    text.replace(at, from.size(), to);
    at += to.size();
  }
}

struct RunResult {
  double median_us;
  double p99_us;
  double events_per_second;
  std::size_t refused;
};

RunResult run(const qbo_sync_plugin_api* api, qbo_sync_instance* instance,
              const std::string& payload_template, int threads, int per_thread, int run_id) {
  std::vector<std::vector<double>> latencies(static_cast<std::size_t>(threads));
  std::vector<std::size_t> refused(static_cast<std::size_t>(threads), 0);
  std::vector<std::thread> workers;
  const auto started = Clock::now();
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      auto& mine = latencies[static_cast<std::size_t>(t)];
      mine.reserve(static_cast<std::size_t>(per_thread));
      for (int i = 0; i < per_thread; ++i) {
        std::string payload = payload_template;
        const std::string suffix =
            std::to_string(run_id) + "-" + std::to_string(t) + "-" + std::to_string(i);
        replace_all(payload, "evt-ca-pay-0001", "evt-bench-" + suffix);
        replace_all(payload, "pay-ca-0001", "pay-bench-" + suffix);
        const auto before = Clock::now();
        const int32_t status =
            api->onPaymentCompleted(instance, {payload.data(), payload.size()}, nullptr);
        const auto after = Clock::now();
        if (status != QBO_SYNC_OK) ++refused[static_cast<std::size_t>(t)];
        mine.push_back(std::chrono::duration<double, std::micro>(after - before).count());
      }
    });
  }
  for (auto& worker : workers) worker.join();
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  std::vector<double> all;
  for (auto& mine : latencies) all.insert(all.end(), mine.begin(), mine.end());
  std::sort(all.begin(), all.end());
  RunResult result{};
  result.median_us = all[all.size() / 2];
  result.p99_us = all[std::min(all.size() - 1, all.size() * 99 / 100)];
  result.events_per_second = static_cast<double>(all.size()) / seconds;
  for (auto count : refused) result.refused += count;
  return result;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string plugin = argc > 1 ? argv[1] : QBO_SYNC_PLUGIN_PATH;
  const std::string example = std::string(QBO_SYNC_SCHEMAS_DIR) +
                              "/examples/payment.completed.v1/valid/01-ca-on-order-form.json";
  void* library = dlopen(plugin.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!library) {
    std::fprintf(stderr, "intake_bench: cannot load %s: %s\n", plugin.c_str(), dlerror());
    return 1;
  }
  auto entry = reinterpret_cast<qbo_sync_entry_fn>(dlsym(library, QBO_SYNC_ENTRY_SYMBOL));
  qbo_sync_entry_request request{sizeof(request), QBO_SYNC_ABI_MAJOR, QBO_SYNC_ABI_MINOR};
  qbo_sync_entry_result result{};
  result.struct_size = sizeof(result);
  if (!entry || entry(&request, &result) != QBO_SYNC_OK) {
    std::fprintf(stderr, "intake_bench: handshake failed\n");
    return 1;
  }
  const std::string payload = read_file(example);
  const auto data_dir = std::filesystem::temp_directory_path() /
                        ("qbo_sync_intake_bench_" + std::to_string(::getpid()));
  std::filesystem::create_directories(data_dir);
  const std::string config = R"({"data_dir":")" + data_dir.string() + R"(","encryption_key":")" +
                             std::string(64, '0') + R"("})";
  qbo_sync_instance* instance = nullptr;
  if (result.api->create(nullptr, {config.data(), config.size()}, &instance, nullptr) !=
      QBO_SYNC_OK) {
    std::fprintf(stderr, "intake_bench: create failed\n");
    return 1;
  }

  std::printf("hook intake: onPaymentCompleted through %s\n", plugin.c_str());
  std::printf("budget: median <= 200 us, p99 <= 2000 us, >= 5000 events/s (design section 6)\n");
  std::printf("%-10s %10s %12s %10s %14s %8s\n", "threads", "events", "median_us", "p99_us",
              "events_per_s", "refused");
  int run_id = 0;
  for (int threads : {1, 8}) {
    const int per_thread = threads == 1 ? 4000 : 2500;
    run(result.api, instance, payload, threads, 200, run_id++);  // warm-up
    const auto figures = run(result.api, instance, payload, threads, per_thread, run_id++);
    std::printf("%-10d %10d %12.1f %10.1f %14.0f %8zu\n", threads, threads * per_thread,
                figures.median_us, figures.p99_us, figures.events_per_second, figures.refused);
  }
  result.api->destroy(instance);
  std::filesystem::remove_all(data_dir);
  dlclose(library);
  return 0;
}
