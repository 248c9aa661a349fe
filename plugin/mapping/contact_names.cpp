#include "mapping/contact_names.h"

#include "text/case_folding.h"

namespace qbo_sync::mapping {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Cuts `text` to at most `limit` bytes without splitting a UTF-8 sequence.
std::string cut_utf8(std::string text, std::size_t limit) {
  if (text.size() <= limit) return text;
  std::size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  text.resize(end);
  return text;
}

std::string trim(std::string text) {
  std::size_t begin = 0;
  while (begin < text.size() && text[begin] == ' ') ++begin;
  std::size_t end = text.size();
  while (end > begin && text[end - 1] == ' ') --end;
  return text.substr(begin, end - begin);
}

}  // namespace

std::string normalise_email(std::string_view email) {
  std::size_t begin = 0;
  std::size_t end = email.size();
  while (begin < end && is_space(email[begin])) ++begin;
  while (end > begin && is_space(email[end - 1])) --end;
  return text::fold_case(email.substr(begin, end - begin));
}

bool same_email(std::string_view a, std::string_view b) {
  return normalise_email(a) == normalise_email(b);
}

bool same_name(std::string_view a, std::string_view b) {
  return text::fold_case(sanitize_display_name(a)) == text::fold_case(sanitize_display_name(b));
}

std::string case_blind_pattern(std::string_view text) {
  std::string pattern;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const bool wild = byte >= 0x80 || c == '%' || c == '_' || c == '\'' || c == '\\';
    if (!wild) {
      pattern.push_back(c);
    } else if (pattern.empty() || pattern.back() != '%') {
      pattern.push_back('%');
    }
  }
  return pattern;
}

std::string sanitize_display_name(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  for (char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    const bool replaced = c == ':' || byte < 0x20 || byte == 0x7F;
    const char kept = replaced ? ' ' : c;
    if (kept == ' ' && (out.empty() || out.back() == ' ')) continue;
    out.push_back(kept);
  }
  return trim(cut_utf8(trim(std::move(out)), kMaxDisplayNameLength));
}

std::string display_name_for(const events::Contact& contact) {
  std::string person = contact.first_name;
  if (!contact.last_name.empty()) {
    if (!person.empty()) person += ' ';
    person += contact.last_name;
  }
  const std::string* candidates[] = {&person, &contact.company_name, &contact.email,
                                     &contact.crm_contact_id};
  for (const std::string* candidate : candidates) {
    std::string name = sanitize_display_name(*candidate);
    if (!name.empty()) return name;
  }
  return "CRM customer";
}

std::string numbered_display_name(std::string_view base, int n) {
  const std::string suffix = " (" + std::to_string(n) + ")";
  std::string stem = trim(cut_utf8(std::string(base), kMaxDisplayNameLength - suffix.size()));
  return stem + suffix;
}

}  // namespace qbo_sync::mapping
