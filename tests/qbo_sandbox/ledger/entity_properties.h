#pragma once

#include <set>
#include <string>
#include <string_view>

namespace qbo_sandbox {

// The property names Intuit's XSD declares for an entity (QBO spelling), or nullptr when the
// entity is not one the sandbox serves.
const std::set<std::string, std::less<>>* xsd_properties(std::string_view entity);

}  // namespace qbo_sandbox
