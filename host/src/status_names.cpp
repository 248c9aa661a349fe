#include "qbo_sync/host/status_names.h"

#include "qbo_sync/plugin_api.h"

namespace qbo_sync::host {

namespace {

const char* known_status_name(std::int32_t status) {
  switch (status) {
    case QBO_SYNC_OK:
      return "OK";
    case QBO_SYNC_DUPLICATE:
      return "DUPLICATE";
    case QBO_SYNC_INVALID_INPUT:
      return "INVALID_INPUT";
    case QBO_SYNC_NOT_CONNECTED:
      return "NOT_CONNECTED";
    case QBO_SYNC_BUSY:
      return "BUSY";
    case QBO_SYNC_INTERNAL_ERROR:
      return "INTERNAL_ERROR";
    case QBO_SYNC_VERSION_MISMATCH:
      return "VERSION_MISMATCH";
    case QBO_SYNC_UNSUPPORTED:
      return "UNSUPPORTED";
    default:
      return nullptr;
  }
}

}  // namespace

bool is_known_status(std::int32_t status) {
  return known_status_name(status) != nullptr;
}

std::string status_name(std::int32_t status) {
  if (const char* name = known_status_name(status)) {
    return name;
  }
  return "UNKNOWN_STATUS(" + std::to_string(status) + ")";
}

bool is_accepted_status(std::int32_t status) {
  return status == QBO_SYNC_OK || status == QBO_SYNC_DUPLICATE;
}

}  // namespace qbo_sync::host
