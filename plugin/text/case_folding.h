// The one place where text is compared without regard to case: full Unicode case folding
// ("É" and "é", "STRASSE" and "straße" are the same), after canonical composition so that a
// precomposed "é" and "e" + combining acute are the same too. Pure and thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace qbo_sync::text {

// The case-folded, NFC-normalised form of UTF-8 `text`. Text that is not valid UTF-8 is folded
// in its ASCII letters only.
std::string fold_case(std::string_view text);

// True when `a` and `b` are the same text but for case.
bool same_folded(std::string_view a, std::string_view b);

// True when every byte of `text` is ASCII.
bool is_ascii(std::string_view text);

}  // namespace qbo_sync::text
