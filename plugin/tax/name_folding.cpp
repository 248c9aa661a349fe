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

}  // namespace

std::string folded_name(std::string_view text) {
  const std::string plain = trimmed(text);
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
