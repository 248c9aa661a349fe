#include "store/sync_record.h"

namespace qbo_sync::store {

std::string_view to_string(RecordStatus status) {
  switch (status) {
    case RecordStatus::todo:
      return "todo";
    case RecordStatus::completed:
      return "completed";
    case RecordStatus::errored:
      return "errored";
    case RecordStatus::skipped:
      return "skipped";
  }
  return "todo";
}

std::optional<RecordStatus> parse_record_status(std::string_view text) {
  for (auto status : {RecordStatus::todo, RecordStatus::completed, RecordStatus::errored,
                      RecordStatus::skipped}) {
    if (to_string(status) == text) return status;
  }
  return std::nullopt;
}

}  // namespace qbo_sync::store
