#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace qbo_sync::host_stub {

// Exit codes of host_stub.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;  // the plugin could not be loaded, refused, or misbehaved
inline constexpr int kExitUsage = 2;    // the command line was wrong

// Runs host_stub with its arguments (without the program name): info, send, records, admin, demo.
// Results go to `out`; diagnostics (one line per error, prefixed "host_stub: error: ") and the
// plugin's log lines go to `err`. Never throws.
int run_host_stub(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// The usage text.
std::string host_stub_usage();

}  // namespace qbo_sync::host_stub
