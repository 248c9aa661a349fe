// Real time: the production clock.
#pragma once

#include "clock/clock.h"

namespace qbo_sync::clock {

class SystemClock final : public Clock {
 public:
  int64_t now_ms() const override;
  SteadyTime steady_now() const override;
  std::optional<std::chrono::nanoseconds> real_time_for(
      std::chrono::nanoseconds span) const override;
};

}  // namespace qbo_sync::clock
