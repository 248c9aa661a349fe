// Why a payload was refused: the body of a QBO_SYNC_INVALID_INPUT answer.
#pragma once

#include <string>
#include <string_view>

namespace qbo_sync::events {

// The error vocabulary (schemas/README.md lists it for CRM developers). Codes are only added.
namespace error_code {
inline constexpr std::string_view kEmptyPayload = "empty_payload";
inline constexpr std::string_view kPayloadTooLarge = "payload_too_large";
inline constexpr std::string_view kInvalidUtf8 = "invalid_utf8";
inline constexpr std::string_view kMalformedJson = "malformed_json";
inline constexpr std::string_view kDuplicateField = "duplicate_field";
inline constexpr std::string_view kWrongSchema = "wrong_schema";
inline constexpr std::string_view kMissingField = "missing_field";
inline constexpr std::string_view kUnknownField = "unknown_field";
inline constexpr std::string_view kWrongType = "wrong_type";
inline constexpr std::string_view kInvalidValue = "invalid_value";
inline constexpr std::string_view kTooManyDecimals = "too_many_decimals";
inline constexpr std::string_view kUnknownCurrency = "unknown_currency";
}  // namespace error_code

struct InputError {
  std::string code;     // one of error_code
  std::string message;  // a sentence naming the field, for the CRM developer
  std::string path;     // RFC 6901 JSON Pointer of the offending value; "" for the whole payload

  friend bool operator==(const InputError&, const InputError&) = default;
};

// {"code": ..., "message": ..., "path": ...} as compact JSON.
std::string to_json(const InputError& error);

}  // namespace qbo_sync::events
