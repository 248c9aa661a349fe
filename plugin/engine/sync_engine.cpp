#include "engine/sync_engine.h"

#include <unistd.h>
#include <atomic>
#include <chrono>
#include <future>
#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>

#include "engine/record_handler.h"
#include "engine/sync_context.h"

namespace qbo_sync::engine {
namespace asio = boost::asio;

namespace {
constexpr int kLogWarning = 2;  // QBO_SYNC_LOG_WARNING
constexpr int kLogError = 3;    // QBO_SYNC_LOG_ERROR

int64_t system_now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}
}  // namespace

// The dispatcher runs on one thread of `io`: it alone leases records, so the count of records in
// flight needs no lock. Attempts run on `workers`; each posts its completion back to `io`.
struct SyncEngine::Impl {
  Impl(SyncEngineServices s, SyncEngineOptions o)
      : services(std::move(s)),
        options(std::move(o)),
        clock(services.clock ? services.clock : std::function<int64_t()>(system_now_ms)),
        context(*services.store, *services.api, services.active_connection, clock,
                SyncOptions{options.time_scale > 0 ? 1.0 / options.time_scale : 1.0}),
        handlers(record_handlers(context)),
        timer(io) {
    if (options.worker_threads < 1) options.worker_threads = 1;
    if (options.owner.empty()) {
      options.owner = "engine-" + std::to_string(::getpid()) + "-" +
                      std::to_string(system_now_ms()) + "-" +
                      std::to_string(reinterpret_cast<std::uintptr_t>(this));
    }
  }

  void log(int level, const std::string& message) const {
    if (services.log) services.log(level, message);
  }

  int64_t scaled(int64_t ms) const {
    const double scale = options.time_scale > 0 ? options.time_scale : 1.0;
    return std::max<int64_t>(1, static_cast<int64_t>(static_cast<double>(ms) / scale));
  }

  // On the io thread.
  void dispatch() {
    if (stopping) return;
    const int capacity = options.worker_threads * 2 - in_flight;
    if (capacity <= 0) return;
    std::vector<store::SyncRecord> leased;
    try {
      const int64_t now = clock();
      leased = services.store->lease_due_records(options.owner, now, now + scaled(options.lease_ms),
                                                 capacity);
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
      outcome.next_attempt_at_ms = clock() + scaled(options.poll_interval_ms * 60LL);
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

  void arm_timer() {
    timer.expires_after(std::chrono::milliseconds(options.poll_interval_ms));
    timer.async_wait([this](const boost::system::error_code& error) {
      if (error || stopping) return;
      dispatch();
      arm_timer();
    });
  }

  SyncEngineServices services;
  SyncEngineOptions options;
  std::function<int64_t()> clock;
  // Shared by every handler: a payment and an invoice of one new contact create one customer.
  SyncContext context;
  HandlerTable handlers;  // by object type; null for a type this engine does not sync yet
  asio::io_context io;
  asio::steady_timer timer;
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
  asio::post(impl.io, [&impl] {
    impl.dispatch();
    impl.arm_timer();
  });
  impl.io_thread = std::thread([&impl] { impl.io.run(); });
}

void SyncEngine::stop() {
  Impl& impl = *impl_;
  if (!impl.running) return;
  std::promise<void> stopped;
  asio::post(impl.io, [&impl, &stopped] {
    impl.stopping = true;
    impl.timer.cancel();
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
