// The sync engine: leases due sync records from the store and runs them on its own worker threads
// (never on a host thread), records each outcome, and takes up records whose lease expired because
// the process holding them died. Woken by accepted events and by a poll on the plugin's scheduler.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "clock/scheduler.h"
#include "qbo_client/api_client.h"
#include "store/store.h"

namespace qbo_sync::engine {

struct SyncEngineOptions {
  int worker_threads = 4;
  int poll_interval_ms = 1000;  // on the scheduler's clock, like every interval of the engine
  // How long a leased record belongs to this process before another may take it up.
  int64_t lease_ms = 5 * 60 * 1000;
  // This process's name on the leases; unique per engine.
  std::string owner;
};

struct SyncEngineServices {
  store::Store* store = nullptr;
  qbo::ApiClient* api = nullptr;
  // The tenant's QBO company while it has usable tokens (ConnectionService::active).
  std::function<std::optional<qbo::Connection>(const std::string&)> active_connection;
  // Log lines for the host: level (QBO_SYNC_LOG_*) and message.
  std::function<void(int, const std::string&)> log;
  // The plugin's timer queue: its clock times the attempts (backoffs, leases, quiet periods) and
  // it runs the poll. Must outlive the engine.
  clock::Scheduler* scheduler = nullptr;
  // Told of every attempt once its outcome is recorded (on a worker; must not block for long):
  // e.g. errored records feed the admins' alert digest.
  std::function<void(const store::SyncRecord&, const store::AttemptOutcome&)> on_finished;
};

class SyncEngine {
 public:
  SyncEngine(SyncEngineServices services, SyncEngineOptions options);
  ~SyncEngine();  // stops
  SyncEngine(const SyncEngine&) = delete;
  SyncEngine& operator=(const SyncEngine&) = delete;

  // Starts the dispatcher and the workers. Idempotent.
  void start();
  // Stops taking records, waits for running attempts to finish and joins every thread.
  void stop();
  // Something became due (an event was accepted, an admin retried): look at once. Thread-safe,
  // never blocks.
  void notify();

  // Attempts that finished since start, for the admin status and tests.
  int64_t attempts_finished() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace qbo_sync::engine
