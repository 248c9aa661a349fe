#include "tax/name_folding.h"

#include "text/ascii.h"
#include "text/case_folding.h"

namespace qbo_sync::tax {
std::string folded_name(std::string_view text) {
  return text::fold_case(text::trim(text, " \t\r\n"));
}

bool same_name(std::string_view a, std::string_view b) {
  return folded_name(a) == folded_name(b);
}

}  // namespace qbo_sync::tax
