#include "fault_injector.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

#include "text/ascii.h"

namespace qbo_sandbox {
namespace {

namespace json = boost::json;

constexpr std::array<std::pair<FaultRule::Kind, std::string_view>, 7> kKinds{{
    {FaultRule::Kind::http_500, "http_500"},
    {FaultRule::Kind::http_503, "http_503"},
    {FaultRule::Kind::timeout, "timeout"},
    {FaultRule::Kind::drop, "drop"},
    {FaultRule::Kind::xml_fault, "xml_fault"},
    {FaultRule::Kind::throttle, "throttle"},
    {FaultRule::Kind::delay, "delay"},
}};

bool entity_matches(std::string_view entity, std::string_view path, std::string_view query_text) {
  const std::string wanted = qbo_sync::text::ascii_lower(entity);
  const std::string first_segment = qbo_sync::text::ascii_lower(path.substr(0, path.find('/')));
  if (first_segment == wanted) {
    return true;
  }
  const std::string text = qbo_sync::text::ascii_lower(query_text);
  if (first_segment == "query") {
    const std::size_t from = text.find("from ");
    if (from == std::string::npos) {
      return false;
    }
    std::size_t start = from + 5;
    while (start < text.size() && text[start] == ' ') {
      ++start;
    }
    std::size_t end = start;
    while (end < text.size() && std::isalnum(static_cast<unsigned char>(text[end]))) {
      ++end;
    }
    return text.substr(start, end - start) == wanted;
  }
  if (first_segment == "batch") {
    return text.find("\"" + wanted + "\"") != std::string::npos;
  }
  return false;
}

}  // namespace

std::variant<FaultRule, std::string> fault_rule_from_json(const json::value& value) {
  if (!value.is_object()) {
    return std::string("the body must be a JSON object");
  }
  const json::object& object = value.as_object();
  FaultRule rule;
  const json::value* kind = object.if_contains("kind");
  if (kind == nullptr || !kind->is_string()) {
    return std::string(
        "kind is required: one of http_500, http_503, timeout, drop, xml_fault, "
        "throttle, delay");
  }
  auto known = std::find_if(kKinds.begin(), kKinds.end(),
                            [&](const auto& entry) { return entry.second == kind->as_string(); });
  if (known == kKinds.end()) {
    return "kind \"" + std::string(kind->as_string()) +
           "\" is not one of http_500, http_503, timeout, drop, xml_fault, throttle, delay";
  }
  rule.kind = known->first;
  for (const auto& [name, target] :
       std::initializer_list<std::pair<std::string_view, std::string*>>{
           {"realm_id", &rule.realm_id},
           {"method", &rule.method},
           {"path_prefix", &rule.path_prefix},
           {"entity", &rule.entity},
           {"type", &rule.type},
           {"code", &rule.code},
           {"message", &rule.message},
           {"detail", &rule.detail}}) {
    if (const json::value* field = object.if_contains(name)) {
      if (!field->is_string()) {
        return std::string(name) + " must be a string";
      }
      *target = std::string(field->as_string());
    }
  }
  if (const json::value* count = object.if_contains("count")) {
    if (!count->is_int64() || count->as_int64() < 1) {
      return std::string("count must be a positive integer");
    }
    rule.remaining = static_cast<std::size_t>(count->as_int64());
  }
  if (const json::value* delay = object.if_contains("delay_ms")) {
    if (!delay->is_int64() || delay->as_int64() < 0) {
      return std::string("delay_ms must be a non-negative integer");
    }
    rule.delay = std::chrono::milliseconds(delay->as_int64());
  }
  if (const json::value* status = object.if_contains("status")) {
    if (!status->is_int64() || status->as_int64() < 100 || status->as_int64() > 599) {
      return std::string("status must be an HTTP status code");
    }
    rule.status = static_cast<int>(status->as_int64());
  }
  if (const json::value* after = object.if_contains("after_ledger")) {
    if (!after->is_bool()) {
      return std::string("after_ledger must be true or false");
    }
    rule.after_ledger = after->as_bool();
  }
  return rule;
}

json::object to_json(const FaultRule& rule) {
  json::object object;
  object["id"] = rule.id;
  for (const auto& [kind, name] : kKinds) {
    if (kind == rule.kind) {
      object["kind"] = name;
    }
  }
  object["realm_id"] = rule.realm_id;
  object["method"] = rule.method;
  object["path_prefix"] = rule.path_prefix;
  object["entity"] = rule.entity;
  object["count"] = rule.remaining;
  object["delay_ms"] = rule.delay.count();
  object["after_ledger"] = rule.after_ledger;
  if (rule.status != 0) {
    object["status"] = rule.status;
  }
  for (const auto& [name, value] :
       {std::pair<std::string_view, const std::string*>{"type", &rule.type},
        {"code", &rule.code},
        {"message", &rule.message},
        {"detail", &rule.detail}}) {
    if (!value->empty()) {
      object[name] = *value;
    }
  }
  return object;
}

std::uint64_t FaultInjector::add(FaultRule rule) {
  std::lock_guard lock(mutex_);
  rule.id = next_id_++;
  rules_.push_back(std::move(rule));
  return rules_.back().id;
}

std::optional<FaultRule> FaultInjector::take(std::string_view realm_id, std::string_view method,
                                             std::string_view path, std::string_view query_text) {
  std::lock_guard lock(mutex_);
  for (auto it = rules_.begin(); it != rules_.end(); ++it) {
    if (!it->realm_id.empty() && it->realm_id != realm_id) {
      continue;
    }
    if (!it->method.empty() &&
        qbo_sync::text::ascii_lower(it->method) != qbo_sync::text::ascii_lower(method)) {
      continue;
    }
    if (!it->path_prefix.empty() && qbo_sync::text::ascii_lower(path).rfind(
                                        qbo_sync::text::ascii_lower(it->path_prefix), 0) != 0) {
      continue;
    }
    if (!it->entity.empty() && !entity_matches(it->entity, path, query_text)) {
      continue;
    }
    FaultRule taken = *it;
    if (--it->remaining == 0) {
      rules_.erase(it);
    }
    return taken;
  }
  return std::nullopt;
}

json::array FaultInjector::list() const {
  std::lock_guard lock(mutex_);
  json::array rules;
  for (const auto& rule : rules_) {
    rules.push_back(to_json(rule));
  }
  return rules;
}

void FaultInjector::clear() {
  std::lock_guard lock(mutex_);
  rules_.clear();
}

void FaultInjector::release_delays() {
  releases_->fetch_add(1);
}

std::function<bool()> FaultInjector::release_signal() const {
  return [releases = releases_, seen = releases_->load()] { return releases->load() != seen; };
}

}  // namespace qbo_sandbox
