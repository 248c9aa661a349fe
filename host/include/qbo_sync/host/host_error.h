#pragma once

#include <stdexcept>
#include <string>

namespace qbo_sync::host {

// A failure the host reports to its user as one line: a plugin that cannot be loaded, refuses the
// handshake, misbehaves across the ABI, or answers a call with an error.
class HostError : public std::runtime_error {
 public:
  explicit HostError(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace qbo_sync::host
