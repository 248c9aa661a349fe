// Turns what the JSON Schema validator reports into one InputError a CRM developer can act on.
#pragma once

#include <string>
#include <vector>

#include <boost/json/value.hpp>

#include "events/input_error.h"

namespace qbo_sync::events::detail {

// One violation as the validator reports it: where (its context tokens, "<root>" then "[name]" or
// "[index]" per level) and what (its description).
struct SchemaViolation {
  std::vector<std::string> context;
  std::string description;
};

// The first specific violation (a leaf, not a "failed to validate item #n" summary) as an
// InputError with a code from the vocabulary, a JSON Pointer into `instance` and a message that
// names the field and says what the schema expects there. `schema` is the compiled schema
// document, read for the field's description, type and allowed values.
InputError describe_violation(const boost::json::value& schema, const boost::json::value& instance,
                              const std::vector<SchemaViolation>& violations);

}  // namespace qbo_sync::events::detail
