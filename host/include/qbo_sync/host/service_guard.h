// Host services answer the plugin through the C ABI, which no exception may cross.
#pragma once

#include <cstdint>

#include "qbo_sync/plugin_api.h"

namespace qbo_sync::host {

// What `call` answers, or QBO_SYNC_INTERNAL_ERROR when it throws.
template <typename Call>
std::int32_t answer_without_throwing(Call&& call) noexcept {
  try {
    return call();
  } catch (...) {
    return QBO_SYNC_INTERNAL_ERROR;
  }
}

}  // namespace qbo_sync::host
