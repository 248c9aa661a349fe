// The schema's bounds on lists and objects (maxItems, maxProperties, uniqueItems), checked in one
// linear pass before the full validator runs. The validator's error-collecting pass reports every
// pair of equal entries of a unique list and every entry beyond a list's maximum: on a payload of
// a megabyte that is hundreds of millions of errors. Checked here first, such a payload is refused
// at the cost of reading it once.
#pragma once

#include <optional>

#include <boost/json/value.hpp>

#include "events/schema_error_mapper.h"

namespace qbo_sync::events::detail {

// The first collection of `instance` that breaks a bound of `schema` (a self-contained schema
// document: references are local "#/..." pointers), in the validator's own words, or nullopt.
// Follows properties, patternless additionalProperties, items, allOf and local $ref; what only a
// branch of anyOf, oneOf or if/then/else would require is left to the validator.
std::optional<SchemaViolation> first_collection_bound_violation(const boost::json::value& schema,
                                                                const boost::json::value& instance);

}  // namespace qbo_sync::events::detail
