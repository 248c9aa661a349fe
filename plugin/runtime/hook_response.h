// What a plugin entry answers: an ABI status and a JSON body.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace qbo_sync::runtime {

struct HookResponse {
  int32_t status = 0;
  std::string body;
};

// {"code": ..., "message": ..., "path": ...} with `status`.
HookResponse error_response(int32_t status, std::string_view code, std::string_view message,
                            std::string_view path = "");

}  // namespace qbo_sync::runtime
