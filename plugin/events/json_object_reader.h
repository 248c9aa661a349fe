// The common start of reading anything a host hands over (hook payloads, admin requests, host
// configuration, host-service answers): the bytes (present, within 1 MiB, UTF-8), the JSON (well
// formed, nested at most 32 deep, no key twice in one object), then a JSON object.
#pragma once

#include <string_view>
#include <variant>

#include <boost/json/value.hpp>

#include "events/input_error.h"

namespace qbo_sync::events {

// `text` parsed into a JSON object, or why it cannot be. `what` names the input in messages
// ("the payload", "the admin request").
std::variant<boost::json::value, InputError> read_json_object(
    const char* data, std::size_t size, std::string_view what = "the payload");

}  // namespace qbo_sync::events
