// Names and e-mail addresses as QBO compares them: the key a customer is found by, and a
// DisplayName QBO accepts (no colon, tab or newline; trimmed; at most 100 characters).
#pragma once

#include <string>
#include <string_view>

#include "events/typed_events.h"

namespace qbo_sync::mapping {

inline constexpr std::size_t kMaxDisplayNameLength = 100;

// Case-folded (full Unicode folding), surrounding whitespace removed:
// "  Ann@Example.COM " → "ann@example.com", "JOSÉ@X.TEST" → "josé@x.test".
std::string normalise_email(std::string_view email);

// True when the two addresses are the same once normalised.
bool same_email(std::string_view a, std::string_view b);

// True when the two names are the same once sanitised as a DisplayName and case-folded.
bool same_name(std::string_view a, std::string_view b);

// A QBO query LIKE pattern that finds `text` whatever the case of its non-ASCII letters (QBO
// compares only ASCII without regard to case): each non-ASCII character, and each of QBO's
// wildcard or quoting characters, becomes '%'. The rows it finds must still be compared with
// same_email or same_name.
std::string case_blind_pattern(std::string_view text);

// A DisplayName QBO accepts: ':' (QBO's sub-customer separator), tabs, newlines and other
// control characters become spaces, runs of spaces collapse, the ends are trimmed, and the text is
// cut at 100 characters on a UTF-8 boundary. Empty when nothing printable remains.
std::string sanitize_display_name(std::string_view name);

// The contact's preferred name: "First Last", else the company, else the e-mail, else the CRM
// contact id; sanitised.
std::string display_name_for(const events::Contact& contact);

// The n-th alternative (n >= 2) when `base` is taken: "Ann Lee (2)", cut so that it still fits.
std::string numbered_display_name(std::string_view base, int n);

}  // namespace qbo_sync::mapping
