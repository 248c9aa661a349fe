// Runs a parsed SELECT over a company's objects: filtering, QBO's default of active name-list
// objects only, ordering, paging and COUNT.

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>

#include "decimal.h"
#include "query.h"
#include "query_schema.h"
#include "text/ascii.h"

namespace qbo_sandbox::query {
namespace {

using qbo_sync::text::ascii_lower;
using schema::EntityRules;
using schema::find_entity;
using schema::validation_fault;

// The value a field path names in an object; references compare on their "value".
const boost::json::value* field_value(const boost::json::object& object, std::string_view path) {
  const boost::json::object* current = &object;
  const boost::json::value* value = nullptr;
  while (true) {
    const std::size_t dot = path.find('.');
    const std::string_view head = path.substr(0, dot);
    value = current->if_contains(head);
    if (value == nullptr) {
      return nullptr;
    }
    if (dot == std::string_view::npos) {
      break;
    }
    path.remove_prefix(dot + 1);
    current = value->if_object();
    if (current == nullptr) {
      return nullptr;
    }
  }
  if (const auto* reference = value->if_object()) {
    // References ({"value":..}) and e-mail addresses ({"Address":..}) compare on their text.
    if (const auto* text = reference->if_contains("value")) {
      return text;
    }
    return reference->if_contains("Address");
  }
  return value;
}

// Seconds since the epoch of an ISO-8601 date or date-time ("2024-01-01",
// "2024-01-01T10:00:00-08:00", "...Z", fractional seconds allowed); a date alone counts as
// midnight UTC of that day.
std::optional<long double> to_instant(std::string_view text) {
  auto digits = [&](std::size_t from, std::size_t count) -> std::optional<int> {
    if (from + count > text.size()) {
      return std::nullopt;
    }
    int result = 0;
    for (std::size_t i = from; i < from + count; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(text[i]))) {
        return std::nullopt;
      }
      result = result * 10 + (text[i] - '0');
    }
    return result;
  };
  const auto year = digits(0, 4);
  const auto month = digits(5, 2);
  const auto day = digits(8, 2);
  if (!year || !month || !day || text[4] != '-' || text[7] != '-') {
    return std::nullopt;
  }
  // Days from civil (Howard Hinnant's algorithm).
  const int y = *year - (*month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int year_of_era = y - era * 400;
  const int day_of_year = (153 * (*month + (*month > 2 ? -3 : 9)) + 2) / 5 + *day - 1;
  const int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  const long long days = static_cast<long long>(era) * 146097 + day_of_era - 719468;
  long double seconds = static_cast<long double>(days) * 86400;
  if (text.size() == 10) {
    return seconds;
  }
  if (text[10] != 'T' && text[10] != ' ') {
    return std::nullopt;
  }
  const auto hour = digits(11, 2);
  const auto minute = digits(14, 2);
  if (!hour || !minute) {
    return std::nullopt;
  }
  seconds += *hour * 3600 + *minute * 60;
  std::size_t position = 16;
  if (position < text.size() && text[position] == ':') {
    const auto second = digits(position + 1, 2);
    if (!second) {
      return std::nullopt;
    }
    seconds += *second;
    position += 3;
    if (position < text.size() && text[position] == '.') {
      long double scale = 0.1L;
      ++position;
      while (position < text.size() && std::isdigit(static_cast<unsigned char>(text[position]))) {
        seconds += (text[position] - '0') * scale;
        scale /= 10;
        ++position;
      }
    }
  }
  if (position == text.size()) {
    return seconds;  // no offset: taken as UTC
  }
  if (text[position] == 'Z' && position + 1 == text.size()) {
    return seconds;
  }
  if ((text[position] == '+' || text[position] == '-') && position + 6 == text.size() &&
      text[position + 3] == ':') {
    const auto offset_hours = digits(position + 1, 2);
    const auto offset_minutes = digits(position + 4, 2);
    if (!offset_hours || !offset_minutes) {
      return std::nullopt;
    }
    const int offset = *offset_hours * 3600 + *offset_minutes * 60;
    return text[position] == '+' ? seconds - offset : seconds + offset;
  }
  return std::nullopt;
}

// A literal read once: its text for strings, its number, its instant, its truth value.
struct PreparedLiteral {
  std::string text;
  std::optional<Decimal> number;
  std::optional<long double> instant;
  bool date_only = false;
  std::optional<bool> truth;
};

PreparedLiteral prepare(const Literal& literal) {
  PreparedLiteral prepared;
  prepared.text = literal.text;
  prepared.number = Decimal::parse(literal.text);
  prepared.instant = to_instant(literal.text);
  prepared.date_only = prepared.instant && literal.text.size() == 10;
  const std::string lowered = ascii_lower(literal.text);
  if (lowered == "true" || lowered == "false") {
    prepared.truth = lowered == "true";
  }
  return prepared;
}

struct PreparedCondition {
  std::string field;
  Operator op;
  std::vector<PreparedLiteral> values;
};

int sign(int value) {
  return (value > 0) - (value < 0);
}

template <typename T>
int three_way(const T& a, const T& b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

// Values are not case-sensitive: compares without lowering copies.
int compare_case_insensitive(std::string_view a, std::string_view b) {
  const std::size_t common = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < common; ++i) {
    const int left = std::tolower(static_cast<unsigned char>(a[i]));
    const int right = std::tolower(static_cast<unsigned char>(b[i]));
    if (left != right) {
      return left < right ? -1 : 1;
    }
  }
  return three_way(a.size(), b.size());
}

// Ids and other digit-only strings ("5" < "10").
bool is_integral_text(std::string_view text) {
  return !text.empty() && (text.size() == 1 || text.front() != '0') &&
         std::all_of(text.begin(), text.end(),
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
}

bool starts_with_digit(std::string_view text) {
  return !text.empty() && std::isdigit(static_cast<unsigned char>(text.front())) != 0;
}

// -1, 0, 1, or nullopt when the two cannot be compared.
std::optional<int> compare_values(const boost::json::value& field, const PreparedLiteral& literal) {
  if (field.is_bool()) {
    if (!literal.truth) {
      return std::nullopt;
    }
    return three_way(field.get_bool(), *literal.truth);
  }
  if (field.is_number()) {
    const auto left = Decimal::from_json(field);
    if (!left || !literal.number) {
      return std::nullopt;
    }
    return three_way(*left, *literal.number);
  }
  if (!field.is_string()) {
    return std::nullopt;
  }
  const std::string_view text = field.get_string();
  if (literal.number && is_integral_text(text)) {
    return three_way(*Decimal::parse(text), *literal.number);
  }
  // Dates and date-times compare as instants; a date compares with a date-time by its day.
  if (literal.instant && starts_with_digit(text)) {
    if (const auto instant = to_instant(text)) {
      const bool date_only = text.size() == 10;
      if (date_only == literal.date_only) {
        return three_way(*instant, *literal.instant);
      }
      return three_way(*to_instant(text.substr(0, 10)),
                       *to_instant(std::string_view(literal.text).substr(0, 10)));
    }
  }
  return compare_case_insensitive(text, literal.text);
}

// LIKE with '%' wildcards, case-insensitive.
bool like_matches(std::string_view subject, std::string_view pattern) {
  auto same = [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) ==
           std::tolower(static_cast<unsigned char>(b));
  };
  std::size_t s = 0;
  std::size_t p = 0;
  std::size_t star = std::string_view::npos;
  std::size_t resume = 0;
  while (s < subject.size()) {
    if (p < pattern.size() && pattern[p] == '%') {
      star = p++;
      resume = s;
    } else if (p < pattern.size() && same(pattern[p], subject[s])) {
      ++p;
      ++s;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      s = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '%') {
    ++p;
  }
  return p == pattern.size();
}

bool matches(const boost::json::object& object, const PreparedCondition& condition) {
  const boost::json::value* value = field_value(object, condition.field);
  if (value == nullptr) {
    // Name lists without an explicit Active flag count as active.
    if (condition.field != "Active") {
      return false;
    }
    static const boost::json::value kTrue = true;
    value = &kTrue;
  }
  switch (condition.op) {
    case Operator::in:
      return std::any_of(
          condition.values.begin(), condition.values.end(),
          [&](const PreparedLiteral& literal) { return compare_values(*value, literal) == 0; });
    case Operator::like:
      return value->is_string() && like_matches(value->get_string(), condition.values.front().text);
    default:
      break;
  }
  const auto order = compare_values(*value, condition.values.front());
  if (!order) {
    return false;
  }
  switch (condition.op) {
    case Operator::equal:
      return *order == 0;
    case Operator::less:
      return *order < 0;
    case Operator::greater:
      return *order > 0;
    case Operator::less_equal:
      return *order <= 0;
    case Operator::greater_equal:
      return *order >= 0;
    default:
      return false;
  }
}

// One object's value for one ORDERBY field, classified once so that sorting compares cheaply.
// Absent values sort first; Ids as numbers, date-times as instants, other text byte by byte
// (the recorded name lists put "PG&E" before "Pam Seitz" and "Doe, Jane" before "Doe4, Jane").
struct SortKey {
  enum class Kind { absent, boolean, number, instant, text };
  Kind kind = Kind::absent;
  bool truth = false;
  Decimal number;
  long double instant = 0;
  std::string_view text;
};

SortKey sort_key(const boost::json::value* value) {
  SortKey key;
  if (value == nullptr) {
    return key;
  }
  if (value->is_bool()) {
    key.kind = SortKey::Kind::boolean;
    key.truth = value->get_bool();
  } else if (value->is_number()) {
    if (const auto number = Decimal::from_json(*value)) {
      key.kind = SortKey::Kind::number;
      key.number = *number;
    }
  } else if (value->is_string()) {
    const std::string_view text = value->get_string();
    if (is_integral_text(text)) {
      key.kind = SortKey::Kind::number;
      key.number = *Decimal::parse(text);
    } else if (const auto instant = starts_with_digit(text) ? to_instant(text) : std::nullopt) {
      key.kind = SortKey::Kind::instant;
      key.instant = *instant;
    } else {
      key.kind = SortKey::Kind::text;
      key.text = text;
    }
  }
  return key;
}

int compare_keys(const SortKey& a, const SortKey& b) {
  if (a.kind != b.kind) {
    return three_way(static_cast<int>(a.kind), static_cast<int>(b.kind));
  }
  switch (a.kind) {
    case SortKey::Kind::absent:
      return 0;
    case SortKey::Kind::boolean:
      return three_way(a.truth, b.truth);
    case SortKey::Kind::number:
      return three_way(a.number, b.number);
    case SortKey::Kind::instant:
      return three_way(a.instant, b.instant);
    case SortKey::Kind::text:
      return sign(a.text.compare(b.text));
  }
  return 0;
}

}  // namespace

std::variant<boost::json::object, Fault> execute(
    const Statement& statement, const std::vector<const boost::json::object*>& objects) {
  const EntityRules* entity = find_entity(statement.entity);
  if (entity == nullptr) {
    return validation_fault("invalid context declaration: " + statement.entity);
  }
  std::vector<PreparedCondition> conditions;
  bool constrains_active = false;
  for (const auto& condition : statement.conditions) {
    PreparedCondition prepared{condition.field, condition.op, {}};
    for (const auto& literal : condition.values) {
      prepared.values.push_back(prepare(literal));
    }
    constrains_active = constrains_active || condition.field == "Active";
    conditions.push_back(std::move(prepared));
  }
  std::vector<const boost::json::object*> selected;
  for (const auto* object : objects) {
    if (object == nullptr) {
      continue;
    }
    if (entity->name_list && !constrains_active) {
      const auto* active = object->if_contains("Active");
      if (active != nullptr && active->is_bool() && !active->get_bool()) {
        continue;
      }
    }
    if (std::all_of(conditions.begin(), conditions.end(), [&](const PreparedCondition& condition) {
          return matches(*object, condition);
        })) {
      selected.push_back(object);
    }
  }
  boost::json::object response;
  if (statement.count) {
    response["totalCount"] = static_cast<std::int64_t>(selected.size());
    return response;
  }

  std::vector<OrderBy> order = statement.order_by;
  if (order.empty() && entity->name_list) {
    order.push_back({entity->sort_name, false});
    // Objects without a FullyQualifiedName (as a client may build them) fall back to the name.
    const bool person =
        entity->name == "Customer" || entity->name == "Vendor" || entity->name == "Employee";
    order.push_back({person ? "DisplayName" : "Name", false});
  }
  order.push_back({"Id", false});  // ties, and transactions by default
  struct Sortable {
    const boost::json::object* object;
    std::vector<SortKey> keys;
  };
  std::vector<Sortable> sortable;
  sortable.reserve(selected.size());
  for (const auto* object : selected) {
    Sortable entry{object, {}};
    entry.keys.reserve(order.size());
    for (const auto& key : order) {
      entry.keys.push_back(sort_key(field_value(*object, key.field)));
    }
    sortable.push_back(std::move(entry));
  }
  std::stable_sort(sortable.begin(), sortable.end(), [&](const Sortable& a, const Sortable& b) {
    for (std::size_t i = 0; i < order.size(); ++i) {
      const int result = compare_keys(a.keys[i], b.keys[i]);
      if (result != 0) {
        return order[i].descending ? result > 0 : result < 0;
      }
    }
    return false;
  });

  const auto first = static_cast<std::size_t>(statement.start_position - 1);
  if (first >= sortable.size()) {
    return response;  // QBO answers an empty page with an empty QueryResponse
  }
  const std::size_t last =
      std::min(sortable.size(), first + static_cast<std::size_t>(statement.max_results));
  boost::json::array page;
  page.reserve(last - first);
  for (std::size_t i = first; i < last; ++i) {
    page.push_back(*sortable[i].object);
  }
  response[entity->name] = std::move(page);
  response["startPosition"] = statement.start_position;
  response["maxResults"] = static_cast<std::int64_t>(last - first);
  return response;
}

}  // namespace qbo_sandbox::query
