#include "runtime/hook_response.h"

#include <boost/json.hpp>

namespace qbo_sync::runtime {

HookResponse error_response(int32_t status, std::string_view code, std::string_view message,
                            std::string_view path) {
  boost::json::object body;
  body["code"] = code;
  body["message"] = message;
  body["path"] = path;
  return {status, boost::json::serialize(body)};
}

}  // namespace qbo_sync::runtime
