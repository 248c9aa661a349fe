#include "runtime/plugin_clock.h"

#include <boost/json.hpp>

#include "qbo_sync/plugin_api.h"

#include "clock/manual_clock.h"
#include "clock/scaled_clock.h"
#include "clock/system_clock.h"

namespace qbo_sync::runtime {
namespace {

// One advance moves the clock at most this far (a year), so that it never overflows.
constexpr int64_t kLongestAdvanceMs = 366LL * 24 * 3600 * 1000;

}  // namespace

std::unique_ptr<clock::Clock> make_plugin_clock(const TestingOptions& testing) {
  if (testing.clock == ClockKind::manual) return std::make_unique<clock::ManualClock>();
  if (testing.clock_speed > 1) {
    return std::make_unique<clock::ScaledClock>(static_cast<double>(testing.clock_speed),
                                                testing.clock_origin_ms);
  }
  return std::make_unique<clock::SystemClock>();
}

HookResponse advance_clock(clock::Scheduler& scheduler, const boost::json::object& request) {
  const auto* ms = request.if_contains("ms");
  if (ms == nullptr || !ms->is_int64() || ms->as_int64() < 0 ||
      ms->as_int64() > kLongestAdvanceMs) {
    return error_response(QBO_SYNC_INVALID_INPUT, "invalid_value",
                          "ms is required: the milliseconds to move the clock forward, 0 to " +
                              std::to_string(kLongestAdvanceMs),
                          "/ms");
  }
  if (!scheduler.advance(std::chrono::milliseconds(ms->as_int64()))) {
    return error_response(QBO_SYNC_UNSUPPORTED, "not_available",
                          "advance_clock is for tests only: it needs the host configuration's "
                          "testing.clock set to manual");
  }
  boost::json::object body;
  body["now_ms"] = scheduler.clock().now_ms();
  return {QBO_SYNC_OK, boost::json::serialize(body)};
}

}  // namespace qbo_sync::runtime
