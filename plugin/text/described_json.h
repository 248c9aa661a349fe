// JSON objects to and from structs described with BOOST_DESCRIBE_STRUCT, member by member, by the
// members' own names: the host configuration and the state the plugin stores are read and written
// with no key spelled twice. Reading is for documents the plugin checked or wrote itself: a member
// the object leaves out (text written before the member existed) keeps its default, and a value of
// another type than the member's is left alone.
#pragma once

#include <concepts>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/describe/members.hpp>
#include <boost/json/value.hpp>
#include <boost/mp11/algorithm.hpp>

#include "text/enum_names.h"

namespace qbo_sync::text {

template <class T>
concept DescribedStruct = boost::describe::has_describe_members<T>::value;

template <DescribedStruct T>
void read_present_members(const boost::json::object& object, T& out);
template <DescribedStruct T>
boost::json::object members_to_json(const T& value);

namespace detail {

// Declared first so that a vector or optional of described structs finds them.
template <DescribedStruct T>
bool read_member(const boost::json::value& value, T& out);
template <DescribedStruct T>
boost::json::value write_member(const T& value);

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

template <DescribedEnum Enum>
bool read_member(const boost::json::value& value, Enum& out) {
  if (!value.is_string()) return false;
  const auto named = enum_from_name<Enum>(value.get_string());
  if (named) out = *named;
  return named.has_value();
}

template <class T>
bool read_member(const boost::json::value& value, std::vector<T>& out) {
  if (!value.is_array()) return false;
  out.clear();
  for (const auto& element : value.get_array()) {
    T read{};
    if (read_member(element, read)) out.push_back(std::move(read));
  }
  return true;
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

inline boost::json::value write_member(const std::string& value) {
  return boost::json::string(boost::json::string_view(value));
}
inline boost::json::value write_member(bool value) {
  return value;
}

template <std::integral Integer>
requires(!std::same_as<Integer, bool>) boost::json::value write_member(Integer value) {
  return static_cast<int64_t>(value);
}

template <DescribedEnum Enum>
boost::json::value write_member(Enum value) {
  return boost::json::string(enum_name(value));
}

template <class T>
boost::json::value write_member(const std::vector<T>& values) {
  boost::json::array array;
  for (const auto& value : values) array.push_back(write_member(value));
  return array;
}

template <DescribedStruct T>
boost::json::value write_member(const T& value) {
  return members_to_json(value);
}

}  // namespace detail

// Every member by its name; an optional member without a value is left out.
template <DescribedStruct T>
boost::json::object members_to_json(const T& value) {
  boost::json::object object;
  using Members = boost::describe::describe_members<T, boost::describe::mod_public |
                                                           boost::describe::mod_inherited>;
  boost::mp11::mp_for_each<Members>([&](auto member) {
    const auto& field = value.*member.pointer;
    if constexpr (requires {
                    field.has_value();
                    *field;
                  }) {
      if (field.has_value()) object[member.name] = detail::write_member(*field);
    } else {
      object[member.name] = detail::write_member(field);
    }
  });
  return object;
}

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

}  // namespace qbo_sync::text
