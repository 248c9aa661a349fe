#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace qbo_sandbox {

// "2020-09-29T06:52:56.527-07:00": the "time" field of QBO bodies, in US Pacific time as QBO
// writes it (daylight saving applied by the US rules).
std::string pacific_timestamp(std::chrono::system_clock::time_point at);

// "2016-10-05T03:09:04.000Z": the legacy webhook's lastUpdated.
std::string utc_timestamp_millis(std::chrono::system_clock::time_point at);

// "2025-09-10T21:31:25.179851517Z": the CloudEvents "time".
std::string utc_timestamp_nanos(std::chrono::system_clock::time_point at);

// Milliseconds since the epoch: the "time" of the gateway's lower-camel fault body.
std::int64_t epoch_millis(std::chrono::system_clock::time_point at);

}  // namespace qbo_sandbox
