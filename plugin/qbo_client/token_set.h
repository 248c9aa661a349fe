// The OAuth tokens of one tenant's QBO connection, with their absolute expiry times.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "clock/clock.h"

namespace qbo_sync::qbo {

using WallClock = std::chrono::system_clock;
using WallTime = WallClock::time_point;

// The wall time on the plugin's clock.
inline WallTime wall_time_on(const clock::Clock& clock) {
  return WallTime{std::chrono::milliseconds(clock.now_ms())};
}

// Holds secrets: never log, print or return it through the admin surface.
struct TokenSet {
  std::string access_token;
  std::string refresh_token;
  WallTime issued_at{};
  WallTime access_expires_at{};
  WallTime refresh_expires_at{};  // rolling expiry (about 100 days), extended by each refresh
  // The refresh token's 5-year cap, when Intuit reported it.
  std::optional<WallTime> refresh_hard_expires_at;

  friend bool operator==(const TokenSet&, const TokenSet&) = default;
};

}  // namespace qbo_sync::qbo
