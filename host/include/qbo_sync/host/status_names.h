#pragma once

#include <cstdint>
#include <string>

namespace qbo_sync::host {

// True for the status codes this host was compiled with; anything else is an error to the host.
bool is_known_status(std::int32_t status);

// The status's name ("OK", "INVALID_INPUT", ...) or "UNKNOWN_STATUS(42)" for a code the host does
// not know.
std::string status_name(std::int32_t status);

// True when a hook's status means the event is safely with the plugin (OK or DUPLICATE).
bool is_accepted_status(std::int32_t status);

}  // namespace qbo_sync::host
