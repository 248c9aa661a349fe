#include "events/schema_error_mapper.h"

#include <charconv>
#include <optional>
#include <string_view>

#include <boost/json/serialize.hpp>

#include "events/json_pointer.h"
#include "events/utf8.h"

namespace qbo_sync::events::detail {
namespace {

using boost::json::object;
using boost::json::value;

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// Summaries that valijson adds above the violation that caused them.
bool is_summary(std::string_view description) {
  return starts_with(description, "Failed to validate item #") ||
         starts_with(description, "Cannot validate item #") ||
         starts_with(description, "Failed to validate against") ||
         starts_with(description, "Failed to validate against any schemas allowed by anyOf") ||
         starts_with(description, "Failed to validate against schema associated with");
}

// The text between the first and the last single quote: the property a description names.
std::string quoted_name(std::string_view description) {
  const auto first = description.find('\'');
  const auto last = description.rfind('\'');
  if (first == std::string_view::npos || last <= first) {
    return {};
  }
  return std::string(description.substr(first + 1, last - first - 1));
}

std::string_view json_type_name(const value& v) {
  switch (v.kind()) {
    case boost::json::kind::null:
      return "null";
    case boost::json::kind::bool_:
      return "a boolean";
    case boost::json::kind::int64:
    case boost::json::kind::uint64:
      return "an integer";
    case boost::json::kind::double_:
      return "a number";
    case boost::json::kind::string:
      return "a string";
    case boost::json::kind::array:
      return "an array";
    case boost::json::kind::object:
      return "an object";
  }
  return "a value";
}

std::string_view schema_type_name(std::string_view type) {
  if (type == "integer") return "an integer";
  if (type == "number") return "a number";
  if (type == "string") return "a string";
  if (type == "boolean") return "a boolean (true or false)";
  if (type == "array") return "an array";
  if (type == "object") return "an object";
  return type;
}

// Walks a compiled (self-contained) schema along an instance path.
class SchemaWalker {
 public:
  explicit SchemaWalker(const value& root) : root_(root) {}

  // The schema nodes that apply at `node` directly: itself once "$ref" is followed, plus the
  // branches of allOf and of if/then/else that may add properties.
  std::vector<const object*> expand(const value* node, const value* instance) const {
    std::vector<const object*> nodes;
    expand_into(node, instance, nodes, 0);
    return nodes;
  }

  // `instance` is the value at the child's place, when there is one.
  std::vector<const object*> child(const std::vector<const object*>& parents, std::string_view key,
                                   bool is_index, const value* instance) const {
    std::vector<const object*> children;
    for (const object* parent : parents) {
      if (is_index) {
        if (const value* items = parent->if_contains("items"); items != nullptr) {
          expand_into(items, instance, children, 0);
        }
        continue;
      }
      const value* properties = parent->if_contains("properties");
      const value* property = properties != nullptr && properties->is_object()
                                  ? properties->get_object().if_contains(key)
                                  : nullptr;
      if (property != nullptr) {
        expand_into(property, instance, children, 0);
      } else if (const value* extra = parent->if_contains("additionalProperties");
                 extra != nullptr && extra->is_object()) {
        expand_into(extra, instance, children, 0);
      }
    }
    return children;
  }

 private:
  void expand_into(const value* node, const value* instance, std::vector<const object*>& nodes,
                   int depth) const {
    if (node == nullptr || !node->is_object() || depth > 16) {
      return;
    }
    const object& schema = node->get_object();
    nodes.push_back(&schema);
    if (const value* ref = schema.if_contains("$ref"); ref != nullptr && ref->is_string()) {
      const std::string_view target = ref->get_string();
      if (starts_with(target, "#")) {
        boost::system::error_code error;
        expand_into(root_.find_pointer(target.substr(1), error), instance, nodes, depth + 1);
      }
    }
    for (const char* branch : {"allOf", "anyOf", "oneOf"}) {
      if (const value* list = schema.if_contains(branch); list != nullptr && list->is_array()) {
        for (const value& entry : list->get_array()) {
          expand_into(&entry, instance, nodes, depth + 1);
        }
      }
    }
    // Only the branch the instance takes, when the condition is simple enough to tell.
    const std::optional<bool> condition = condition_holds(schema.if_contains("if"), instance);
    if (condition.value_or(true)) {
      expand_into(schema.if_contains("then"), instance, nodes, depth + 1);
    }
    if (!condition.value_or(false)) {
      expand_into(schema.if_contains("else"), instance, nodes, depth + 1);
    }
  }

  // Whether an "if" of the form {"properties": {"k": {"const": v}, ...}} holds for `instance`;
  // nullopt for any other form (then both branches are considered).
  static std::optional<bool> condition_holds(const value* condition, const value* instance) {
    if (condition == nullptr || instance == nullptr || !condition->is_object()) {
      return std::nullopt;
    }
    const value* properties = condition->get_object().if_contains("properties");
    if (properties == nullptr || !properties->is_object() || !instance->is_object()) {
      return std::nullopt;
    }
    for (const auto& member : properties->get_object()) {
      const value* expected =
          member.value().is_object() ? member.value().get_object().if_contains("const") : nullptr;
      if (expected == nullptr) {
        return std::nullopt;
      }
      const value* actual = instance->get_object().if_contains(member.key());
      if (actual == nullptr || *actual != *expected) {
        return false;
      }
    }
    return true;
  }

  const value& root_;
};

struct SchemaFacts {
  std::string description;
  std::string type;
  const boost::json::array* allowed = nullptr;  // "enum"
  std::vector<std::string> known_properties;
};

SchemaFacts facts_of(const std::vector<const object*>& nodes) {
  SchemaFacts facts;
  for (const object* node : nodes) {
    if (const value* d = node->if_contains("description");
        facts.description.empty() && d != nullptr && d->is_string()) {
      facts.description = std::string(d->get_string());
    }
    if (const value* t = node->if_contains("type");
        facts.type.empty() && t != nullptr && t->is_string()) {
      facts.type = std::string(t->get_string());
    }
    if (const value* e = node->if_contains("enum"); e != nullptr && e->is_array()) {
      facts.allowed = &e->get_array();  // the most specific (last expanded) enum wins
    }
    if (const value* c = node->if_contains("const"); c != nullptr && facts.allowed == nullptr) {
      facts.description = "exactly " + boost::json::serialize(*c);
    }
    if (const value* p = node->if_contains("properties"); p != nullptr && p->is_object()) {
      for (const auto& member : p->get_object()) {
        facts.known_properties.emplace_back(member.key());
      }
    }
  }
  return facts;
}

std::string shown_value(const value& v) {
  std::string text = boost::json::serialize(v);
  constexpr std::size_t kMaxShown = 60;
  if (text.size() > kMaxShown) {
    text = std::string(utf8_prefix(text, kMaxShown)) + "...";
  }
  return text;
}

// Values of these fields are never echoed in a message: they are credentials.
bool is_secret_field(std::string_view name) {
  return name.find("secret") != std::string_view::npos ||
         name.find("token") != std::string_view::npos || name == "encryption_key";
}

// A database URL may carry its password.
bool is_secret_location(std::string_view pointer) {
  return pointer == "/store/url";
}

std::string_view pointer_last_key(const std::vector<std::string>& context) {
  std::string_view token = context.back();
  if (token.size() >= 2 && token.front() == '[' && token.back() == ']') {
    token = token.substr(1, token.size() - 2);
  }
  return token;
}

std::string joined(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& name : names) {
    if (!text.empty()) {
      text += ", ";
    }
    text += name;
  }
  return text;
}

std::string allowed_list(const boost::json::array& allowed) {
  std::string text;
  for (const value& entry : allowed) {
    if (!text.empty()) {
      text += ", ";
    }
    text += entry.is_string() ? std::string(entry.get_string()) : boost::json::serialize(entry);
  }
  return text;
}

// The number in a valijson bound description, without the trailing zeros of its "%f" form.
std::string bound_number(std::string_view description) {
  const auto start = description.find_first_of("0123456789");
  if (start == std::string_view::npos) {
    return {};
  }
  std::string number(description.substr(start));
  number = number.substr(0, number.find_first_not_of("0123456789."));
  if (number.find('.') != std::string::npos) {
    number.erase(number.find_last_not_of('0') + 1);
    if (number.back() == '.') {
      number.pop_back();
    }
  }
  return number;
}

// Length, size and range violations in plain words; empty for any other description.
std::string bound_text(std::string_view description) {
  const std::string n = bound_number(description);
  if (starts_with(description, "String should be no more than")) {
    return " is too long: at most " + n + " characters";
  }
  if (starts_with(description, "String should be no fewer than")) {
    return n == "1" ? " must not be empty" : " is too short: at least " + n + " characters";
  }
  if (starts_with(description, "Array should contain no more than")) {
    return " has too many entries: at most " + n;
  }
  if (starts_with(description, "Array should contain no fewer than")) {
    return " needs at least " + n + (n == "1" ? " entry" : " entries");
  }
  if (starts_with(description, "Object should have no more than")) {
    return " has too many keys: at most " + n;
  }
  if (starts_with(description, "Expected number greater than or equal to")) {
    return " must be at least " + n;
  }
  if (starts_with(description, "Expected number less than or equal to")) {
    return " must be at most " + n;
  }
  if (starts_with(description, "Expected number greater than")) {
    return " must be greater than " + n;
  }
  if (starts_with(description, "Expected number less than")) {
    return " must be less than " + n;
  }
  if (starts_with(description, "Elements at indexes")) {
    return " must not hold the same entry twice";
  }
  return {};
}

// The first specific violation; a summary ("failed to validate item #n") only when all are.
const SchemaViolation& chosen_violation(const std::vector<SchemaViolation>& violations) {
  for (const auto& violation : violations) {
    if (!is_summary(violation.description)) return violation;
  }
  return violations.front();
}

// Where a violation is: its pointer, the instance's node there (null when absent) and the
// schema nodes that apply to it.
struct ViolationSite {
  JsonPointer pointer;
  const value* node = nullptr;
  std::vector<const object*> schema_nodes;
};

// Follows the violation's context through the instance and the schema together.
ViolationSite follow_context(const SchemaWalker& walker, const value& schema, const value& instance,
                             const std::vector<std::string>& context) {
  ViolationSite site{JsonPointer{}, &instance, walker.expand(&schema, &instance)};
  for (std::size_t i = 1; i < context.size(); ++i) {
    std::string_view token = context[i];
    if (token.size() >= 2 && token.front() == '[' && token.back() == ']') {
      token = token.substr(1, token.size() - 2);
    }
    const value* node = site.node;
    if (node != nullptr && node->is_array()) {
      std::size_t index = 0;
      std::from_chars(token.data(), token.data() + token.size(), index);
      site.pointer = site.pointer.index(index);
      site.node = index < node->get_array().size() ? &node->get_array()[index] : nullptr;
      site.schema_nodes = walker.child(site.schema_nodes, token, true, site.node);
    } else {
      site.pointer = site.pointer.key(token);
      site.node =
          node != nullptr && node->is_object() ? node->get_object().if_contains(token) : nullptr;
      site.schema_nodes = walker.child(site.schema_nodes, token, false, site.node);
    }
  }
  return site;
}

InputError missing_field_error(const SchemaWalker& walker, const ViolationSite& site,
                               std::string_view description) {
  const std::string name = quoted_name(description);
  const JsonPointer missing = site.pointer.key(name);
  const SchemaFacts facts = facts_of(walker.child(site.schema_nodes, name, false, nullptr));
  InputError error;
  error.code = error_code::kMissingField;
  error.path = missing.text();
  error.message = missing.field_name() + " is required but missing";
  if (!facts.description.empty()) {
    error.message += ": " + facts.description;
  }
  return error;
}

InputError unknown_field_error(const ViolationSite& site, std::string_view description) {
  const std::string name = quoted_name(description.substr(description.find(':')));
  const JsonPointer unknown = site.pointer.key(name);
  const SchemaFacts facts = facts_of(site.schema_nodes);
  InputError error;
  error.code = error_code::kUnknownField;
  error.path = unknown.text();
  error.message = unknown.field_name() + " is not a field of " + site.pointer.field_name();
  if (!facts.known_properties.empty()) {
    error.message += "; check the spelling (known fields: " + joined(facts.known_properties) + ")";
  }
  return error;
}

InputError wrong_type_error(const ViolationSite& site, const SchemaFacts& facts) {
  InputError error;
  error.path = site.pointer.text();
  error.code = error_code::kWrongType;
  error.message = site.pointer.field_name() + " must be ";
  error.message += facts.type.empty() ? "of another type" : schema_type_name(facts.type);
  if (site.node != nullptr) {
    error.message += ", not ";
    error.message += json_type_name(*site.node);
  }
  if (!facts.description.empty()) {
    error.message += " (" + facts.description + ")";
  }
  return error;
}

// Any other violation of the value itself; the value is shown unless it is a secret.
InputError invalid_value_error(const ViolationSite& site, const SchemaFacts& facts,
                               std::string_view description, bool secret) {
  InputError error;
  error.path = site.pointer.text();
  error.code = error_code::kInvalidValue;
  const std::string field = site.pointer.field_name();
  if (facts.allowed != nullptr && (starts_with(description, "Failed to match against any enum") ||
                                   starts_with(description, "Failed to match expected value"))) {
    error.message = field + " must be one of: " + allowed_list(*facts.allowed);
  } else if (starts_with(description, "Failed to match") && !facts.description.empty()) {
    // pattern and const: the schema's own words say what is expected
    error.message = field + " is not valid: expected " + facts.description;
  } else if (const auto bound = bound_text(description); !bound.empty()) {
    error.message = field + bound;
  } else {
    error.message = field + " is not valid: " + std::string(description);
    if (!facts.description.empty()) {
      error.message += " (" + facts.description + ")";
    }
  }
  const value* node = site.node;
  if (node != nullptr && !node->is_object() && !node->is_array() && !secret) {
    error.message += "; got " + shown_value(*node);
  }
  return error;
}

}  // namespace

InputError describe_violation(const value& schema, const value& instance,
                              const std::vector<SchemaViolation>& violations) {
  if (violations.empty()) {
    return {std::string(error_code::kInvalidValue), "the payload does not match its schema", ""};
  }
  const SchemaViolation& chosen = chosen_violation(violations);
  const SchemaWalker walker(schema);
  const ViolationSite site = follow_context(walker, schema, instance, chosen.context);
  const std::string_view description = chosen.description;
  if (starts_with(description, "Missing required property")) {
    return missing_field_error(walker, site, description);
  }
  if (starts_with(description, "Object contains a property that could not be validated")) {
    return unknown_field_error(site, description);
  }
  const SchemaFacts facts = facts_of(site.schema_nodes);
  if (description == "Value type not permitted by 'type' constraint.") {
    return wrong_type_error(site, facts);
  }
  const bool secret =
      (chosen.context.size() > 1 && is_secret_field(pointer_last_key(chosen.context))) ||
      is_secret_location(site.pointer.text());
  return invalid_value_error(site, facts, description, secret);
}

}  // namespace qbo_sync::events::detail
