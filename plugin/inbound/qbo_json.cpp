#include "inbound/qbo_json.h"

#include <algorithm>
#include <charconv>

#include "money/json_numbers.h"
#include "time/rfc3339.h"

namespace qbo_sync::inbound {

std::string text_at(const boost::json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  if (!value || !value->is_string()) return {};
  return std::string(value->as_string());
}

std::string text_at(const boost::json::object& object, std::string_view key,
                    std::string_view inner) {
  const auto* value = object.if_contains(key);
  if (!value || !value->is_object()) return {};
  return text_at(value->as_object(), inner);
}

std::optional<money::Decimal> amount_at(const boost::json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  if (!value) return std::nullopt;
  return money::decimal_from_json(*value);
}

std::string money_text(const money::Decimal& amount) {
  if (amount.scale() >= 2) return amount.to_string();
  const auto two_places = amount.rescaled_exactly(2);
  return two_places ? two_places->to_string() : amount.to_string();
}

std::string bounded(std::string_view text, std::size_t max_code_points) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  text.remove_prefix(first);
  text.remove_suffix(text.size() - 1 - text.find_last_not_of(" \t\r\n"));
  std::size_t points = 0;
  std::size_t end = 0;
  while (end < text.size()) {
    // A continuation byte (10xxxxxx) belongs to the character before it.
    if ((static_cast<unsigned char>(text[end]) & 0xC0) != 0x80) {
      if (points == max_code_points) break;
      ++points;
    }
    ++end;
  }
  std::string cut(text.substr(0, end));
  while (!cut.empty() && cut.back() == ' ') cut.pop_back();
  return cut;
}

std::string usable_email(std::string_view qbo_email) {
  auto end = qbo_email.find_first_of(",;");
  std::string address = bounded(qbo_email.substr(0, end), 200);
  if (address.size() > 100) return {};
  const auto at = address.find('@');
  if (at == std::string::npos || at == 0 || at > 64 ||
      address.find('@', at + 1) != std::string::npos)
    return {};
  const std::string_view domain = std::string_view(address).substr(at + 1);
  if (domain.find(' ') != std::string_view::npos || address.find(' ') != std::string::npos)
    return {};
  // Labels separated by dots, none empty, at least two.
  std::size_t labels = 0;
  std::size_t start = 0;
  for (;;) {
    const auto dot = domain.find('.', start);
    const auto label =
        domain.substr(start, dot == std::string_view::npos ? domain.npos : dot - start);
    if (label.empty() || label.size() > 63) return {};
    ++labels;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return labels >= 2 ? address : std::string{};
}

std::optional<int64_t> parse_qbo_time(std::string_view text) {
  return time::epoch_ms(text);  // QBO writes RFC 3339, as the CRM does
}

std::string format_qbo_time(int64_t epoch_ms) {
  return time::format_utc_ms(epoch_ms);
}

}  // namespace qbo_sync::inbound
