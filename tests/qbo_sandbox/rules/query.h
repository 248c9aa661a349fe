#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <boost/json/object.hpp>

#include "fault.h"

namespace qbo_sandbox::query {

enum class Operator { equal, less, greater, less_equal, greater_equal, in, like };

// A literal as written in the query: 'text' (escapes removed), a bare number, true/false.
struct Literal {
  enum class Kind { string, number, boolean };
  Kind kind = Kind::string;
  std::string text;
};

struct Condition {
  std::string field;  // as written, e.g. "MetaData.LastUpdatedTime", "CustomerRef", "DisplayName"
  Operator op = Operator::equal;
  std::vector<Literal> values;  // one value, or the list of an IN
};

struct OrderBy {
  std::string field;
  bool descending = false;
};

// A parsed SELECT.
struct Statement {
  std::string entity;  // QBO's spelling ("Customer", "SalesReceipt"), whatever case was written
  bool count = false;  // SELECT COUNT(*)
  std::vector<Condition> conditions;  // joined by AND
  std::vector<OrderBy> order_by;
  std::int64_t start_position = 1;  // 1-based
  std::int64_t max_results = 100;   // at most 1000
};

inline constexpr std::int64_t kDefaultMaxResults = 100;
inline constexpr std::int64_t kMaxMaxResults = 1000;

// Parses the query text (already URL-decoded). Unknown entities, bad syntax, non-filterable
// fields and out-of-range paging give the Fault QBO gives (4000 QueryParserError, 4001
// QueryValidationError).
std::variant<Statement, Fault> parse(std::string_view text);

// Runs a statement over every object of the statement's entity in one company (QBO shapes,
// boost::json; deleted objects must not be passed). Name-list objects (Customer, Vendor, ...)
// with Active:false are left out unless a condition constrains Active. Returns the inside of
// "QueryResponse" ({"Customer":[...],"startPosition":1,"maxResults":n}, {} when nothing
// matches, or {"totalCount":n}), or a Fault.
std::variant<boost::json::object, Fault> execute(
    const Statement& statement, const std::vector<const boost::json::object*>& objects);

// Every entity the query language accepts, in QBO's spelling.
const std::vector<std::string>& queryable_entities();

}  // namespace qbo_sandbox::query
