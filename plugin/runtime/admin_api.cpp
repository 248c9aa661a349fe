#include "runtime/admin_api.h"

#include <algorithm>
#include <boost/json.hpp>
#include <charconv>
#include <iterator>

#include "events/json_object_reader.h"
#include "inbound/inbound_service.h"
#include "mapping/company_data.h"
#include "qbo_sync/plugin_api.h"
#include "runtime/company_lists.h"
#include "runtime/integration_card.h"
#include "runtime/plugin_identity.h"
#include "runtime/utc_date.h"

namespace qbo_sync::runtime {
namespace {

constexpr int kDefaultPageSize = 50;
constexpr int kMaxPageSize = 500;

boost::json::object record_json(const store::SyncRecord& record) {
  boost::json::object json;
  json["record_id"] = std::to_string(record.id);
  json["account_id"] = record.account_id;
  json["object_type"] = record.object_type;
  json["object_id"] = record.object_id;
  json["revision"] = record.revision;
  json["status"] = store::to_string(record.status);
  json["reason"] = record.reason;
  json["attempts"] = record.attempts;
  json["next_attempt_at_ms"] = record.next_attempt_at_ms;
  json["qbo_id"] = record.qbo_id;
  if (!record.last_error_json.empty()) {
    boost::system::error_code error;
    auto last_error = boost::json::parse(record.last_error_json, error);
    json["last_error"] = error ? boost::json::value(record.last_error_json) : last_error;
  } else {
    json["last_error"] = nullptr;
  }
  json["created_at_ms"] = record.created_at_ms;
  json["updated_at_ms"] = record.updated_at_ms;
  return json;
}

std::optional<int64_t> parse_id(std::string_view text) {
  int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

HookResponse ok(const boost::json::object& body) {
  return {QBO_SYNC_OK, boost::json::serialize(body)};
}

HookResponse invalid(std::string_view message, std::string_view path) {
  return error_response(QBO_SYNC_INVALID_INPUT, "invalid_value", message, path);
}

// A required, non-empty string field.
const boost::json::string* required_string(const boost::json::object& request,
                                           std::string_view key) {
  const auto* value = request.if_contains(key);
  if (!value || !value->is_string() || value->as_string().empty()) return nullptr;
  return &value->as_string();
}

HookResponse plugin_info(store::Store& store) {
  boost::json::object body;
  body["name"] = kPluginName;
  body["version"] = kPluginVersion;
  body["abi"] = {{"major", QBO_SYNC_ABI_MAJOR}, {"minor", QBO_SYNC_ABI_MINOR}};
  body["store_schema_version"] = store.schema_version();
  return ok(body);
}

HookResponse list_records(store::Store& store, const boost::json::object& request) {
  store::RecordFilter filter;
  const auto* account = required_string(request, "account_id");
  if (!account)
    return invalid("account_id is required and must be a non-empty string", "/account_id");
  filter.account_id = std::string(*account);
  if (const auto* status = request.if_contains("status"); status && !status->is_null()) {
    auto parsed =
        status->is_string() ? store::parse_record_status(status->as_string()) : std::nullopt;
    if (!parsed)
      return invalid("status must be one of todo, completed, errored, skipped", "/status");
    filter.status = parsed;
  }
  if (const auto* type = request.if_contains("object_type"); type && !type->is_null()) {
    if (!type->is_string()) return invalid("object_type must be a string", "/object_type");
    filter.object_type = std::string(type->as_string());
  }
  if (const auto* reason = request.if_contains("reason"); reason && !reason->is_null()) {
    if (!reason->is_string()) return invalid("reason must be a string", "/reason");
    filter.reason = std::string(reason->as_string());
  }
  filter.limit = kDefaultPageSize;
  if (const auto* limit = request.if_contains("limit"); limit && !limit->is_null()) {
    if (!limit->is_int64() || limit->as_int64() < 1 || limit->as_int64() > kMaxPageSize) {
      return invalid("limit must be an integer from 1 to 500", "/limit");
    }
    filter.limit = static_cast<int>(limit->as_int64());
  }
  if (const auto* cursor = request.if_contains("cursor"); cursor && !cursor->is_null()) {
    auto after = cursor->is_string() ? parse_id(cursor->as_string()) : std::nullopt;
    if (!after) return invalid("cursor must be a next_cursor returned by list_records", "/cursor");
    filter.after_id = *after;
  }
  const auto records = store.list_records(filter);
  boost::json::object body;
  boost::json::array items;
  for (const auto& record : records) items.push_back(record_json(record));
  body["records"] = std::move(items);
  if (static_cast<int>(records.size()) == filter.limit) {
    body["next_cursor"] = std::to_string(records.back().id);
  } else {
    body["next_cursor"] = nullptr;
  }
  return ok(body);
}

// A record of the account the request names: an admin of one account never sees another's.
HookResponse get_record(store::Store& store, const boost::json::object& request) {
  const auto* account = required_string(request, "account_id");
  if (!account)
    return invalid("account_id is required and must be a non-empty string", "/account_id");
  const auto* id_text = required_string(request, "record_id");
  auto id = id_text ? parse_id(*id_text) : std::nullopt;
  if (!id) return invalid("record_id must be a record id returned by a hook", "/record_id");
  auto record = store.get_record(*id);
  if (!record || record->account_id != *account) {
    return error_response(QBO_SYNC_INVALID_INPUT, "not_found",
                          "the account has no sync record with that id", "/record_id");
  }
  auto body = record_json(*record);
  boost::json::array audit;
  for (const auto& entry : store.audit_trail(*id)) {
    boost::json::object item;
    item["at_ms"] = entry.at_ms;
    item["action"] = entry.action;
    boost::system::error_code error;
    auto detail = boost::json::parse(entry.detail, error);
    item["detail"] = error ? boost::json::value(entry.detail) : detail;
    audit.push_back(std::move(item));
  }
  body["audit"] = std::move(audit);
  return ok(body);
}

HookResponse refused(const connection::Refusal& refusal) {
  const bool bad_field = !refusal.path.empty();
  return error_response(bad_field ? QBO_SYNC_INVALID_INPUT : QBO_SYNC_NOT_CONNECTED, refusal.code,
                        refusal.message, refusal.path);
}

HookResponse answer(const connection::Result<boost::json::object>& result) {
  if (const auto* refusal = std::get_if<connection::Refusal>(&result)) return refused(*refusal);
  return ok(std::get<boost::json::object>(result));
}

std::vector<int64_t> parse_record_ids(const boost::json::object& request, std::string& problem) {
  std::vector<int64_t> ids;
  const auto* list = request.if_contains("record_ids");
  if (!list || !list->is_array() || list->as_array().empty() || list->as_array().size() > 1000) {
    problem = "record_ids must be a list of 1 to 1000 record ids";
    return {};
  }
  for (const auto& item : list->as_array()) {
    auto id = item.is_string() ? parse_id(item.as_string()) : std::nullopt;
    if (!id) {
      problem = "every record id must be a record_id returned by a hook";
      return {};
    }
    ids.push_back(*id);
  }
  return ids;
}

// A QuickBooks webhook delivery the host forwards: {"headers": {...}, "body": "<raw text>"}. The
// signature is checked before the body is read; a refusal names the header or field.
HookResponse qbo_webhook(inbound::InboundService* inbound, const boost::json::object& request) {
  if (!inbound) {
    return error_response(QBO_SYNC_UNSUPPORTED, "not_available",
                          "QuickBooks webhooks are not handled by this plugin instance");
  }
  const auto* headers = request.if_contains("headers");
  if (!headers || !headers->is_object()) {
    return invalid("headers is required: the delivery's HTTP headers as an object of strings",
                   "/headers");
  }
  const auto* body = request.if_contains("body");
  if (!body || !body->is_string()) {
    return invalid("body is required: the delivery's raw body as a string", "/body");
  }
  auto result = inbound->accept_webhook(headers->as_object(), std::string_view(body->as_string()));
  if (const auto* refusal = std::get_if<inbound::WebhookRefusal>(&result)) {
    return error_response(QBO_SYNC_INVALID_INPUT, refusal->code, refusal->message, refusal->path);
  }
  const auto& accepted = std::get<inbound::WebhookAcceptance>(result);
  boost::json::array realms;
  for (const auto& realm : accepted.realms) realms.emplace_back(realm);
  return ok(boost::json::object{
      {"accepted", true}, {"replay", accepted.replay}, {"realms", std::move(realms)}});
}

// One of the company's lists, read again from QuickBooks first when the request says
// "refresh": true (an object created there since connecting).
HookResponse company_list_answer(store::Store& store, connection::ConnectionService& connections,
                                 const boost::json::object& request, std::string_view op) {
  const std::string account(request.at("account_id").as_string());
  const auto* refresh = request.if_contains("refresh");
  if (refresh && !refresh->is_bool()) return invalid("refresh must be true or false", "/refresh");
  auto row = store.connection(account);
  if (!row || row->sealed_tokens.empty())
    return error_response(QBO_SYNC_NOT_CONNECTED, "not_connected",
                          "the account is not connected to QuickBooks", "/account_id");
  if (refresh && refresh->as_bool()) {
    if (!connections.refresh_company(account))
      return error_response(QBO_SYNC_BUSY, "refresh_failed",
                            "the company's lists could not be read again from QuickBooks; check "
                            "the connection (test_connection)");
    row = store.connection(account);
  }
  auto company = mapping::parse_company_data(row ? row->company_json : std::string());
  const auto* data = std::get_if<mapping::CompanyData>(&company);
  if (!data)
    return error_response(QBO_SYNC_INTERNAL_ERROR, "company_data",
                          std::get<mapping::CompanyDataError>(company).message);
  auto body = company_list(op, *data, utc_date_today(store.now_ms()));
  if (!body)
    return error_response(QBO_SYNC_UNSUPPORTED, "unknown_operation",
                          "unknown admin operation '" + std::string(op) + "'", "/op");
  (*body)["account_id"] = account;
  return ok(*body);
}

// What an admin operation works with.
struct AdminContext {
  store::Store& store;
  connection::ConnectionService& connections;
  const std::function<void()>& records_due;
  inbound::InboundService* inbound;
};

// `account` is the request's account_id for an operation on one account, empty otherwise.
using OperationHandler = HookResponse (*)(const AdminContext& context,
                                          const boost::json::object& request, std::string_view op,
                                          const std::string& account);

struct AdminOperation {
  std::string_view name;
  bool per_account;
  OperationHandler run;
};

HookResponse connect_complete(const AdminContext& context, const boost::json::object& request,
                              std::string_view, const std::string&) {
  const auto* code = required_string(request, "code");
  const auto* state = required_string(request, "state");
  const auto* realm = required_string(request, "realm_id");
  if (!code) return invalid("code is required: the code QuickBooks put on the redirect", "/code");
  if (!state)
    return invalid("state is required: the state QuickBooks put on the redirect", "/state");
  if (!realm)
    return invalid("realm_id is required: the realmId QuickBooks put on the redirect", "/realm_id");
  auto completed =
      context.connections.complete(std::string(*code), std::string(*state), std::string(*realm));
  // The new connection's customer import and the records that waited for it start at once.
  if (std::holds_alternative<boost::json::object>(completed)) {
    if (context.inbound) context.inbound->notify();
    if (context.records_due) context.records_due();
  }
  return answer(completed);
}

HookResponse inbound_status(const AdminContext& context, const boost::json::object&,
                            std::string_view, const std::string& account) {
  if (!context.inbound) {
    return error_response(QBO_SYNC_UNSUPPORTED, "not_available",
                          "QuickBooks to CRM sync is not running in this plugin instance");
  }
  return ok(context.inbound->status(account));
}

// retry_records and skip_records: the records changed; retried ones are due at once.
HookResponse change_records(const AdminContext& context, const boost::json::object& request,
                            std::string_view op, const std::string& account) {
  std::string problem;
  const auto ids = parse_record_ids(request, problem);
  if (ids.empty()) return invalid(problem, "/record_ids");
  boost::json::object body;
  body["changed"] = op == "retry_records"
                        ? context.store.retry_records(account, ids)
                        : context.store.skip_records(account, ids, "skipped_by_admin");
  if (op == "retry_records" && body["changed"].as_int64() > 0 && context.records_due)
    context.records_due();
  return ok(body);
}

// connect_begin, connection_status, test_connection and disconnect: the account's connection.
HookResponse connection_operation(const AdminContext& context, const boost::json::object&,
                                  std::string_view op, const std::string& account) {
  if (op == "connect_begin") return answer(context.connections.begin(account));
  if (op == "disconnect") return answer(context.connections.disconnect(account));
  if (op == "test_connection") return ok(context.connections.test(account));
  return ok(context.connections.status(account));
}

HookResponse company_list_operation(const AdminContext& context, const boost::json::object& request,
                                    std::string_view op, const std::string&) {
  return company_list_answer(context.store, context.connections, request, op);
}

constexpr AdminOperation kOperations[] = {
    {"plugin_info", false,
     [](const AdminContext& context, const boost::json::object&, std::string_view,
        const std::string&) { return plugin_info(context.store); }},
    {"list_records", false,
     [](const AdminContext& context, const boost::json::object& request, std::string_view,
        const std::string&) { return list_records(context.store, request); }},
    {"get_record", false,
     [](const AdminContext& context, const boost::json::object& request, std::string_view,
        const std::string&) { return get_record(context.store, request); }},
    {"connect_complete", false, connect_complete},
    {"qbo_webhook", false,
     [](const AdminContext& context, const boost::json::object& request, std::string_view,
        const std::string&) { return qbo_webhook(context.inbound, request); }},
    {"integration_card", true,
     [](const AdminContext& context, const boost::json::object&, std::string_view,
        const std::string& account) {
       return ok(integration_card(context.store, account, context.connections.status(account),
                                  utc_date_today(context.store.now_ms())));
     }},
    {"connect_begin", true, connection_operation},
    {"connection_status", true, connection_operation},
    {"inbound_status", true, inbound_status},
    {"list_tax_codes", true, company_list_operation},
    {"list_items", true, company_list_operation},
    {"list_accounts", true, company_list_operation},
    {"list_payment_methods", true, company_list_operation},
    {"test_connection", true, connection_operation},
    {"disconnect", true, connection_operation},
    {"retry_records", true, change_records},
    {"skip_records", true, change_records},
};

const AdminOperation* find_operation(std::string_view name) {
  const auto found =
      std::find_if(std::begin(kOperations), std::end(kOperations),
                   [name](const AdminOperation& operation) { return operation.name == name; });
  return found == std::end(kOperations) ? nullptr : found;
}

}  // namespace

AdminApi::AdminApi(store::Store& store, connection::ConnectionService& connections,
                   std::function<void()> records_due)
    : store_(store), connections_(connections), records_due_(std::move(records_due)) {}

HookResponse AdminApi::handle(std::string_view request_json) {
  auto read =
      events::read_json_object(request_json.data(), request_json.size(), "the admin request");
  if (auto* error = std::get_if<events::InputError>(&read)) {
    return error_response(QBO_SYNC_INVALID_INPUT, error->code, error->message, error->path);
  }
  const auto& document = std::get<boost::json::value>(read);
  const auto& request = document.as_object();
  const auto* op = required_string(request, "op");
  if (!op) return invalid("op is required: the name of the admin operation", "/op");
  const AdminOperation* operation = find_operation(*op);
  if (!operation) {
    return error_response(QBO_SYNC_UNSUPPORTED, "unknown_operation",
                          "unknown admin operation '" + std::string(*op) + "'", "/op");
  }
  const AdminContext context{store_, connections_, records_due_, inbound_};
  try {
    std::string account;
    if (operation->per_account) {
      const auto* account_field = required_string(request, "account_id");
      if (!account_field) {
        return invalid("account_id is required and must be a non-empty string", "/account_id");
      }
      account = std::string(*account_field);
    }
    return operation->run(context, request, *op, account);
  } catch (const store::StoreError& error) {
    return error_response(QBO_SYNC_INTERNAL_ERROR, "store_unavailable", error.what());
  }
}

}  // namespace qbo_sync::runtime
