#include "qbo_client/query_builder.h"

#include <array>
#include <cctype>
#include <stdexcept>

namespace qbo_sync::qbo {
namespace {

constexpr std::uint32_t kMaxResultsLimit = 1000;

bool is_plain_name(std::string_view name, bool allow_dots) {
  if (name.empty() || name.size() > 100 || name.front() == '.' || name.back() == '.') {
    return false;
  }
  for (char c : name) {
    const bool ok =
        std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || (allow_dots && c == '.');
    if (!ok) {
      return false;
    }
  }
  return true;
}

void require_field(std::string_view field) {
  if (!is_plain_name(field, true)) {
    throw std::invalid_argument("query field name is not a plain QBO property: '" +
                                std::string(field) + "'");
  }
}

std::string_view operator_text(QueryOperator op) {
  // In the order QueryOperator declares them.
  constexpr std::array<std::string_view, 6> kOperators{"=", "<", ">", "<=", ">=", "LIKE"};
  return kOperators.at(static_cast<std::size_t>(op));
}

std::string quoted(std::string_view value) {
  return "'" + escape_query_value(value) + "'";
}

}  // namespace

std::string escape_query_value(std::string_view value) {
  std::string escaped;
  escaped.reserve(value.size() + 8);
  for (char c : value) {
    if (c == '\\' || c == '\'') {
      escaped += '\\';
    }
    escaped += c;
  }
  return escaped;
}

std::string url_encode_component(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string encoded;
  encoded.reserve(value.size() * 3);
  for (char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    const bool keep = std::isalnum(byte) != 0 || c == '-' || c == '.' || c == '_' || c == '~' ||
                      c == '*' || c == '=' || c == ',' || c == '(' || c == ')';
    if (keep) {
      encoded += c;
    } else {
      encoded += '%';
      encoded += kHex[byte >> 4];
      encoded += kHex[byte & 0x0F];
    }
  }
  return encoded;
}

QueryBuilder::QueryBuilder(std::string_view entity, bool count_only)
    : entity_(entity), count_only_(count_only) {
  if (!is_plain_name(entity, false)) {
    throw std::invalid_argument("query entity is not a plain QBO entity name: '" +
                                std::string(entity) + "'");
  }
}

QueryBuilder QueryBuilder::select_all(std::string_view entity) {
  return {entity, false};
}

QueryBuilder QueryBuilder::count(std::string_view entity) {
  return {entity, true};
}

QueryBuilder& QueryBuilder::add_condition(std::string_view field, std::string condition) {
  require_field(field);
  conditions_.push_back(std::string(field) + " " + std::move(condition));
  return *this;
}

QueryBuilder& QueryBuilder::where(std::string_view field, QueryOperator op,
                                  std::string_view value) {
  return add_condition(field, std::string(operator_text(op)) + " " + quoted(value));
}

QueryBuilder& QueryBuilder::where(std::string_view field, QueryOperator op, std::int64_t value) {
  if (op == QueryOperator::like) {
    throw std::invalid_argument("LIKE needs a text value for query field '" + std::string(field) +
                                "'");
  }
  return add_condition(field, std::string(operator_text(op)) + " '" + std::to_string(value) + "'");
}

QueryBuilder& QueryBuilder::where(std::string_view field, bool value) {
  return add_condition(field, value ? "= true" : "= false");
}

QueryBuilder& QueryBuilder::where_in(std::string_view field,
                                     const std::vector<std::string>& values) {
  if (values.empty()) {
    throw std::invalid_argument("IN list for query field '" + std::string(field) + "' is empty");
  }
  std::string list;
  for (const auto& value : values) {
    list += list.empty() ? "" : ", ";
    list += quoted(value);
  }
  return add_condition(field, "IN (" + list + ")");
}

QueryBuilder& QueryBuilder::where_in(std::string_view field, const std::vector<bool>& values) {
  if (values.empty()) {
    throw std::invalid_argument("IN list for query field '" + std::string(field) + "' is empty");
  }
  std::string list;
  for (bool value : values) {
    list += list.empty() ? "" : ", ";
    list += value ? "true" : "false";
  }
  return add_condition(field, "IN (" + list + ")");
}

QueryBuilder& QueryBuilder::order_by(std::string_view field, bool descending) {
  require_field(field);
  order_ = std::string(field) + (descending ? " DESC" : " ASC");
  return *this;
}

QueryBuilder& QueryBuilder::start_position(std::uint32_t position) {
  if (position == 0) {
    throw std::invalid_argument("query STARTPOSITION is 1-based; 0 is not allowed");
  }
  start_position_ = position;
  return *this;
}

QueryBuilder& QueryBuilder::max_results(std::uint32_t count) {
  if (count == 0 || count > kMaxResultsLimit) {
    throw std::invalid_argument("query MAXRESULTS must be between 1 and 1000, got " +
                                std::to_string(count));
  }
  max_results_ = count;
  return *this;
}

std::string QueryBuilder::str() const {
  std::string text = count_only_ ? "SELECT COUNT(*) FROM " : "SELECT * FROM ";
  text += entity_;
  for (std::size_t i = 0; i < conditions_.size(); ++i) {
    text += i == 0 ? " WHERE " : " AND ";
    text += conditions_[i];
  }
  if (!order_.empty()) {
    text += " ORDERBY " + order_;
  }
  if (start_position_) {
    text += " STARTPOSITION " + std::to_string(*start_position_);
  }
  if (max_results_) {
    text += " MAXRESULTS " + std::to_string(*max_results_);
  }
  return text;
}

}  // namespace qbo_sync::qbo
