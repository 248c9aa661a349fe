#include "tax/name_folding.h"

#include <algorithm>
#include <locale>

#include <boost/locale/conversion.hpp>
#include <boost/locale/generator.hpp>

namespace qbo_sync::tax {
namespace {

// Generating a locale is costly; one serves every call (const use of a std::locale is thread-safe).
const std::locale& folding_locale() {
  static const std::locale locale = [] {
    boost::locale::generator generator;
    return generator("en_US.UTF-8");
  }();
  return locale;
}

std::string trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

std::string ascii_lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  });
  return text;
}

// Well-formed UTF-8 (no overlong forms, surrogates or code points above U+10FFFF): the folding
// functions would silently drop what is not.
bool is_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = lead < 0x80           ? 1
                         : (lead >> 5) == 0x6  ? 2
                         : (lead >> 4) == 0xE  ? 3
                         : (lead >> 3) == 0x1E ? 4
                                               : 0;
    if (length == 0 || i + length > text.size()) return false;
    char32_t code = length == 1 ? lead : lead & (0x7F >> length);
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code = (code << 6) | (next & 0x3F);
    }
    const char32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < smallest[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
      return false;
    i += length;
  }
  return true;
}

}  // namespace

std::string folded_name(std::string_view text) {
  const std::string plain = trimmed(text);
  if (!is_utf8(plain)) return ascii_lowercase(plain);
  try {
    const std::string composed =
        boost::locale::normalize(plain, boost::locale::norm_nfc, folding_locale());
    return boost::locale::fold_case(composed, folding_locale());
  } catch (const std::exception&) {
    return ascii_lowercase(plain);
  }
}

bool same_name(std::string_view a, std::string_view b) {
  return folded_name(a) == folded_name(b);
}

}  // namespace qbo_sync::tax
