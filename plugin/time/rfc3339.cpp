#include "time/rfc3339.h"

#include <cstdio>

namespace qbo_sync::time {
namespace {

using namespace std::chrono;

// A cursor over the text that reads fixed-width numbers and separators.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  std::optional<int> digits(std::size_t width) {
    if (at_ + width > text_.size()) return std::nullopt;
    int value = 0;
    for (std::size_t i = 0; i < width; ++i) {
      const char c = text_[at_ + i];
      if (c < '0' || c > '9') return std::nullopt;
      value = value * 10 + (c - '0');
    }
    at_ += width;
    return value;
  }

  // True (and past it) when the next character is `c` or, for a letter, its lower case.
  bool skip(char c) {
    if (at_ >= text_.size()) return false;
    const char next = text_[at_];
    if (next != c && !(c >= 'A' && c <= 'Z' && next == c - 'A' + 'a')) return false;
    ++at_;
    return true;
  }

  char peek() const { return at_ < text_.size() ? text_[at_] : '\0'; }
  bool done() const { return at_ == text_.size(); }

 private:
  std::string_view text_;
  std::size_t at_ = 0;
};

std::optional<year_month_day> read_date(Scanner& scan) {
  const auto y = scan.digits(4);
  if (!y || !scan.skip('-')) return std::nullopt;
  const auto m = scan.digits(2);
  if (!m || !scan.skip('-')) return std::nullopt;
  const auto d = scan.digits(2);
  if (!d || *y < 1) return std::nullopt;
  const year_month_day date{year{*y}, month{static_cast<unsigned>(*m)},
                            day{static_cast<unsigned>(*d)}};
  if (!date.ok()) return std::nullopt;
  return date;
}

// "hh:mm:ss[.f…]" into `parts`.
bool read_time(Scanner& scan, Rfc3339Parts& parts) {
  const auto h = scan.digits(2);
  if (!h || *h > 23 || !scan.skip(':')) return false;
  const auto m = scan.digits(2);
  if (!m || *m > 59 || !scan.skip(':')) return false;
  const auto s = scan.digits(2);
  if (!s || *s > 60) return false;
  parts.time_of_day = hours{*h} + minutes{*m} + seconds{*s};
  if (!scan.skip('.')) return true;
  int scale = 100;
  while (const auto digit = scan.digits(1)) {
    parts.time_of_day += milliseconds{*digit * scale};
    scale /= 10;
    ++parts.fraction_digits;
  }
  return parts.fraction_digits > 0;
}

// "Z" or "±hh:mm"; nullopt for anything else.
std::optional<minutes> read_offset(Scanner& scan) {
  if (scan.skip('Z')) return minutes{0};
  const char sign = scan.peek();
  if ((sign != '+' && sign != '-') || !scan.skip(sign)) return std::nullopt;
  const auto h = scan.digits(2);
  if (!h || *h > 23 || !scan.skip(':')) return std::nullopt;
  const auto m = scan.digits(2);
  if (!m || *m > 59) return std::nullopt;
  const minutes offset = hours{*h} + minutes{*m};
  return sign == '-' ? -offset : offset;
}

}  // namespace

std::optional<Rfc3339Parts> read_rfc3339(std::string_view text, Rfc3339Forms forms) {
  Scanner scan(text);
  Rfc3339Parts parts;
  const auto date = read_date(scan);
  if (!date) return std::nullopt;
  parts.date = *date;
  if (scan.done()) {
    return forms.date_only ? std::optional(parts) : std::nullopt;
  }
  if (!scan.skip('T') || !read_time(scan, parts)) return std::nullopt;
  parts.has_time = true;
  if (scan.done()) {
    return forms.without_offset ? std::optional(parts) : std::nullopt;
  }
  parts.offset = read_offset(scan);
  if (!parts.offset || !scan.done()) return std::nullopt;
  return parts;
}

std::optional<Milliseconds> read_instant(std::string_view text) {
  const auto parts = read_rfc3339(text);
  if (!parts) return std::nullopt;
  return Milliseconds{sys_days{parts->date}} + parts->time_of_day - *parts->offset;
}

std::optional<std::int64_t> epoch_ms(std::string_view text) {
  const auto instant = read_instant(text);
  if (!instant) return std::nullopt;
  return instant->time_since_epoch().count();
}

bool is_date(std::string_view text) {
  const auto parts = read_rfc3339(text, {.date_only = true});
  return parts && !parts->has_time;
}

bool is_date_time(std::string_view text) {
  return read_rfc3339(text).has_value();
}

std::string format_date(Milliseconds at, minutes offset) {
  const year_month_day date{floor<days>(at + offset)};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return text;
}

std::string format_date_time(sys_time<nanoseconds> at, minutes offset, int fraction_digits) {
  const auto local = at + offset;
  const auto day = floor<days>(local);
  const hh_mm_ss<nanoseconds> time{local - day};
  char text[64];
  int length = std::snprintf(
      text, sizeof text, "%sT%02d:%02d:%02d", format_date(floor<milliseconds>(local)).c_str(),
      static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
      static_cast<int>(time.seconds().count()));
  if (fraction_digits > 0) {
    long long fraction = time.subseconds().count();
    for (int digit = 9; digit > fraction_digits; --digit) fraction /= 10;
    length += std::snprintf(text + length, sizeof text - static_cast<std::size_t>(length),
                            ".%0*lld", fraction_digits, fraction);
  }
  std::string written(text, static_cast<std::size_t>(length));
  if (offset == minutes{0}) return written + "Z";
  const auto magnitude = offset < minutes{0} ? -offset.count() : offset.count();
  std::snprintf(text, sizeof text, "%c%02d:%02d", offset < minutes{0} ? '-' : '+',
                static_cast<int>(magnitude / 60), static_cast<int>(magnitude % 60));
  return written + text;
}

// In milliseconds throughout: nanoseconds since 1970 cannot hold the years before 1678 or after
// 2262, which RFC 3339 (0000 to 9999) allows.
std::string format_utc_ms(std::int64_t epoch_ms) {
  const Milliseconds at{milliseconds{epoch_ms}};
  const hh_mm_ss<milliseconds> time{at - floor<days>(at)};
  char text[64];
  std::snprintf(text, sizeof text, "%sT%02d:%02d:%02d.%03lldZ", format_date(at).c_str(),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()),
                static_cast<long long>(time.subseconds().count()));
  return text;
}

}  // namespace qbo_sync::time
