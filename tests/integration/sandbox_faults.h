// Fault rules for the sandbox's /faults control: what QBO's trouble looks like to the plugin.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <string>

namespace qbo_sync::testing {

// The next `count` POSTs of `entity` are written to the ledger and then answered with `kind`
// (http_500, drop...), as when QBO's answer is lost after the write.
inline boost::json::object fault_after_write(const std::string& kind, const std::string& entity,
                                             std::int64_t count = 1) {
  return {{"kind", kind},
          {"count", count},
          {"entity", entity},
          {"method", "POST"},
          {"after_ledger", true}};
}

}  // namespace qbo_sync::testing
