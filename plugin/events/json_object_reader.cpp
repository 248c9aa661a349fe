#include "events/json_object_reader.h"

#include <optional>
#include <string>

#include <boost/json/parse.hpp>

#include "events/duplicate_keys.h"
#include "events/utf8.h"
#include "qbo_sync/plugin_api.h"

namespace qbo_sync::events {
namespace {

using boost::json::value;

// Inputs nest far less deeply than this; the limit keeps a hostile one from exhausting a stack.
constexpr std::size_t kMaxJsonDepth = 32;

InputError whole_input_error(std::string_view code, std::string message) {
  return InputError{std::string(code), std::move(message), ""};
}

std::optional<InputError> check_bytes(const char* data, std::size_t size, std::string_view what) {
  const std::string subject(what);
  if (data == nullptr) {
    return whole_input_error(error_code::kEmptyPayload,
                             subject + " is missing: the view's pointer is NULL");
  }
  if (size == 0) {
    return whole_input_error(error_code::kEmptyPayload, subject + " is empty (zero bytes)");
  }
  if (size > QBO_SYNC_MAX_PAYLOAD_BYTES) {
    return whole_input_error(error_code::kPayloadTooLarge,
                             subject + " is " + std::to_string(size) + " bytes; the limit is " +
                                 std::to_string(QBO_SYNC_MAX_PAYLOAD_BYTES) + " bytes (1 MiB)");
  }
  if (const auto offset = first_invalid_utf8(std::string_view(data, size)); offset) {
    return whole_input_error(error_code::kInvalidUtf8,
                             subject + " is not valid UTF-8: byte " + std::to_string(*offset) +
                                 " does not start a well-formed UTF-8 sequence");
  }
  return std::nullopt;
}

std::variant<value, InputError> parse_json(std::string_view text, std::string_view what) {
  const std::string subject(what);
  const JsonScan scan = scan_json(text, kMaxJsonDepth);
  if (!scan.syntax_ok) {
    return whole_input_error(error_code::kMalformedJson,
                             subject + " is not valid JSON: " + scan.syntax_error);
  }
  if (scan.duplicate_key_pointer) {
    return InputError{std::string(error_code::kDuplicateField),
                      subject +
                          " names this field twice in one object; which one is meant cannot be "
                          "told",
                      *scan.duplicate_key_pointer};
  }
  boost::json::parse_options options;
  options.max_depth = kMaxJsonDepth;
  boost::system::error_code error;
  value document = boost::json::parse(text, error, {}, options);
  if (error) {  // the scan accepted it, so this is not expected; refuse all the same
    return whole_input_error(error_code::kMalformedJson,
                             subject + " is not valid JSON: " + error.message());
  }
  return document;
}

}  // namespace

std::variant<value, InputError> read_json_object(const char* data, std::size_t size,
                                                 std::string_view what) {
  if (auto error = check_bytes(data, size, what)) {
    return std::move(*error);
  }
  auto parsed = parse_json(std::string_view(data, size), what);
  if (std::holds_alternative<value>(parsed) && !std::get<value>(parsed).is_object()) {
    return whole_input_error(error_code::kWrongType, std::string(what) + " must be a JSON object");
  }
  return parsed;
}

}  // namespace qbo_sync::events
