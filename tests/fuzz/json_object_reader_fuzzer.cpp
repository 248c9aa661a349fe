// events::read_json_object, the first step of reading anything a host hands over: a JSON object or
// an error from the documented vocabulary whose path points into the input.
#include <algorithm>
#include <array>
#include <string_view>
#include <variant>

#include "events/input_error.h"
#include "events/json_object_reader.h"
#include "fuzz_checks.h"

namespace {

bool is_reader_error_code(std::string_view code) {
  namespace codes = qbo_sync::events::error_code;
  constexpr std::array kCodes{codes::kEmptyPayload,  codes::kPayloadTooLarge, codes::kInvalidUtf8,
                              codes::kMalformedJson, codes::kDuplicateField,  codes::kWrongType};
  return std::find(kCodes.begin(), kCodes.end(), code) != kCodes.end();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace qbo_sync;
  const auto input = fuzz::as_text(data, size);
  const auto result = events::read_json_object(input.data(), input.size(), "the payload");
  if (const auto* error = std::get_if<events::InputError>(&result)) {
    fuzz::require(is_reader_error_code(error->code), "a reader error has a documented code",
                  error->code);
    fuzz::require_error_into(error->code, error->message, error->path, input);
    return 0;
  }
  const auto& value = std::get<boost::json::value>(result);
  fuzz::require(value.is_object(), "what the reader accepts is an object", input);
  fuzz::require_utf8(input, "what the reader accepts is UTF-8");
  return 0;
}
