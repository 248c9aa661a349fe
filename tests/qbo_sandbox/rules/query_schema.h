#pragma once

// What the query language may name: entity names and, per entity, the fields QBO lets a WHERE
// or ORDERBY clause use. Shared by the parser and the evaluator.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fault.h"

namespace qbo_sandbox::query::schema {

struct EntityRules {
  std::string name;
  bool name_list = false;  // an Active flag, inactive objects hidden by default
  std::string sort_name;   // default order key for name lists (as the recordings show)
  std::vector<std::string> filterable;
};

const std::vector<EntityRules>& entity_rules();
// By name, case-insensitively; nullptr when QBO has no such entity.
const EntityRules* find_entity(std::string_view name);
// The field's QBO spelling if the entity lets WHERE / ORDERBY use it.
std::optional<std::string> filterable_field(const EntityRules& entity, std::string_view field);

// QBO's 4001 "Invalid query" fault with a QueryValidationError detail.
Fault validation_fault(std::string detail);

}  // namespace qbo_sandbox::query::schema
