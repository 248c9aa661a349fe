#include "engine/sync_engine.h"

#include <unistd.h>
#include <atomic>
#include <chrono>
#include <future>
#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

#include "engine/record_handler.h"
#include "engine/sync_context.h"

namespace qbo_sync::engine {
namespace asio = boost::asio;

namespace {
constexpr int kLogWarning = 2;  // QBO_SYNC_LOG_WARNING
constexpr int kLogError = 3;    // QBO_SYNC_LOG_ERROR

// The handlers' view of the plugin clock: ms since the Unix epoch.
std::function<int64_t()> wall_clock_of(clock::Scheduler* scheduler) {
  return [scheduler] { return scheduler->clock().now_ms(); };
}
}  // namespace

// The dispatcher runs on one thread of `io`: it alone leases records, so the count of records in
// flight needs no lock. Attempts run on `workers`; each posts its completion back to `io`. The poll
// is a task on the plugin's scheduler that wakes the dispatcher.
struct SyncEngine::Impl {
  Impl(SyncEngineServices s, SyncEngineOptions o)
      : services(std::move(s)),
        options(std::move(o)),
        clock(wall_clock_of(services.scheduler)),
        context(*services.store, *services.api, services.active_connection, clock, SyncOptions{}),
        handlers(record_handlers(context)) {
    if (options.worker_threads < 1) options.worker_threads = 1;
    if (options.owner.empty()) {
      options.owner = "engine-" + std::to_string(::getpid()) + "-" + std::to_string(clock()) + "-" +
                      std::to_string(reinterpret_cast<std::uintptr_t>(this));
    }
  }

  void log(int level, const std::string& message) const {
    if (services.log) services.log(level, message);
  }

  // On the io thread.
  void dispatch() {
    if (stopping) return;
    const int capacity = options.worker_threads * 2 - in_flight;
    if (capacity <= 0) return;
    std::vector<store::SyncRecord> leased;
    try {
      const int64_t now = clock();
      leased =
          services.store->lease_due_records(options.owner, now, now + options.lease_ms, capacity);
    } catch (const std::exception& error) {
      log(kLogError, std::string("sync engine: could not lease records: ") + error.what());
      return;
    }
    for (auto& record : leased) {
      ++in_flight;
      asio::post(*workers, [this, record = std::move(record)] {
        run(record);
        asio::post(io, [this] {
          --in_flight;
          dispatch();
        });
      });
    }
  }

  // On a worker.
  void run(const store::SyncRecord& record) {
    store::AttemptOutcome outcome;
    if (RecordHandler* handler = handlers.find(record.object_type)) {
      outcome = handler->run(record);
    } else {
      // Not synced by this engine yet: look again later.
      outcome.next_attempt_at_ms = clock() + options.poll_interval_ms * 60LL;
      outcome.audit_detail = R"({"outcome":"deferred","reason":"object type not synced yet"})";
    }
    bool recorded = false;
    try {
      services.store->finish_attempt(record.id, record.revision, options.owner, outcome);
      recorded = true;
    } catch (const std::exception& error) {
      // The lease expires and the record is taken up again; the attempt settles by lookup.
      log(kLogWarning, "sync engine: could not record the attempt of record " +
                           std::to_string(record.id) + ": " + error.what());
    }
    if (recorded && services.on_finished) {
      try {
        services.on_finished(record, outcome);
      } catch (const std::exception& error) {
        log(kLogWarning, std::string("sync engine: after-attempt hook failed: ") + error.what());
      }
    }
    finished.fetch_add(1, std::memory_order_relaxed);
  }

  // On the scheduler's thread: wakes the dispatcher and comes back after the poll interval.
  void poll() {
    asio::post(io, [this] { dispatch(); });
    services.scheduler->wake_after(poll_task, std::chrono::milliseconds(options.poll_interval_ms));
  }

  SyncEngineServices services;
  SyncEngineOptions options;
  std::function<int64_t()> clock;
  // Shared by every handler: a payment and an invoice of one new contact create one customer.
  SyncContext context;
  HandlerTable handlers;  // by object type; null for a type this engine does not sync yet
  asio::io_context io;
  clock::Scheduler::TaskId poll_task = 0;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;
  std::unique_ptr<asio::thread_pool> workers;
  std::thread io_thread;
  bool running = false;
  bool stopping = false;  // read and written on the io thread only, once running
  int in_flight = 0;
  std::atomic<int64_t> finished{0};
};

SyncEngine::SyncEngine(SyncEngineServices services, SyncEngineOptions options)
    : impl_(std::make_unique<Impl>(std::move(services), std::move(options))) {}

SyncEngine::~SyncEngine() {
  stop();
}

void SyncEngine::start() {
  Impl& impl = *impl_;
  if (impl.running) return;
  impl.running = true;
  impl.stopping = false;
  impl.workers = std::make_unique<asio::thread_pool>(impl.options.worker_threads);
  impl.work.emplace(impl.io.get_executor());
  impl.io.restart();
  asio::post(impl.io, [&impl] { impl.dispatch(); });
  impl.io_thread = std::thread([&impl] { impl.io.run(); });
  impl.poll_task = impl.services.scheduler->add([&impl] { impl.poll(); });
  impl.services.scheduler->wake_after(impl.poll_task,
                                      std::chrono::milliseconds(impl.options.poll_interval_ms));
}

void SyncEngine::stop() {
  Impl& impl = *impl_;
  if (!impl.running) return;
  impl.services.scheduler->remove(impl.poll_task);
  std::promise<void> stopped;
  asio::post(impl.io, [&impl, &stopped] {
    impl.stopping = true;
    stopped.set_value();
  });
  // From here on nothing new is handed to the workers.
  stopped.get_future().wait();
  // Running attempts finish (their completions are posted to io, which still runs).
  impl.workers->join();
  impl.work.reset();
  impl.io_thread.join();
  impl.workers.reset();
  impl.running = false;
}

void SyncEngine::notify() {
  if (!impl_->running) return;
  asio::post(impl_->io, [impl = impl_.get()] { impl->dispatch(); });
}

int64_t SyncEngine::attempts_finished() const {
  return impl_->finished.load(std::memory_order_relaxed);
}

}  // namespace qbo_sync::engine
