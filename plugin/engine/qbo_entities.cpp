#include "engine/qbo_entities.h"

namespace qbo_sync::engine {
namespace json = boost::json;

json::array query_rows(const json::value& query_response, std::string_view entity) {
  if (!query_response.is_object()) return {};
  const json::value* rows = query_response.as_object().if_contains(entity);
  if (rows == nullptr || !rows->is_array()) return {};
  return rows->as_array();
}

std::string string_member(const json::value& object, std::string_view key) {
  if (!object.is_object()) return {};
  const json::value* found = object.as_object().if_contains(key);
  if (found == nullptr || !found->is_string()) return {};
  return std::string(found->as_string());
}

json::object unwrap_entity(const json::value& entity, std::string_view name) {
  if (!entity.is_object()) return {};
  const json::object& object = entity.as_object();
  if (const json::value* inner = object.if_contains(name); inner != nullptr && inner->is_object()) {
    return inner->as_object();
  }
  return object;
}

qbo::Fault local_fault(qbo::FaultClass fault_class, std::string message) {
  qbo::Fault fault;
  fault.fault_class = fault_class;
  fault.message = std::move(message);
  return fault;
}

}  // namespace qbo_sync::engine
