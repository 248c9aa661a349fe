// The plugin's clock as the host configuration asks for it, and the testing-only admin operation
// that moves a manual one.
#pragma once

#include <memory>

#include <boost/json/object.hpp>

#include "clock/clock.h"
#include "clock/scheduler.h"
#include "runtime/hook_response.h"
#include "runtime/host_config.h"

namespace qbo_sync::runtime {

// Real time; `testing.clock_speed` times faster; or, with `testing.clock: manual`, standing still.
std::unique_ptr<clock::Clock> make_plugin_clock(const TestingOptions& testing);

// {"op": "advance_clock", "ms": N}: moves a manual clock N ms forward and runs everything that
// fell due on the way before answering {"now_ms": ...}. Refused unless the clock is manual.
HookResponse advance_clock(clock::Scheduler& scheduler, const boost::json::object& request);

}  // namespace qbo_sync::runtime
