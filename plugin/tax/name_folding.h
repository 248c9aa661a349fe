// Names compared the way people read them: Unicode case folding and canonical composition, so that
// "TVQ", "tvq" and "Tvq", or "Taxe Exonérée" typed with a combining accent, are the same name.
#pragma once

#include <string>
#include <string_view>

namespace qbo_sync::tax {

// The folded, NFC-composed form of UTF-8 `text`, its surrounding blanks removed. Text that is not
// valid UTF-8 is folded as ASCII only.
std::string folded_name(std::string_view text);

// True when both name the same thing once folded.
bool same_name(std::string_view a, std::string_view b);

}  // namespace qbo_sync::tax
