#include "store/database_access.h"

#include <chrono>

namespace qbo_sync::store {

DatabaseAccess::DatabaseAccess(std::unique_ptr<Database> writer, std::unique_ptr<Database> reader,
                               Clock clock)
    : writer_(std::move(writer)), reader_(std::move(reader)), clock_(std::move(clock)) {}

int64_t DatabaseAccess::now() const {
  if (clock_) return clock_();
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace qbo_sync::store
