// Builds QBO query-language SELECTs with every value escaped, so that names such as
// "Amy's Bird Sanctuary" or "Robertson & Associates" can never break or alter a query.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qbo_sync::qbo {

// A value as it appears inside single quotes: backslash and apostrophe escaped with a backslash.
std::string escape_query_value(std::string_view value);

// Percent-encodes a query parameter value (RFC 3986 unreserved characters, plus * = , ( ) which
// QBO's own clients leave as they are).
std::string url_encode_component(std::string_view value);

enum class QueryOperator { equal, less, greater, less_or_equal, greater_or_equal, like };

class QueryBuilder {
 public:
  // SELECT * FROM <entity>. Throws std::invalid_argument for an entity that is not a plain name.
  static QueryBuilder select_all(std::string_view entity);
  // SELECT COUNT(*) FROM <entity>.
  static QueryBuilder count(std::string_view entity);

  // Conditions are joined with AND (QBO has no OR). Field names are checked (letters, digits, '_'
  // and '.'); a bad one throws std::invalid_argument naming it.
  QueryBuilder& where(std::string_view field, QueryOperator op, std::string_view value);
  QueryBuilder& where(std::string_view field, QueryOperator op, std::int64_t value);
  QueryBuilder& where(std::string_view field, bool value);
  QueryBuilder& where_in(std::string_view field, const std::vector<std::string>& values);
  QueryBuilder& where_in(std::string_view field, const std::vector<bool>& values);
  QueryBuilder& order_by(std::string_view field, bool descending = false);
  // 1-based, as QBO requires; 0 throws.
  QueryBuilder& start_position(std::uint32_t position);
  // 1..1000; anything else throws.
  QueryBuilder& max_results(std::uint32_t count);

  const std::string& entity() const { return entity_; }

  // The SELECT text.
  std::string str() const;
  // The SELECT text percent-encoded for `GET /query?query=`.
  std::string url_encoded() const { return url_encode_component(str()); }

 private:
  QueryBuilder(std::string_view entity, bool count_only);
  QueryBuilder& add_condition(std::string_view field, std::string condition);

  std::string entity_;
  bool count_only_ = false;
  std::vector<std::string> conditions_;
  std::string order_;
  std::optional<std::uint32_t> start_position_;
  std::optional<std::uint32_t> max_results_;
};

}  // namespace qbo_sync::qbo
