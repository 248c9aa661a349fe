#include "mapping/receipt_reference.h"

#include <cstdint>
#include <cstdio>

namespace qbo_sync::mapping {
namespace {

constexpr std::string_view kDocNumberPrefix = "P-";
// A different prefix for hashed ids, so that no plain id can produce the same DocNumber.
constexpr std::string_view kHashedPrefix = "H-";
constexpr std::size_t kMaxPrivateNoteLength = 4000;

bool plain_id(std::string_view id) {
  for (char c : id) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte >= 0x7F || c == '\'' || c == '"' || c == '\\') return false;
  }
  return !id.empty();
}

uint64_t fnv1a(std::string_view text) {
  uint64_t hash = 0xcbf29ce484222325ULL;
  for (char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

std::string cut(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return std::string(text);
  std::size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end));
}

}  // namespace

std::string doc_number_for_payment(std::string_view crm_payment_id) {
  if (plain_id(crm_payment_id) &&
      kDocNumberPrefix.size() + crm_payment_id.size() <= kMaxDocNumberLength) {
    return std::string(kDocNumberPrefix) + std::string(crm_payment_id);
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(fnv1a(crm_payment_id)));
  return std::string(kHashedPrefix) + hex;
}

std::string private_note_for_payment(const events::Payment& payment) {
  std::string note = "CRM payment " + payment.id;
  std::string source(events::to_string(payment.source));
  for (char& c : source) {
    if (c == '_') c = ' ';
  }
  note += " (" + source;
  if (!payment.source_name.empty()) note += ": " + payment.source_name;
  note += ")";
  if (!payment.memo.empty()) note += ". " + payment.memo;
  return cut(note, kMaxPrivateNoteLength);
}

std::string payment_reference_number(std::string_view reference) {
  return cut(reference, kMaxDocNumberLength);
}

}  // namespace qbo_sync::mapping
