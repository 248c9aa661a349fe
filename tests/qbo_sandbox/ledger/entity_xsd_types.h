// The XSD types behind the entities the sandbox serves (generated into entity_xsd_types.cpp by
// tools/generate_entity_xsd_types.py).
#pragma once

#include <map>
#include <string_view>
#include <vector>

namespace qbo_sandbox {

struct XsdType {
  std::string_view base;              // the type it extends; empty for none
  std::vector<std::string_view> own;  // the properties it declares itself
};

// Every type an entity the sandbox serves is, or extends, by name.
const std::map<std::string_view, XsdType>& xsd_types();

// The entities the sandbox serves (the XSD names them as types too).
const std::vector<std::string_view>& served_entities();

}  // namespace qbo_sandbox
