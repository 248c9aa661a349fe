// A fault the plugin raises itself (no QBO call behind it), e.g. a company without an income
// account, or an attempt that failed in the store.
#pragma once

#include <string>

#include "qbo_client/fault.h"

namespace qbo_sync::engine {

qbo::Fault local_fault(qbo::FaultClass fault_class, std::string message);

}  // namespace qbo_sync::engine
