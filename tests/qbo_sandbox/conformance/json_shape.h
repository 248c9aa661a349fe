#pragma once

#include <boost/json/value.hpp>
#include <set>
#include <string>
#include <vector>

namespace qbo_sandbox::conformance {

// The shape of a JSON value: its kind, an object's keys with their shapes, and an array's
// elements merged into one shape (the union of their keys), so that two arrays of different
// objects compare by what their elements look like, not by how many there are.
struct Shape {
  std::string kind;  // "object", "array", "string", "number", "bool", "null"
  std::vector<std::pair<std::string, Shape>>
      members;  // object: key -> shape; array: "[]" -> element
};

Shape shape_of(const boost::json::value& value);

// Differences between an expected (recorded) and an actual shape, one line each with its JSON
// path ("Invoice.Line[].Amount: number vs string"). Keys named in `ignored_keys` are skipped
// wherever they occur.
std::vector<std::string> compare_shapes(const Shape& expected, const Shape& actual,
                                        const std::set<std::string>& ignored_keys);

}  // namespace qbo_sandbox::conformance
