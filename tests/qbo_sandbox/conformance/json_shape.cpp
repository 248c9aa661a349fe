#include "json_shape.h"

#include <algorithm>

namespace qbo_sandbox::conformance {
namespace {

Shape* member(Shape& shape, const std::string& key) {
  for (auto& [name, child] : shape.members) {
    if (name == key) return &child;
  }
  return nullptr;
}

// Folds `other` into `into`: keys are united; a key seen with two kinds becomes "mixed".
void merge(Shape& into, const Shape& other) {
  if (into.kind != other.kind) {
    into.kind = "mixed";
    into.members.clear();
    return;
  }
  for (const auto& [key, child] : other.members) {
    if (auto* existing = member(into, key)) {
      merge(*existing, child);
    } else {
      into.members.emplace_back(key, child);
    }
  }
}

void compare(const Shape& expected, const Shape& actual, const std::string& path,
             const std::set<std::string>& ignored, std::vector<std::string>& out) {
  if (expected.kind != actual.kind) {
    out.push_back(path + ": " + expected.kind + " vs " + actual.kind);
    return;
  }
  if (expected.kind == "array") {
    // An empty array says nothing about its elements' shape.
    if (!expected.members.empty() && !actual.members.empty()) {
      compare(expected.members.front().second, actual.members.front().second, path + "[]", ignored,
              out);
    }
    return;
  }
  for (const auto& [key, child] : expected.members) {
    if (ignored.contains(key)) continue;
    const auto found = std::find_if(actual.members.begin(), actual.members.end(),
                                    [&](const auto& entry) { return entry.first == key; });
    if (found == actual.members.end()) {
      out.push_back(path + "." + key + ": missing");
    } else {
      compare(child, found->second, path + "." + key, ignored, out);
    }
  }
  for (const auto& [key, child] : actual.members) {
    if (ignored.contains(key)) continue;
    const bool known = std::any_of(expected.members.begin(), expected.members.end(),
                                   [&](const auto& entry) { return entry.first == key; });
    if (!known) out.push_back(path + "." + key + ": unexpected");
  }
}

}  // namespace

Shape shape_of(const boost::json::value& value) {
  Shape shape;
  switch (value.kind()) {
    case boost::json::kind::object:
      shape.kind = "object";
      for (const auto& entry : value.get_object()) {
        shape.members.emplace_back(std::string(entry.key()), shape_of(entry.value()));
      }
      break;
    case boost::json::kind::array: {
      shape.kind = "array";
      const auto& array = value.get_array();
      if (!array.empty()) {
        Shape element = shape_of(array.front());
        for (std::size_t i = 1; i < array.size(); ++i) merge(element, shape_of(array[i]));
        shape.members.emplace_back("[]", std::move(element));
      }
      break;
    }
    case boost::json::kind::string:
      shape.kind = "string";
      break;
    case boost::json::kind::bool_:
      shape.kind = "bool";
      break;
    case boost::json::kind::null:
      shape.kind = "null";
      break;
    default:
      shape.kind = "number";
      break;
  }
  return shape;
}

std::vector<std::string> compare_shapes(const Shape& expected, const Shape& actual,
                                        const std::set<std::string>& ignored_keys) {
  std::vector<std::string> out;
  compare(expected, actual, "$", ignored_keys, out);
  return out;
}

}  // namespace qbo_sandbox::conformance
