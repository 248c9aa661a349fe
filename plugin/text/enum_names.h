// The names of enumerators described with BOOST_DESCRIBE_ENUM, as they appear in JSON, logs and
// the admin's output: the enumerator's own name, without the trailing '_' that marks a C++
// keyword (void_ is "void").
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <boost/describe/enum.hpp>
#include <boost/describe/enumerators.hpp>
#include <boost/mp11/algorithm.hpp>

namespace qbo_sync::text {

template <class Enum>
concept DescribedEnum = boost::describe::has_describe_enumerators<Enum>::value;

namespace detail {
constexpr std::string_view without_keyword_mark(std::string_view name) {
  return name.ends_with('_') ? name.substr(0, name.size() - 1) : name;
}
}  // namespace detail

// The name of `value`; "unknown" for a value that is no enumerator.
template <DescribedEnum Enum>
std::string_view enum_name(Enum value) {
  std::string_view name = "unknown";
  boost::mp11::mp_for_each<boost::describe::describe_enumerators<Enum>>([&](auto enumerator) {
    if (enumerator.value == value) name = detail::without_keyword_mark(enumerator.name);
  });
  return name;
}

// The enumerator named `name`, or nullopt when there is none.
template <DescribedEnum Enum>
std::optional<Enum> enum_from_name(std::string_view name) {
  std::optional<Enum> found;
  boost::mp11::mp_for_each<boost::describe::describe_enumerators<Enum>>([&](auto enumerator) {
    if (detail::without_keyword_mark(enumerator.name) == name) found = enumerator.value;
  });
  return found;
}

// Every name, in declaration order, separated by `separator`: for error messages.
template <DescribedEnum Enum>
std::string enum_names(std::string_view separator = ", ") {
  std::string names;
  boost::mp11::mp_for_each<boost::describe::describe_enumerators<Enum>>([&](auto enumerator) {
    if (!names.empty()) names += separator;
    names += detail::without_keyword_mark(enumerator.name);
  });
  return names;
}

}  // namespace qbo_sync::text
