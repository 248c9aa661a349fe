#include "qbo_sync/host_stub/failure_text.h"

#include <boost/json.hpp>

#include "qbo_sync/host/status_names.h"

namespace qbo_sync::host_stub {

namespace {

std::string field(const boost::json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value != nullptr && value->is_string() ? std::string(value->get_string()) : std::string{};
}

}  // namespace

std::string one_line(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\r') {
      c = ' ';
    }
  }
  return text;
}

std::string describe_failure(std::string_view function_name, const host::CallResult& result) {
  const std::string function(function_name);
  if (!host::is_known_status(result.status)) {
    return function + " returned an unknown status code " + std::to_string(result.status) +
           " (treated as an error)";
  }
  boost::system::error_code parse_error;
  const boost::json::value body = boost::json::parse(result.body, parse_error);
  std::string code;
  std::string message;
  std::string path;
  bool has_path = false;
  if (!parse_error && body.is_object()) {
    const auto& object = body.get_object();
    code = field(object, "code");
    message = field(object, "message");
    path = field(object, "path");
    has_path = object.contains("path");
  }
  if (message.empty()) {
    message = result.body.empty() ? "no details given" : result.body;
  }
  if (result.status == QBO_SYNC_INVALID_INPUT) {
    return one_line(function + " refused the event as invalid input at " +
                    (has_path ? (path.empty() ? std::string("\"\" (the whole document)") : path)
                              : std::string("(no path given)")) +
                    ": " + message);
  }
  return one_line(function + " answered " + host::status_name(result.status) +
                  (code.empty() ? "" : " [" + code + "]") + ": " + message);
}

}  // namespace qbo_sync::host_stub
