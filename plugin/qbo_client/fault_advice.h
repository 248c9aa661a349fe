// What a fault means and what to do about it, in words a CRM admin (not an accountant) can act on.
#pragma once

#include <string>

#include "qbo_client/fault.h"

namespace qbo_sync::qbo {

// A plain-language explanation with the fix, e.g. for 6240: "A customer, vendor or employee in
// QuickBooks already uses this name. ..." Includes the QBO element when QBO named one. Never
// contains a token or secret (it is built from the fault's already-redacted texts).
std::string admin_advice(const Fault& fault);

}  // namespace qbo_sync::qbo
