#include "text/case_folding.h"

#include <algorithm>
#include <locale>

#include <boost/locale/conversion.hpp>
#include <boost/locale/encoding_utf.hpp>
#include <boost/locale/generator.hpp>

#include "text/ascii.h"

namespace qbo_sync::text {
namespace {

// Folding does not depend on the language except for Turkic dotted I, which is left to the
// default (language-neutral) rule; any UTF-8 locale gives that rule.
const std::locale& folding_locale() {
  static const std::locale locale = [] {
    boost::locale::generator generator;
    return generator("en_US.UTF-8");
  }();
  return locale;
}

}  // namespace

bool is_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

std::string fold_case(std::string_view text) {
  if (is_ascii(text)) return ascii_lower(text);
  try {
    // Validates first: the folding itself would silently drop what is not UTF-8.
    boost::locale::conv::utf_to_utf<char>(text.data(), text.data() + text.size(),
                                          boost::locale::conv::stop);
    const std::string folded = boost::locale::fold_case(std::string(text), folding_locale());
    return boost::locale::normalize(folded, boost::locale::norm_nfc, folding_locale());
  } catch (const std::exception&) {
    return ascii_lower(text);  // not UTF-8: nothing else can be folded safely
  }
}

bool same_folded(std::string_view a, std::string_view b) {
  if (a == b) return true;
  return fold_case(a) == fold_case(b);
}

}  // namespace qbo_sync::text
