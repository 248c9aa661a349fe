#include "intuit_tid.h"

#include <cstdio>

#include "random_text.h"

namespace qbo_sandbox {

std::string make_intuit_tid(std::chrono::system_clock::time_point at) {
  const auto seconds =
      std::chrono::duration_cast<std::chrono::seconds>(at.time_since_epoch()).count();
  char epoch_hex[16];
  std::snprintf(epoch_hex, sizeof epoch_hex, "%08llx",
                static_cast<unsigned long long>(seconds) & 0xffffffffULL);
  return std::string("1-") + epoch_hex + "-" + random_hex(24);
}

}  // namespace qbo_sandbox
