#include "entity_properties.h"

#include <map>

#include "entity_xsd_types.h"

namespace qbo_sandbox {
namespace {

using PropertyNames = std::set<std::string, std::less<>>;

// What a type declares and what every type it extends declares.
PropertyNames properties_of(std::string_view type_name) {
  PropertyNames names;
  const auto& types = xsd_types();
  for (auto type = types.find(type_name); type != types.end();
       type = types.find(type->second.base)) {
    names.insert(type->second.own.begin(), type->second.own.end());
  }
  return names;
}

}  // namespace

const PropertyNames* xsd_properties(std::string_view entity) {
  static const auto table = [] {
    std::map<std::string, PropertyNames, std::less<>> properties;
    for (std::string_view name : served_entities()) {
      properties.emplace(name, properties_of(name));
    }
    return properties;
  }();
  auto found = table.find(entity);
  return found == table.end() ? nullptr : &found->second;
}

}  // namespace qbo_sandbox
