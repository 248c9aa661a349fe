// ASCII-only text helpers for protocol tokens (HTTP header names, URL schemes and hosts, QBO
// entity names in paths). Never for names or e-mail addresses: those go through fold_case.
#pragma once

#include <string>
#include <string_view>

namespace qbo_sync::text {

inline constexpr std::string_view kAsciiSpace = " \t\n\v\f\r";

// `text` without the leading and trailing characters found in `characters`.
std::string_view trim(std::string_view text, std::string_view characters = kAsciiSpace);

// `text` with A-Z turned into a-z; every other byte as it is.
std::string ascii_lower(std::string_view text);

// True when `a` and `b` are the same but for the case of ASCII letters.
bool equal_ascii_nocase(std::string_view a, std::string_view b);

// True when `needle` occurs in `haystack` but for the case of ASCII letters.
bool contains_ascii_nocase(std::string_view haystack, std::string_view needle);

}  // namespace qbo_sync::text
