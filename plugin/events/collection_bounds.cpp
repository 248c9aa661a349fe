#include "events/collection_bounds.h"

#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

#include <boost/json/serialize.hpp>

namespace qbo_sync::events::detail {
namespace {

using boost::json::object;
using boost::json::value;

// Schemas nest far less deeply than this; it bounds the walk over a hostile $ref cycle.
constexpr int kMaxSchemaDepth = 64;

class BoundsWalk {
 public:
  explicit BoundsWalk(const value& root) : root_(root) {}

  std::optional<SchemaViolation> check(const value& schema, const value& instance,
                                       std::vector<std::string>& context, int depth) {
    if (!schema.is_object() || depth > kMaxSchemaDepth) {
      return std::nullopt;
    }
    const object& node = schema.get_object();
    if (auto violation = check_own_bounds(node, instance, context)) {
      return violation;
    }
    if (const value* reference = node.if_contains("$ref"); reference && reference->is_string()) {
      if (auto violation = check(resolve(reference->get_string()), instance, context, depth + 1)) {
        return violation;
      }
    }
    if (const value* all_of = node.if_contains("allOf"); all_of && all_of->is_array()) {
      for (const value& part : all_of->get_array()) {
        if (auto violation = check(part, instance, context, depth + 1)) {
          return violation;
        }
      }
    }
    if (instance.is_array()) {
      return check_items(node, instance.get_array(), context, depth);
    }
    if (instance.is_object()) {
      return check_members(node, instance.get_object(), context, depth);
    }
    return std::nullopt;
  }

 private:
  // A local reference "#/definitions/x"; anything else resolves to nothing.
  const value& resolve(std::string_view reference) const {
    static const value nothing;
    if (!reference.starts_with('#')) {
      return nothing;
    }
    boost::system::error_code error;
    const value* target = root_.find_pointer(reference.substr(1), error);
    return target != nullptr ? *target : nothing;
  }

  static std::optional<std::size_t> bound(const object& node, std::string_view keyword) {
    const value* limit = node.if_contains(keyword);
    if (limit == nullptr || !limit->is_number()) {
      return std::nullopt;
    }
    boost::system::error_code error;
    const auto number = limit->to_number<std::size_t>(error);
    return error ? std::nullopt : std::optional(number);
  }

  static std::optional<SchemaViolation> check_own_bounds(const object& node, const value& instance,
                                                         const std::vector<std::string>& context) {
    if (instance.is_array()) {
      const auto& array = instance.get_array();
      if (const auto most = bound(node, "maxItems"); most && array.size() > *most) {
        return SchemaViolation{
            context, "Array should contain no more than " + std::to_string(*most) + " elements."};
      }
      if (const value* unique = node.if_contains("uniqueItems");
          unique && unique->is_bool() && unique->get_bool()) {
        return first_repeat(array, context);
      }
    }
    if (instance.is_object()) {
      if (const auto most = bound(node, "maxProperties");
          most && instance.get_object().size() > *most) {
        return SchemaViolation{
            context, "Object should have no more than " + std::to_string(*most) + " properties."};
      }
    }
    return std::nullopt;
  }

  // Entries compared by their serialised form: equal JSON values of one kind serialise alike
  // (the validator compares numbers and strings strictly, as this does).
  static std::optional<SchemaViolation> first_repeat(const boost::json::array& array,
                                                     const std::vector<std::string>& context) {
    std::unordered_map<std::string, std::size_t> seen;
    seen.reserve(array.size());
    for (std::size_t index = 0; index < array.size(); ++index) {
      const auto [found, inserted] = seen.try_emplace(boost::json::serialize(array[index]), index);
      if (!inserted) {
        return SchemaViolation{context, "Elements at indexes #" + std::to_string(found->second) +
                                            " and #" + std::to_string(index) +
                                            " violate uniqueness constraint."};
      }
    }
    return std::nullopt;
  }

  std::optional<SchemaViolation> check_items(const object& node, const boost::json::array& array,
                                             std::vector<std::string>& context, int depth) {
    const value* items = node.if_contains("items");
    if (items == nullptr || !items->is_object()) {
      return std::nullopt;
    }
    for (std::size_t index = 0; index < array.size(); ++index) {
      context.push_back("[" + std::to_string(index) + "]");
      auto violation = check(*items, array[index], context, depth + 1);
      context.pop_back();
      if (violation) {
        return violation;
      }
    }
    return std::nullopt;
  }

  std::optional<SchemaViolation> check_members(const object& node, const object& members,
                                               std::vector<std::string>& context, int depth) {
    const value* properties = node.if_contains("properties");
    const value* additional = node.if_contains("additionalProperties");
    for (const auto& member : members) {
      const value* member_schema = nullptr;
      if (properties != nullptr && properties->is_object()) {
        member_schema = properties->get_object().if_contains(member.key());
      }
      if (member_schema == nullptr && additional != nullptr && additional->is_object() &&
          !node.contains("patternProperties")) {
        member_schema = additional;
      }
      if (member_schema == nullptr) {
        continue;
      }
      context.push_back("[" + std::string(member.key()) + "]");
      auto violation = check(*member_schema, member.value(), context, depth + 1);
      context.pop_back();
      if (violation) {
        return violation;
      }
    }
    return std::nullopt;
  }

  const value& root_;
};

}  // namespace

std::optional<SchemaViolation> first_collection_bound_violation(const value& schema,
                                                                const value& instance) {
  std::vector<std::string> context{"<root>"};
  return BoundsWalk(schema).check(schema, instance, context, 0);
}

}  // namespace qbo_sync::events::detail
