#include "ledger.h"

#include <boost/algorithm/string/case_conv.hpp>
#include <boost/algorithm/string/predicate.hpp>
#include <boost/algorithm/string/split.hpp>
#include <boost/algorithm/string/trim.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <shared_mutex>

#include "closing_date.h"
#include "company.h"
#include "company_presets.h"
#include "deposit_rules.h"
#include "entity_catalog.h"
#include "entity_rules.h"
#include "faults.h"
#include "json_text.h"
#include "rules/query.h"
#include "time_format.h"

namespace qbo_sandbox {

namespace json = boost::json;
using std::chrono::system_clock;

namespace {

constexpr auto kCdcWindow = std::chrono::hours(24 * 30);
constexpr std::size_t kCdcMaxObjects = 1000;

std::string string_field(const json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value && value->is_string() ? std::string(value->get_string()) : std::string();
}

// What one operation produced: the payload to wrap (entity object, QueryResponse, ...) or a
// Fault; plus the change events it caused.
struct Outcome {
  std::optional<json::object> payload;  // e.g. {"Customer":{...}}
  std::optional<Fault> fault;
};

Outcome failed(Fault fault) {
  return Outcome{std::nullopt, std::move(fault)};
}
Outcome succeeded(json::object payload) {
  return Outcome{std::move(payload), std::nullopt};
}

ApiResponse to_response(const Outcome& outcome, system_clock::time_point now) {
  ApiResponse response;
  json::object body;
  if (outcome.fault) {
    response.status = outcome.fault->http_status;
    auto fault = to_fault_object(*outcome.fault);
    // QBO leaves "element" out of a top-level fault when no element is at fault (batch items
    // always carry it).
    if (outcome.fault->element.empty()) {
      for (auto& error : fault["Error"].as_array()) error.as_object().erase("element");
    }
    body["Fault"] = std::move(fault);
  } else {
    body = *outcome.payload;
  }
  body["time"] = format_response_time(now);
  response.body = response_json_text(body);
  return response;
}

}  // namespace

struct Ledger::State {
  explicit State(Clock& clock_in) : clock(clock_in) {}

  Clock& clock;
  mutable std::shared_mutex mutex;
  std::map<std::string, std::unique_ptr<Company>, std::less<>> companies;
  std::vector<std::string> realm_order;
  std::chrono::seconds request_id_ttl{24 * 3600};
  std::size_t batch_limit = 30;
  bool unique_doc_numbers = true;
  std::mt19937_64 random{std::random_device{}()};

  std::mutex listeners_mutex;
  std::vector<std::function<void(const ChangeEvent&)>> listeners;

  // Work done under the lock for one request.
  struct Context {
    Company& company;
    system_clock::time_point now;
    const ApiRequest& request;
    std::vector<ChangeEvent> events;
  };

  void emit(Context& context, std::string_view entity, std::string_view id,
            std::string_view operation) {
    context.events.push_back(ChangeEvent{context.company.realm_id(), std::string(entity),
                                         std::string(id), std::string(operation), context.now});
  }

  void stamp_new(json::object& object, std::string id, system_clock::time_point now) {
    object["domain"] = "QBO";
    object["sparse"] = false;
    object["Id"] = std::move(id);
    object["SyncToken"] = "0";
    const auto time = format_metadata_time(now);
    object["MetaData"] = json::object{{"CreateTime", time}, {"LastUpdatedTime", time}};
  }

  // After a Payment or Invoice changed, the invoices' balances and customers' balances follow.
  void follow_balances(Context& context, const EntityInfo& entity, const json::object* before,
                       std::string_view id) {
    if (entity.name != "Payment" && entity.name != "Invoice") return;
    std::set<std::string> invoices;
    std::set<std::string> customers;
    balance_scope(entity.name, before, invoices, customers);
    if (const auto* after = context.company.find(entity.name, id)) {
      balance_scope(entity.name, &after->object, invoices, customers);
    }
    for (const auto& changed :
         rebalance(context.company, context.now, invoices, std::move(customers))) {
      emit(context, "Invoice", changed, "Update");
    }
  }

  // After a Deposit or a receipt or payment changed, deposited transactions name their deposit.
  static void follow_deposits(Context& context, const EntityInfo& entity,
                              const json::object* before, std::string_view id) {
    if (entity.name == "Deposit") {
      const auto* after = context.company.find(entity.name, id);
      relink_deposit(context.company, before, after ? &after->object : nullptr);
    } else if (entity.name == "SalesReceipt" || entity.name == "Payment") {
      link_to_deposit(context.company, entity.name, id);
    }
  }

  // A void or delete the closing date or a deposit forbids.
  static std::optional<Fault> check_unchangeable(const Company& company, const EntityInfo& entity,
                                                 const json::object& stored) {
    if (auto fault = check_closing_date(company, entity, &stored, nullptr)) return fault;
    return check_deposited(company, entity, stored, nullptr);
  }

  PrepareOptions options_of(const ApiRequest& request) const {
    PrepareOptions options;
    const auto include = request.params.find("include");
    options.allow_duplicate_doc_number =
        !unique_doc_numbers ||
        (include != request.params.end() &&
         boost::algorithm::icontains(include->second, "allowduplicatedocnum"));
    return options;
  }

  Outcome create(Context& context, const EntityInfo& entity, json::object body) {
    if (!entity.writable || entity.kind == EntityKind::singleton) {
      return failed(faults::operation_not_supported("Create", entity.name));
    }
    json::object candidate = std::move(body);
    candidate.erase("Id");
    candidate.erase("SyncToken");
    candidate.erase("MetaData");
    candidate.erase("sparse");
    candidate.erase("domain");
    if (auto fault = prepare_entity(context.company, entity, candidate, nullptr, context.now,
                                    options_of(context.request))) {
      return failed(*fault);
    }
    if (auto fault = check_closing_date(context.company, entity, nullptr, &candidate))
      return failed(*fault);
    stamp_new(candidate, context.company.next_id(entity.sequence), context.now);
    const auto id = string_field(candidate, "Id");
    context.company.put(entity.name, candidate, context.now);
    follow_deposits(context, entity, nullptr, id);
    emit(context, entity.name, id, "Create");
    follow_balances(context, entity, nullptr, id);
    const auto* stored = context.company.find(entity.name, id);
    return succeeded(json::object{{entity.name, stored->object}});
  }

  // Finds the stored object an update, void or delete names, checking Id and SyncToken.
  std::variant<Record*, Fault> target_of(Context& context, const EntityInfo& entity,
                                         const json::object& body) {
    const auto* id_value = body.if_contains("Id");
    if (!id_value) return faults::required_parameter("Id");
    const auto id =
        id_value->is_string() ? std::string(id_value->get_string()) : json::serialize(*id_value);
    auto* record = context.company.find(entity.name, id);
    if (!record) {
      if (!numeric_id(id) && entity.kind != EntityKind::list) return faults::invalid_id(id);
      return faults::object_not_found(entity.name, id);
    }
    const auto* token = body.if_contains("SyncToken");
    if (!token) return faults::required_parameter("SyncToken");
    const auto token_text =
        token->is_string() ? std::string(token->get_string()) : json::serialize(*token);
    if (token_text != string_field(record->object, "SyncToken")) return faults::stale_object();
    return record;
  }

  static std::string next_token(const json::object& object) {
    const auto current = numeric_id(string_field(object, "SyncToken")).value_or(0);
    return std::to_string(current + 1);
  }

  void stamp_update(json::object& candidate, const json::object& previous,
                    system_clock::time_point now) {
    candidate["domain"] = "QBO";
    candidate["sparse"] = false;
    candidate["Id"] = previous.at("Id");
    candidate["SyncToken"] = next_token(previous);
    json::object meta = previous.contains("MetaData") && previous.at("MetaData").is_object()
                            ? previous.at("MetaData").get_object()
                            : json::object{};
    meta["LastUpdatedTime"] = format_metadata_time(now);
    candidate["MetaData"] = std::move(meta);
  }

  Outcome update(Context& context, const EntityInfo& entity, json::object body) {
    if (!entity.writable) return failed(faults::operation_not_supported("Update", entity.name));
    auto target = target_of(context, entity, body);
    if (auto* fault = std::get_if<Fault>(&target)) return failed(*fault);
    Record* record = std::get<Record*>(target);
    const json::object previous = record->object;
    const auto* sparse_value = body.if_contains("sparse");
    const bool sparse = sparse_value && sparse_value->is_bool() && sparse_value->get_bool();

    json::object candidate;
    if (sparse || entity.kind == EntityKind::singleton) {
      candidate = previous;
      for (const auto& member : body) candidate[member.key()] = member.value();
    } else {
      candidate = std::move(body);
    }
    for (const auto* server_field : {"sparse", "domain", "MetaData", "SyncToken", "status"}) {
      candidate.erase(server_field);
    }
    candidate["Id"] = previous.at("Id");
    if (auto fault = prepare_entity(context.company, entity, candidate, &previous, context.now,
                                    options_of(context.request))) {
      return failed(*fault);
    }
    if (auto fault = check_closing_date(context.company, entity, &previous, &candidate))
      return failed(*fault);
    if (auto fault = check_deposited(context.company, entity, previous, &candidate))
      return failed(*fault);
    // QBO leaves an object whose update changes nothing as it was (same SyncToken and time).
    json::object unchanged = candidate;
    unchanged["domain"] = previous.contains("domain") ? previous.at("domain") : json::value("QBO");
    unchanged["sparse"] = previous.contains("sparse") ? previous.at("sparse") : json::value(false);
    unchanged["SyncToken"] =
        previous.contains("SyncToken") ? previous.at("SyncToken") : json::value();
    if (previous.contains("MetaData")) unchanged["MetaData"] = previous.at("MetaData");
    if (unchanged == previous) return succeeded(json::object{{entity.name, previous}});

    stamp_update(candidate, previous, context.now);
    const auto id = string_field(candidate, "Id");
    context.company.put(entity.name, std::move(candidate), context.now);
    follow_deposits(context, entity, &previous, id);
    emit(context, entity.name, id, "Update");
    follow_balances(context, entity, &previous, id);
    return succeeded(json::object{{entity.name, context.company.find(entity.name, id)->object}});
  }

  // The transaction a void or a delete names, when it may be removed from the books.
  std::variant<Record*, Fault> removable_target(Context& context, const EntityInfo& entity,
                                                const json::object& body) {
    auto target = target_of(context, entity, body);
    if (std::holds_alternative<Fault>(target)) return target;
    const Record* record = std::get<Record*>(target);
    if (auto fault = check_removable(context.company, entity, record->object)) return *fault;
    if (auto fault = check_unchangeable(context.company, entity, record->object)) return *fault;
    return target;
  }

  Outcome void_object(Context& context, const EntityInfo& entity, const json::object& body) {
    if (!entity.voidable) return failed(faults::operation_not_supported("Void", entity.name));
    auto target = removable_target(context, entity, body);
    if (auto* fault = std::get_if<Fault>(&target)) return failed(*fault);
    Record* record = std::get<Record*>(target);
    json::object voided = record->object;
    const json::object previous = record->object;
    void_transaction(voided, entity.name);
    stamp_update(voided, previous, context.now);
    const auto id = string_field(voided, "Id");
    context.company.put(entity.name, std::move(voided), context.now);
    emit(context, entity.name, id, "Void");
    follow_balances(context, entity, &previous, id);
    return succeeded(json::object{{entity.name, context.company.find(entity.name, id)->object}});
  }

  Outcome delete_object(Context& context, const EntityInfo& entity, const json::object& body) {
    if (entity.kind != EntityKind::transaction) {
      return failed(faults::operation_not_supported("Delete", entity.name));
    }
    auto target = removable_target(context, entity, body);
    if (auto* fault = std::get_if<Fault>(&target)) return failed(*fault);
    Record* record = std::get<Record*>(target);
    const auto id = string_field(record->object, "Id");
    const json::object previous = record->object;
    context.company.erase(entity.name, id, context.now);
    follow_deposits(context, entity, &previous, id);
    emit(context, entity.name, id, "Delete");
    follow_balances(context, entity, &previous, id);
    return succeeded(json::object{
        {entity.name, json::object{{"domain", "QBO"}, {"status", "Deleted"}, {"Id", id}}}});
  }

  Outcome write(Context& context, const EntityInfo& entity, std::string_view operation,
                json::object body) {
    if (operation == "delete") return delete_object(context, entity, body);
    if (operation == "void") return void_object(context, entity, body);
    if (!operation.empty() && operation != "update" && operation != "create") {
      return failed(faults::operation_not_supported(operation, entity.name));
    }
    if (body.contains("Id") || operation == "update")
      return update(context, entity, std::move(body));
    return create(context, entity, std::move(body));
  }

  Outcome read(Context& context, const EntityInfo& entity, std::string_view id) {
    if (entity.kind == EntityKind::singleton) {
      const auto objects = context.company.all(entity.name);
      if (objects.empty()) return failed(faults::object_not_found(entity.name, id));
      return succeeded(json::object{{entity.name, *objects.front()}});
    }
    if (!numeric_id(id) && entity.kind != EntityKind::list) return failed(faults::invalid_id(id));
    const auto* record = context.company.find(entity.name, id);
    if (!record) return failed(faults::object_not_found(entity.name, id));
    return succeeded(json::object{{entity.name, record->object}});
  }

  Outcome query(const Company& company, std::string_view text) {
    auto parsed = query::parse(text);
    if (auto* fault = std::get_if<Fault>(&parsed)) return failed(*fault);
    const auto& statement = std::get<query::Statement>(parsed);
    const auto* entity = entity_by_name(statement.entity);
    const auto objects = entity ? company.all(entity->name) : std::vector<const json::object*>{};
    auto result = query::execute(statement, objects);
    if (auto* fault = std::get_if<Fault>(&result)) return failed(*fault);
    return succeeded(json::object{{"QueryResponse", std::get<json::object>(std::move(result))}});
  }

  Outcome cdc(const Company& company, const ApiRequest& request, system_clock::time_point now) {
    const auto entities_param = request.params.find("entities");
    if (entities_param == request.params.end() || entities_param->second.empty()) {
      return failed(faults::missing_cdc_parameter("entities"));
    }
    const auto since_param = request.params.find("changedSince");
    if (since_param == request.params.end() || since_param->second.empty()) {
      return failed(faults::missing_cdc_parameter("changedSince"));
    }
    const auto since = parse_time(since_param->second);
    if (!since) {
      return failed(faults::invalid_value(
          "changedSince",
          "changedSince must be an ISO 8601 date-time, got " + since_param->second));
    }
    if (*since < now - kCdcWindow) return failed(faults::cdc_too_old());

    std::vector<std::string> names;
    boost::algorithm::split(names, entities_param->second, [](char c) { return c == ','; });
    json::array responses;
    std::size_t total = 0;
    for (auto name : names) {
      boost::algorithm::trim(name);
      if (name.empty()) continue;
      const auto* entity = entity_by_name(name);
      if (!entity || entity->name == "TaxCode" || entity->name == "TaxRate") {
        return failed(faults::invalid_value("entities", "CDC is not supported for entity " + name));
      }
      json::array changed;
      for (const auto* object : company.all(entity->name)) {
        if (total >= kCdcMaxObjects) break;
        const auto* record = company.find(entity->name, string_field(*object, "Id"));
        if (record && record->updated >= *since) {
          changed.push_back(*object);
          ++total;
        }
      }
      for (const auto& tombstone : company.deleted()) {
        if (total >= kCdcMaxObjects) break;
        if (tombstone.entity == entity->name && tombstone.at >= *since) {
          changed.push_back(json::object{
              {"domain", "QBO"},
              {"status", "Deleted"},
              {"Id", tombstone.id},
              {"MetaData", json::object{{"LastUpdatedTime", format_metadata_time(tombstone.at)}}}});
          ++total;
        }
      }
      if (changed.empty()) continue;
      const auto count = static_cast<std::int64_t>(changed.size());
      responses.push_back(json::object{
          {entity->name, std::move(changed)}, {"startPosition", 1}, {"maxResults", count}});
    }
    if (responses.empty()) responses.push_back(json::object{});
    return succeeded(json::object{
        {"CDCResponse", json::array{json::object{{"QueryResponse", std::move(responses)}}}}});
  }

  Outcome batch(Context& context, const json::object& body) {
    const auto* items = body.if_contains("BatchItemRequest");
    if (!items || !items->is_array()) return failed(faults::required_parameter("BatchItemRequest"));
    if (items->get_array().size() > batch_limit) {
      return failed(faults::batch_too_large(batch_limit, items->get_array().size()));
    }
    json::array responses;
    for (const auto& item_value : items->get_array()) {
      json::object answer;
      const json::object item = item_value.is_object() ? item_value.get_object() : json::object{};
      const auto bid = string_field(item, "bId");
      const auto outcome = batch_item(context, item);
      if (outcome.fault) {
        auto fault_object = to_fault_object(*outcome.fault);
        // Batch items always carry "element", empty when none applies.
        if (auto* errors = fault_object.if_contains("Error"); errors && errors->is_array()) {
          for (auto& error : errors->get_array()) {
            if (error.is_object() && !error.get_object().contains("element"))
              error.get_object()["element"] = "";
          }
        }
        answer["Fault"] = std::move(fault_object);
      } else {
        answer = *outcome.payload;
      }
      answer["bId"] = bid;
      responses.push_back(std::move(answer));
    }
    return succeeded(json::object{{"BatchItemResponse", std::move(responses)}});
  }

  Outcome batch_item(Context& context, const json::object& item) {
    if (const auto* text = item.if_contains("Query")) {
      if (!text->is_string()) return failed(faults::invalid_value("Query", "Query must be text"));
      return query(context.company, text->get_string());
    }
    auto operation = boost::algorithm::to_lower_copy(string_field(item, "operation"));
    if (boost::algorithm::iequals(string_field(item, "optionsData"), "void")) operation = "void";
    for (const auto& member : item) {
      const auto* entity = entity_by_name(member.key());
      if (!entity || !member.value().is_object()) continue;
      if (operation.empty()) return failed(faults::required_parameter("operation"));
      return write(context, *entity, operation, member.value().get_object());
    }
    return failed(faults::required_parameter("BatchItemRequest entity"));
  }

  Outcome parse_body(const ApiRequest& request, json::object& body) {
    boost::system::error_code error;
    auto value = json::parse(request.body, error);
    if (error) return failed(faults::malformed_body(error.message()));
    if (!value.is_object()) return failed(faults::malformed_body("the body is not a JSON object"));
    body = std::move(value.get_object());
    return Outcome{};
  }

  Outcome dispatch(Context& context) {
    const auto& request = context.request;
    std::vector<std::string> segments;
    boost::algorithm::split(segments, request.path, [](char c) { return c == '/'; });
    while (!segments.empty() && segments.back().empty()) segments.pop_back();
    const auto relative = "/v3/company/" + context.company.realm_id() + "/" + request.path;
    if (segments.empty()) return failed(faults::unsupported_operation(relative));
    const auto resource = boost::algorithm::to_lower_copy(segments.front());
    const bool is_get = request.method == "GET";
    const bool is_post = request.method == "POST";

    if (resource == "query" && segments.size() == 1) {
      if (is_get) {
        const auto text = request.params.find("query");
        if (text == request.params.end()) return failed(faults::required_parameter("query"));
        return query(context.company, text->second);
      }
      if (is_post) return query(context.company, request.body);
    }
    if (resource == "cdc" && segments.size() == 1 && is_get)
      return cdc(context.company, request, context.now);
    if (resource == "batch" && segments.size() == 1 && is_post) {
      json::object body;
      if (auto outcome = parse_body(request, body); outcome.fault) return outcome;
      return batch(context, body);
    }
    const auto* entity = entity_by_path(resource);
    if (!entity || segments.size() > 2) return failed(faults::unsupported_operation(relative));
    if (is_get) {
      if (segments.size() == 2) return read(context, *entity, segments[1]);
      if (entity->kind == EntityKind::singleton) return read(context, *entity, "1");
      return failed(faults::unsupported_operation(relative));
    }
    if (is_post && segments.size() == 1) {
      json::object body;
      if (auto outcome = parse_body(request, body); outcome.fault) return outcome;
      const auto operation = request.params.find("operation");
      return write(context, *entity,
                   operation == request.params.end()
                       ? std::string()
                       : boost::algorithm::to_lower_copy(operation->second),
                   std::move(body));
    }
    return failed(faults::unsupported_operation(relative));
  }
};

Ledger::Ledger(Clock& clock) : state_(std::make_unique<State>(clock)) {}
Ledger::~Ledger() = default;

std::string Ledger::add_company(CompanyPreset preset, std::string company_name) {
  std::unique_lock lock(state_->mutex);
  std::string realm_id;
  do {
    // QBO realm ids are long decimal numbers such as 9341452581806539.
    realm_id = "9341" + std::to_string(100000000000ULL + state_->random() % 900000000000ULL);
  } while (state_->companies.contains(realm_id));
  auto company = std::make_unique<Company>(realm_id, preset);
  seed_company_presets(*company, company_name, state_->clock.now());
  state_->companies.emplace(realm_id, std::move(company));
  state_->realm_order.push_back(realm_id);
  return realm_id;
}

std::vector<std::string> Ledger::realm_ids() const {
  std::shared_lock lock(state_->mutex);
  return state_->realm_order;
}

bool Ledger::has_realm(std::string_view realm_id) const {
  std::shared_lock lock(state_->mutex);
  return state_->companies.contains(realm_id);
}

ApiResponse Ledger::handle(const ApiRequest& request) {
  const auto now = state_->clock.now();
  const auto request_id_param = request.params.find("requestid");
  const std::string request_id =
      request_id_param == request.params.end() ? std::string() : request_id_param->second;
  const bool read_only =
      request_id.empty() &&
      (request.method == "GET" || boost::algorithm::istarts_with(request.path, "query"));
  std::vector<ChangeEvent> events;
  ApiResponse response;
  {
    std::unique_lock<std::shared_mutex> write_lock(state_->mutex, std::defer_lock);
    std::shared_lock<std::shared_mutex> read_lock(state_->mutex, std::defer_lock);
    if (read_only) {
      read_lock.lock();
    } else {
      write_lock.lock();
    }
    const auto found = state_->companies.find(request.realm_id);
    if (found == state_->companies.end()) {
      Fault fault;
      fault.http_status = 403;
      fault.type = "AuthorizationFault";
      fault.code = "3100";
      fault.message = "message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403";
      fault.detail = "The realm " + request.realm_id + " is not a company of this sandbox";
      return to_response(failed(fault), now);
    }
    Company& company = *found->second;
    if (!request_id.empty()) {
      auto& stored = company.stored_answers();
      const auto answer = stored.find(request_id);
      if (answer != stored.end() && now - answer->second.at < state_->request_id_ttl) {
        return answer->second.response;
      }
    }
    State::Context context{company, now, request, {}};
    response = to_response(state_->dispatch(context), now);
    events = std::move(context.events);
    if (!request_id.empty()) {
      auto& stored = company.stored_answers();
      if (stored.size() >= 4096) {
        std::erase_if(stored, [&](const auto& entry) {
          return now - entry.second.at >= state_->request_id_ttl;
        });
      }
      stored[request_id] = StoredAnswer{response, now};
    }
  }
  if (!events.empty()) {
    std::lock_guard lock(state_->listeners_mutex);
    for (const auto& event : events) {
      for (const auto& listener : state_->listeners) listener(event);
    }
  }
  return response;
}

void Ledger::on_change(std::function<void(const ChangeEvent&)> listener) {
  std::lock_guard lock(state_->listeners_mutex);
  state_->listeners.push_back(std::move(listener));
}

json::object Ledger::snapshot(std::string_view realm_id) const {
  std::shared_lock lock(state_->mutex);
  const auto found = state_->companies.find(realm_id);
  if (found == state_->companies.end()) return {};
  json::object counts;
  json::object objects;
  for (const auto& [entity, table] : found->second->objects()) {
    json::array list;
    for (const auto& [key, record] : table) list.push_back(record.object);
    counts[entity] = static_cast<std::int64_t>(list.size());
    objects[entity] = std::move(list);
  }
  json::array deleted;
  for (const auto& tombstone : found->second->deleted()) {
    deleted.push_back(json::object{{"entity", tombstone.entity},
                                   {"Id", tombstone.id},
                                   {"at", format_metadata_time(tombstone.at)}});
  }
  return json::object{{"realm_id", realm_id},
                      {"counts", std::move(counts)},
                      {"objects", std::move(objects)},
                      {"deleted", std::move(deleted)}};
}

bool Ledger::set_closing_date(std::string_view realm_id, std::string_view date) {
  std::unique_lock lock(state_->mutex);
  const auto found = state_->companies.find(realm_id);
  if (found == state_->companies.end()) return false;
  qbo_sandbox::set_closing_date(*found->second, date);
  return true;
}

std::string Ledger::closing_date(std::string_view realm_id) const {
  std::shared_lock lock(state_->mutex);
  const auto found = state_->companies.find(realm_id);
  return found == state_->companies.end() ? std::string()
                                          : qbo_sandbox::closing_date(*found->second);
}

void Ledger::set_request_id_ttl(std::chrono::seconds ttl) {
  std::unique_lock lock(state_->mutex);
  state_->request_id_ttl = ttl;
}

void Ledger::set_unique_doc_numbers(bool unique) {
  std::unique_lock lock(state_->mutex);
  state_->unique_doc_numbers = unique;
}

void Ledger::set_batch_limit(std::size_t max_items) {
  std::unique_lock lock(state_->mutex);
  state_->batch_limit = max_items;
}

bool Ledger::seed(std::string_view realm_id, std::string_view entity_name, json::object object) {
  std::unique_lock lock(state_->mutex);
  const auto found = state_->companies.find(realm_id);
  const auto* entity = entity_by_name(entity_name);
  if (found == state_->companies.end() || !entity) return false;
  const auto id = string_field(object, "Id");
  if (id.empty()) return false;
  auto updated = state_->clock.now();
  if (const auto* meta = object.if_contains("MetaData"); meta && meta->is_object()) {
    if (const auto when = parse_time(string_field(meta->get_object(), "LastUpdatedTime")))
      updated = *when;
  }
  found->second->note_id(entity->sequence, id);
  found->second->put(entity->name, std::move(object), updated);
  return true;
}

}  // namespace qbo_sandbox
