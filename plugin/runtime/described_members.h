// Reads a JSON object into a struct described with BOOST_DESCRIBE_STRUCT, member by member, by the
// members' own names: one reading for every section of a configuration, with no key spelled twice.
// For documents that already passed their JSON Schema: a member the object leaves out keeps its
// default, and a value of another type than the member's is left alone (the schema refused it).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <boost/describe/members.hpp>
#include <boost/json/value.hpp>
#include <boost/mp11/algorithm.hpp>

#include "text/enum_names.h"

namespace qbo_sync::runtime {

template <class T>
concept DescribedStruct = boost::describe::has_describe_members<T>::value;

template <DescribedStruct T>
void read_present_members(const boost::json::object& object, T& out);

namespace detail {

// Each returns whether `value` was of the member's type and was read.
inline bool read_member(const boost::json::value& value, std::string& out) {
  if (!value.is_string()) return false;
  out = std::string(value.get_string());
  return true;
}

inline bool read_member(const boost::json::value& value, bool& out) {
  if (!value.is_bool()) return false;
  out = value.get_bool();
  return true;
}

template <std::integral Integer>
requires(!std::same_as<Integer, bool>) bool read_member(const boost::json::value& value,
                                                        Integer& out) {
  if (!value.is_int64()) return false;
  out = static_cast<Integer>(value.get_int64());
  return true;
}

template <text::DescribedEnum Enum>
bool read_member(const boost::json::value& value, Enum& out) {
  if (!value.is_string()) return false;
  const auto named = text::enum_from_name<Enum>(value.get_string());
  if (named) out = *named;
  return named.has_value();
}

template <class T>
bool read_member(const boost::json::value& value, std::optional<T>& out) {
  T read{};
  if (!read_member(value, read)) return false;
  out = std::move(read);
  return true;
}

template <DescribedStruct T>
bool read_member(const boost::json::value& value, T& out) {
  if (!value.is_object()) return false;
  read_present_members(value.get_object(), out);
  return true;
}

}  // namespace detail

template <DescribedStruct T>
void read_present_members(const boost::json::object& object, T& out) {
  using Members = boost::describe::describe_members<T, boost::describe::mod_public |
                                                           boost::describe::mod_inherited>;
  boost::mp11::mp_for_each<Members>([&](auto member) {
    if (const auto* value = object.if_contains(member.name)) {
      detail::read_member(*value, out.*member.pointer);
    }
  });
}

}  // namespace qbo_sync::runtime
