#include "qbo_client/change_feed.h"

#include <cctype>
#include <optional>

#include <boost/json.hpp>

namespace qbo_sync::qbo {
namespace json = boost::json;
namespace {

// A 200 whose CDC envelope is not what QBO documents: nothing in it can be trusted, so the whole
// answer is refused and the caller asks again later.
Fault malformed(const std::string& pointer, std::string_view expected) {
  Fault fault;
  fault.fault_class = FaultClass::unknown;
  fault.http_status = 200;
  fault.message = "QuickBooks answered the change feed without " + std::string(expected) + " at " +
                  (pointer.empty() ? std::string("its root") : pointer);
  fault.element = pointer;
  return fault;
}

// A member name as a JSON Pointer token (RFC 6901: "~" is "~0", "/" is "~1").
std::string pointer_token(std::string_view name) {
  std::string token;
  for (char c : name) {
    if (c == '~') {
      token += "~0";
    } else if (c == '/') {
      token += "~1";
    } else {
      token += c;
    }
  }
  return token;
}

// QBO names entities with a capital letter; the counters beside the lists do not.
bool is_entity_list(std::string_view name) {
  return !name.empty() && std::isupper(static_cast<unsigned char>(name.front())) != 0;
}

ChangedEntity changed_entity(const json::value& object) {
  ChangedEntity changed;
  changed.entity = Entity::from_json(object);
  changed.deleted = string_member(object, "status") == "Deleted";
  if (const json::value* meta = object.as_object().if_contains("MetaData")) {
    changed.last_updated = string_member(*meta, "LastUpdatedTime");
  }
  return changed;
}

std::optional<Fault> read_entity_list(const json::value& list, const std::string& pointer,
                                      std::vector<ChangedEntity>& into) {
  if (!list.is_array()) return malformed(pointer, "an array of entities");
  for (std::size_t i = 0; i < list.get_array().size(); ++i) {
    const json::value& item = list.get_array()[i];
    if (!item.is_object()) return malformed(pointer + "/" + std::to_string(i), "an entity object");
    into.push_back(changed_entity(item));
  }
  return std::nullopt;
}

std::optional<Fault> read_query_response(const json::value& response, const std::string& pointer,
                                         ChangeFeed& feed) {
  if (!response.is_object()) return malformed(pointer, "a QueryResponse object");
  for (const auto& [name, list] : response.get_object()) {
    if (!is_entity_list(name)) continue;
    auto& into = feed.changes[std::string(name)];
    if (auto fault = read_entity_list(list, pointer + "/" + pointer_token(name), into))
      return fault;
  }
  return std::nullopt;
}

std::optional<Fault> read_group(const json::value& group, const std::string& pointer,
                                ChangeFeed& feed) {
  if (!group.is_object()) return malformed(pointer, "a group object");
  const json::value* responses = group.get_object().if_contains("QueryResponse");
  if (responses == nullptr || !responses->is_array())
    return malformed(pointer + "/QueryResponse", "a QueryResponse array");
  for (std::size_t i = 0; i < responses->get_array().size(); ++i) {
    const std::string at = pointer + "/QueryResponse/" + std::to_string(i);
    if (auto fault = read_query_response(responses->get_array()[i], at, feed)) return fault;
  }
  return std::nullopt;
}

}  // namespace

const std::vector<ChangedEntity>& ChangeFeed::of(std::string_view entity) const {
  static const std::vector<ChangedEntity> kNone;
  const auto found = changes.find(entity);
  return found == changes.end() ? kNone : found->second;
}

std::size_t ChangeFeed::size() const {
  std::size_t objects = 0;
  for (const auto& [name, list] : changes) objects += list.size();
  return objects;
}

Outcome<ChangeFeed> read_change_feed(const json::value& body) {
  if (!body.is_object()) return malformed("", "a JSON object");
  const json::value* groups = body.get_object().if_contains("CDCResponse");
  if (groups == nullptr || !groups->is_array())
    return malformed("/CDCResponse", "a CDCResponse array");
  ChangeFeed feed;
  feed.time = string_member(body, "time");
  for (std::size_t i = 0; i < groups->get_array().size(); ++i) {
    const std::string at = "/CDCResponse/" + std::to_string(i);
    if (auto fault = read_group(groups->get_array()[i], at, feed)) return *std::move(fault);
  }
  return feed;
}

}  // namespace qbo_sync::qbo
