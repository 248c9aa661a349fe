#include "webhook_dispatcher.h"

#include <algorithm>
#include <deque>
#include <map>
#include <mutex>
#include <optional>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/json/array.hpp>
#include <boost/url/parse.hpp>

#include "crypto/random_id.h"
#include "net_names.h"
#include "qbo_time.h"
#include "random_text.h"

namespace qbo_sandbox {
namespace {

using namespace net_names;
namespace json = boost::json;
using std::chrono::milliseconds;

constexpr std::size_t kMaxEventsPerNotification = 100;

struct Target {
  std::string host, port, path;
};

std::optional<Target> parse_target(const std::string& url) {
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed || parsed->scheme() != "http" || parsed->host().empty()) {
    return std::nullopt;
  }
  Target target;
  target.host = parsed->host();
  if (!target.host.empty() && target.host.front() == '[') {
    target.host = target.host.substr(1, target.host.size() - 2);
  }
  target.port = parsed->has_port() ? std::string(parsed->port()) : "80";
  target.path = std::string(parsed->encoded_target());
  if (target.path.empty()) {
    target.path = "/";
  }
  return target;
}

struct AttemptResult {
  int status = 0;
  std::string error;
};

}  // namespace

struct WebhookDispatcher::State {
  asio::io_context& io;
  std::string verifier_token;
  std::string source;

  mutable std::mutex mutex;
  WebhookSettings settings;
  double time_scale = 1.0;
  std::map<std::string, std::deque<ChangeEvent>> pending;  // by realm
  std::map<std::string, bool> pumping;                     // a realm's delivery loop runs
  json::array deliveries;
  bool stopped = false;

  State(asio::io_context& context, std::string token, std::string event_source)
      : io(context), verifier_token(std::move(token)), source(std::move(event_source)) {}

  milliseconds retry_delay(std::size_t failed_attempt) const {  // requires mutex
    if (!settings.retry_delays.empty()) {
      return settings.retry_delays[std::min(failed_attempt, settings.retry_delays.size()) - 1];
    }
    static const std::vector<milliseconds> kQboSchedule{
        std::chrono::seconds(10), std::chrono::seconds(20), std::chrono::seconds(30),
        std::chrono::minutes(5),  std::chrono::minutes(20), std::chrono::hours(2),
        std::chrono::hours(4),    std::chrono::hours(6)};
    const milliseconds base = kQboSchedule[std::min(failed_attempt, kQboSchedule.size()) - 1];
    return milliseconds(
        static_cast<milliseconds::rep>(static_cast<double>(base.count()) / time_scale));
  }

  awaitable<AttemptResult> post(const Target& target, const std::string& body,
                                milliseconds timeout) {
    auto executor = co_await asio::this_coro::executor;
    beast::error_code error;
    asio::ip::tcp::resolver resolver(executor);
    auto endpoints = co_await resolver.async_resolve(target.host, target.port,
                                                     asio::redirect_error(use_awaitable, error));
    if (error) {
      co_return AttemptResult{0, "resolve: " + error.message()};
    }
    beast::tcp_stream stream(executor);
    stream.expires_after(timeout);
    co_await stream.async_connect(endpoints, asio::redirect_error(use_awaitable, error));
    if (error) {
      co_return AttemptResult{0, "connect: " + error.message()};
    }
    http::request<http::string_body> request{http::verb::post, target.path, 11};
    request.set(http::field::host, target.host + ":" + target.port);
    request.set(http::field::user_agent, "intuit_notification_server/0.1");
    request.set(http::field::content_type, "application/json; charset=utf-8");
    request.set("intuit-signature", webhook_signature(verifier_token, body));
    request.set("intuit-created-time", pacific_timestamp(std::chrono::system_clock::now()));
    request.set("intuit-t-id", qbo_sync::crypto::random_uuid());
    request.set("intuit-notification-schema-version", "0.1");
    request.body() = body;
    request.prepare_payload();
    co_await http::async_write(stream, request, asio::redirect_error(use_awaitable, error));
    if (error) {
      co_return AttemptResult{0, "write: " + error.message()};
    }
    beast::flat_buffer buffer;
    http::response<http::string_body> response;
    co_await http::async_read(stream, buffer, response, asio::redirect_error(use_awaitable, error));
    if (error) {
      co_return AttemptResult{0, "read: " + error.message()};
    }
    stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, error);
    co_return AttemptResult{static_cast<int>(response.result_int()), {}};
  }

  // Delivers a realm's pending events, one notification at a time, until none are left.
  awaitable<void> pump(std::string realm_id) {
    auto executor = co_await asio::this_coro::executor;
    asio::steady_timer timer(executor);
    for (;;) {
      milliseconds window;
      {
        std::lock_guard lock(mutex);
        window = settings.batch_window;
      }
      timer.expires_after(window);
      beast::error_code error;
      co_await timer.async_wait(asio::redirect_error(use_awaitable, error));

      std::vector<ChangeEvent> events;
      WebhookSettings current;
      {
        std::lock_guard lock(mutex);
        auto& queue = pending[realm_id];
        while (!queue.empty() && events.size() < kMaxEventsPerNotification) {
          events.push_back(std::move(queue.front()));
          queue.pop_front();
        }
        if (events.empty()) {
          pumping[realm_id] = false;
          co_return;
        }
        current = settings;
      }
      const std::string body = current.format == WebhookFormat::legacy
                                   ? legacy_webhook_payload(realm_id, events)
                                   : cloudevents_webhook_payload(source, events);
      const auto target = parse_target(current.url);
      for (std::size_t attempt = 1; attempt <= current.max_attempts; ++attempt) {
        // Not a conditional expression: GCC 12 miscompiles co_await inside one.
        AttemptResult result{0, "the webhook URL is not an http:// URL: " + current.url};
        if (target) {
          result = co_await post(*target, body, current.response_timeout);
        }
        const bool delivered = result.status == 200;
        {
          std::lock_guard lock(mutex);
          json::object entry;
          entry["realm_id"] = realm_id;
          entry["at"] = utc_timestamp_millis(std::chrono::system_clock::now());
          entry["attempt"] = attempt;
          entry["status"] = result.status;
          entry["delivered"] = delivered;
          entry["events"] = events.size();
          entry["format"] = to_string(current.format);
          if (!result.error.empty()) {
            entry["error"] = result.error;
          }
          deliveries.push_back(std::move(entry));
        }
        if (delivered || attempt == current.max_attempts) {
          break;
        }
        {
          std::lock_guard lock(mutex);
          timer.expires_after(retry_delay(attempt));
        }
        co_await timer.async_wait(asio::redirect_error(use_awaitable, error));
      }
    }
  }
};

WebhookDispatcher::WebhookDispatcher(asio::io_context& io, std::string verifier_token,
                                     std::string source)
    : state_(std::make_shared<State>(io, std::move(verifier_token), std::move(source))) {}

WebhookDispatcher::~WebhookDispatcher() = default;

void WebhookDispatcher::configure(WebhookSettings settings) {
  std::lock_guard lock(state_->mutex);
  state_->settings = std::move(settings);
}

WebhookSettings WebhookDispatcher::settings() const {
  std::lock_guard lock(state_->mutex);
  return state_->settings;
}

void WebhookDispatcher::set_time_scale(double time_scale) {
  std::lock_guard lock(state_->mutex);
  state_->time_scale = time_scale;
}

void WebhookDispatcher::notify(const ChangeEvent& event) {
  {
    std::lock_guard lock(state_->mutex);
    if (state_->settings.url.empty() || state_->stopped) {
      return;
    }
    state_->pending[event.realm_id].push_back(event);
    bool& pumping = state_->pumping[event.realm_id];
    if (pumping) {
      return;  // the realm's delivery loop will pick it up
    }
    pumping = true;
  }
  // Spawned outside the lock: the coroutine may start on this very thread. It keeps the state
  // alive for as long as it runs.
  asio::co_spawn(
      state_->io,
      [state = state_, realm_id = event.realm_id]() -> asio::awaitable<void> {
        co_await state->pump(realm_id);
      },
      asio::detached);
}

void WebhookDispatcher::stop() {
  std::lock_guard lock(state_->mutex);
  state_->stopped = true;
}

json::object WebhookDispatcher::report() const {
  std::lock_guard lock(state_->mutex);
  json::object report;
  const WebhookSettings& settings = state_->settings;
  report["url"] = settings.url;
  report["format"] = to_string(settings.format);
  report["batch_window_ms"] = settings.batch_window.count();
  json::array delays;
  for (std::size_t attempt = 1; attempt < settings.max_attempts; ++attempt) {
    delays.push_back(state_->retry_delay(attempt).count());
  }
  report["retry_delays_ms"] = std::move(delays);
  report["max_attempts"] = settings.max_attempts;
  report["response_timeout_ms"] = settings.response_timeout.count();
  std::size_t pending = 0;
  for (const auto& [realm_id, queue] : state_->pending) {
    pending += queue.size();
  }
  report["pending_events"] = pending;
  std::size_t delivering = 0;
  for (const auto& [realm_id, running] : state_->pumping) {
    if (running) ++delivering;
  }
  report["delivering_realms"] = delivering;
  report["deliveries"] = state_->deliveries;
  return report;
}

}  // namespace qbo_sandbox
