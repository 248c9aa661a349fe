// Comparison of secrets whose duration does not reveal where they first differ.
#pragma once

#include <string_view>

namespace qbo_sync::crypto {

// True when `a` and `b` hold the same bytes. Only their lengths may leak through timing.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace qbo_sync::crypto
