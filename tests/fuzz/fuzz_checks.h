// The properties every fuzz target checks besides "no crash, no leak, no undefined behaviour":
// answers are well-formed UTF-8 JSON, errors carry code/message/path, and a refused input's path
// is a JSON Pointer into that input. A violated property aborts, which libFuzzer reports as a crash
// with the input that caused it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include <boost/json.hpp>

#include "events/utf8.h"

namespace qbo_sync::fuzz {

[[noreturn]] inline void fail(std::string_view property, std::string_view detail) {
  std::fprintf(stderr, "property violated: %.*s\n  %.*s\n", static_cast<int>(property.size()),
               property.data(), static_cast<int>(detail.size()), detail.data());
  std::abort();
}

inline void require(bool holds, std::string_view property, std::string_view detail = {}) {
  if (!holds) fail(property, detail);
}

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

inline void require_utf8(std::string_view text, std::string_view what) {
  require(!events::first_invalid_utf8(text).has_value(), what, text);
}

// `text` parses as a JSON object (and is therefore well-formed UTF-8).
inline boost::json::object require_json_object(std::string_view text, std::string_view what) {
  require_utf8(text, what);
  boost::system::error_code error;
  auto value = boost::json::parse(text, error);
  require(!error && value.is_object(), what, text);
  return std::move(value.as_object());
}

// RFC 6901 syntax: empty, or "/"-separated tokens in which "~" only starts "~0" or "~1".
inline bool is_json_pointer(std::string_view pointer) {
  if (pointer.empty()) return true;
  if (pointer.front() != '/') return false;
  for (std::size_t i = 0; i < pointer.size(); ++i) {
    if (pointer[i] == '~' &&
        (i + 1 == pointer.size() || (pointer[i + 1] != '0' && pointer[i + 1] != '1'))) {
      return false;
    }
  }
  return true;
}

// The pointer names a value of `document`, or a member missing from an object of it (a missing
// field's path).
inline bool points_into(const boost::json::value& document, std::string_view pointer) {
  if (pointer.empty()) return true;
  boost::system::error_code error;
  if (document.find_pointer(pointer, error) != nullptr) return true;
  const auto last = pointer.rfind('/');
  const std::string_view parent_pointer = pointer.substr(0, last);
  const auto* parent =
      parent_pointer.empty() ? &document : document.find_pointer(parent_pointer, error);
  return parent != nullptr && parent->is_object();
}

// A refusal's {"code","message","path"}: non-empty strings (path may be empty), the path a
// JSON Pointer into `input` when `input` is JSON at all.
inline void require_error_into(std::string_view code, std::string_view message,
                               std::string_view path, std::string_view input) {
  require(!code.empty(), "an error has a code", message);
  require(!message.empty(), "an error has a message", code);
  require_utf8(message, "an error message is UTF-8");
  require(is_json_pointer(path), "an error path is a JSON Pointer", path);
  boost::system::error_code error;
  boost::json::parse_options options;
  options.max_depth = 64;
  const auto document = boost::json::parse(input, error, {}, options);
  if (!error) {
    require(points_into(document, path), "an error path points into the input", path);
  }
}

// The body of an error answer: {"code": string, "message": string, "path": string, ...}.
inline void require_error_body(std::string_view body, std::string_view input) {
  const auto error = require_json_object(body, "an error answer is a JSON object");
  const auto* code = error.if_contains("code");
  const auto* message = error.if_contains("message");
  const auto* path = error.if_contains("path");
  require(code && code->is_string() && message && message->is_string() && path && path->is_string(),
          "an error answer has code, message and path strings", body);
  require_error_into(code->as_string(), message->as_string(), path->as_string(), input);
}

}  // namespace qbo_sync::fuzz
