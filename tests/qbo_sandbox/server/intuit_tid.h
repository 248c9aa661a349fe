#pragma once

#include <chrono>
#include <string>

namespace qbo_sandbox {

// A per-response transaction id in QBO's format, "1-5f733c38-6312b3f50596e47933ee0781": "1-",
// the epoch seconds in hex (8 digits), "-", 24 random hex digits.
std::string make_intuit_tid(std::chrono::system_clock::time_point at);

}  // namespace qbo_sandbox
