#include "tax/name_folding.h"

#include "text/case_folding.h"

namespace qbo_sync::tax {
namespace {

std::string_view trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

}  // namespace

std::string folded_name(std::string_view text) {
  return text::fold_case(trimmed(text));
}

bool same_name(std::string_view a, std::string_view b) {
  return folded_name(a) == folded_name(b);
}

}  // namespace qbo_sync::tax
