#include "qbo_client/api_client.h"

#include <array>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <stdexcept>

#include <boost/json.hpp>

#include "crypto/digest.h"
#include "money/json_numbers.h"
#include "qbo_client/fault_advice.h"
#include "qbo_client/fault_parser.h"
#include "text/ascii.h"
#include "text/enum_names.h"

namespace qbo_sync::qbo {
namespace {

namespace json = boost::json;

constexpr std::size_t kMaxBatchIdLength = 10;

Fault validation_fault(std::string message, std::string element) {
  Fault fault;
  fault.fault_class = FaultClass::validation;
  fault.message = std::move(message);
  fault.element = std::move(element);
  return fault;
}

bool is_entity_name(std::string_view entity) {
  if (entity.empty() || entity.size() > 64) {
    return false;
  }
  for (char c : entity) {
    if (std::isalpha(static_cast<unsigned char>(c)) == 0) {
      return false;
    }
  }
  return true;
}

std::optional<std::chrono::milliseconds> retry_after_of(const HttpResponse& response) {
  auto header = response.header("Retry-After");
  if (!header) {
    return std::nullopt;
  }
  long long seconds = 0;
  auto [end, ec] = std::from_chars(header->data(), header->data() + header->size(), seconds);
  if (ec != std::errc{} || end != header->data() + header->size() || seconds < 0) {
    return std::nullopt;
  }
  return std::chrono::seconds(seconds);
}

std::string intuit_tid_of(const HttpResponse& response) {
  if (auto tid = response.header("intuit_tid")) {
    return *tid;
  }
  return response.header("intuit-tid").value_or("");
}

}  // namespace

struct ApiClient::Call {
  std::string method;
  std::string path;   // after /v3/company/{realm}, starting with '/'
  std::string query;  // extra query parameters, already encoded, without minorversion
  std::string body;
  RequestKind kind = RequestKind::single;
  std::string unwrap_key;  // the member holding the result
  bool is_write = false;
};

std::string make_request_id(std::string_view idempotency_key) {
  // The first 16 bytes of the key's SHA-256, shaped like a UUID (8-4-4-4-12).
  const std::string digits = crypto::hex(crypto::sha256(idempotency_key)).substr(0, 32);
  return digits.substr(0, 8) + "-" + digits.substr(8, 4) + "-" + digits.substr(12, 4) + "-" +
         digits.substr(16, 4) + "-" + digits.substr(20);
}

ApiClient::ApiClient(HttpTransport& transport, TokenManager& tokens, RateGovernor& governor,
                     ApiClientConfig config)
    : transport_(transport), tokens_(tokens), governor_(governor), config_(std::move(config)) {
  while (!config_.base_url.empty() && config_.base_url.back() == '/') {
    config_.base_url.pop_back();
  }
}

Outcome<ApiResponse> ApiClient::create(const Connection& connection, std::string_view entity,
                                       const json::object& document,
                                       std::string_view idempotency_key) {
  if (!is_entity_name(entity)) {
    return validation_fault("not a QBO entity name: '" + std::string(entity) + "'", "entity");
  }
  return execute(
      connection,
      Call{"POST", "/" + text::ascii_lower(entity), "requestid=" + make_request_id(idempotency_key),
           money::serialize_exact(document), RequestKind::single, std::string(entity), true});
}

Outcome<ApiResponse> ApiClient::update(const Connection& connection, std::string_view entity,
                                       const json::object& document,
                                       std::string_view idempotency_key) {
  if (!document.contains("Id") || !document.contains("SyncToken")) {
    return validation_fault("an update needs the document's Id and SyncToken",
                            document.contains("Id") ? "SyncToken" : "Id");
  }
  return create(connection, entity, document, idempotency_key);
}

Outcome<ApiResponse> ApiClient::sparse_update(const Connection& connection, std::string_view entity,
                                              json::object document,
                                              std::string_view idempotency_key) {
  document["sparse"] = true;
  return update(connection, entity, document, idempotency_key);
}

Outcome<ApiResponse> ApiClient::void_transaction(const Connection& connection,
                                                 std::string_view entity, std::string_view id,
                                                 std::string_view sync_token,
                                                 std::string_view idempotency_key) {
  return transaction_operation(connection, "void", entity, id, sync_token, idempotency_key);
}

Outcome<ApiResponse> ApiClient::delete_transaction(const Connection& connection,
                                                   std::string_view entity, std::string_view id,
                                                   std::string_view sync_token,
                                                   std::string_view idempotency_key) {
  return transaction_operation(connection, "delete", entity, id, sync_token, idempotency_key);
}

Outcome<ApiResponse> ApiClient::transaction_operation(const Connection& connection,
                                                      std::string_view operation,
                                                      std::string_view entity, std::string_view id,
                                                      std::string_view sync_token,
                                                      std::string_view idempotency_key) {
  if (!is_entity_name(entity)) {
    return validation_fault("not a QBO entity name: '" + std::string(entity) + "'", "entity");
  }
  json::object body{{"Id", id}, {"SyncToken", sync_token}};
  return execute(
      connection,
      Call{"POST", "/" + text::ascii_lower(entity),
           "operation=" + std::string(operation) + "&requestid=" + make_request_id(idempotency_key),
           money::serialize_exact(body), RequestKind::single, std::string(entity), true});
}

Outcome<ApiResponse> ApiClient::read(const Connection& connection, std::string_view entity,
                                     std::string_view id) {
  if (!is_entity_name(entity)) {
    return validation_fault("not a QBO entity name: '" + std::string(entity) + "'", "entity");
  }
  if (id.empty()) {
    return validation_fault("a read needs the object's Id", "Id");
  }
  return execute(connection,
                 Call{"GET", "/" + text::ascii_lower(entity) + "/" + url_encode_component(id), "",
                      "", RequestKind::single, std::string(entity), false});
}

Outcome<ApiResponse> ApiClient::preferences(const Connection& connection) {
  return execute(connection,
                 Call{"GET", "/preferences", "", "", RequestKind::single, "Preferences", false});
}

Outcome<ApiResponse> ApiClient::query(const Connection& connection, const QueryBuilder& query) {
  return execute(connection, Call{"GET", "/query", "query=" + query.url_encoded(), "",
                                  RequestKind::single, "QueryResponse", false});
}

Outcome<json::array> ApiClient::query_all(const Connection& connection, const QueryBuilder& query,
                                          std::uint32_t page_size, std::size_t max_rows) {
  json::array rows;
  for (std::uint32_t start = 1;; start += page_size) {
    QueryBuilder page = query;
    try {
      page.start_position(start).max_results(page_size);
    } catch (const std::invalid_argument& error) {
      return validation_fault(error.what(), "page_size");
    }
    auto answer = this->query(connection, page);
    if (!answer) {
      return std::move(answer).fault();
    }
    const auto* response = answer.value().entity.if_object();
    const json::value* found =
        response != nullptr ? response->if_contains(query.entity()) : nullptr;
    if (found == nullptr || !found->is_array()) {
      break;  // QBO leaves the entity out of an empty page
    }
    const auto& batch = found->get_array();
    rows.insert(rows.end(), batch.begin(), batch.end());
    if (rows.size() > max_rows) {
      return validation_fault("the query returned more than " + std::to_string(max_rows) + " rows",
                              "max_rows");
    }
    if (batch.size() < page_size) {
      break;
    }
  }
  return rows;
}

BOOST_DESCRIBE_ENUM(ConnectionState, ok, reconnect_needed, qbo_unavailable, error)

std::string_view to_string(ConnectionState state) {
  const std::string_view name = text::enum_name(state);
  return name == "unknown" ? "error" : name;
}

ConnectionCheck ApiClient::test_connection(const Connection& connection) {
  ConnectionCheck check;
  auto answer = read(connection, "CompanyInfo", connection.realm);
  if (answer) {
    const auto* company = answer.value().entity.if_object();
    const json::value* name = company != nullptr ? company->if_contains("CompanyName") : nullptr;
    check.state = ConnectionState::ok;
    check.company_name =
        name != nullptr && name->is_string() ? std::string(name->get_string()) : "";
    check.explanation = "Connected: " + check.company_name;
    return check;
  }
  const Fault& fault = answer.fault();
  switch (fault.fault_class) {
    case FaultClass::reconnect_needed:
    case FaultClass::not_connected:
    case FaultClass::unauthorized:
      check.state = ConnectionState::reconnect_needed;
      break;
    case FaultClass::throttled:
    case FaultClass::transient:
    case FaultClass::unknown:
      check.state = ConnectionState::qbo_unavailable;
      break;
    default:
      check.state = ConnectionState::error;
      break;
  }
  check.explanation = admin_advice(fault);
  check.fault = fault;
  return check;
}

Outcome<ApiResponse> ApiClient::batch(const Connection& connection, const json::array& items,
                                      std::string_view idempotency_key) {
  if (items.empty() || items.size() > config_.max_batch_items) {
    return validation_fault("a batch holds 1 to " + std::to_string(config_.max_batch_items) +
                                " items, got " + std::to_string(items.size()),
                            "BatchItemRequest");
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto* object = items[i].if_object();
    const json::value* bid = object != nullptr ? object->if_contains("bId") : nullptr;
    if (bid == nullptr || !bid->is_string() || bid->get_string().empty() ||
        bid->get_string().size() > kMaxBatchIdLength) {
      return validation_fault("each batch item needs a bId of 1 to 10 characters",
                              "BatchItemRequest[" + std::to_string(i) + "].bId");
    }
  }
  json::object body{{"BatchItemRequest", items}};
  return execute(connection,
                 Call{"POST", "/batch", "requestid=" + make_request_id(idempotency_key),
                      money::serialize_exact(body), RequestKind::batch, "BatchItemResponse", true});
}

Outcome<ApiResponse> ApiClient::change_data_capture(const Connection& connection,
                                                    const std::vector<std::string>& entities,
                                                    std::string_view changed_since) {
  std::string list;
  for (const auto& entity : entities) {
    if (!is_entity_name(entity)) {
      return validation_fault("not a QBO entity name: '" + entity + "'", "entities");
    }
    list += list.empty() ? "" : ",";
    list += entity;
  }
  if (list.empty() || changed_since.empty()) {
    return validation_fault("CDC needs entities and changedSince",
                            list.empty() ? "entities" : "changedSince");
  }
  return execute(connection, Call{"GET", "/cdc",
                                  "entities=" + url_encode_component(list) +
                                      "&changedSince=" + url_encode_component(changed_since),
                                  "", RequestKind::single, "CDCResponse", false});
}

Outcome<ChangeFeed> ApiClient::changes_since(const Connection& connection,
                                             const std::vector<std::string>& entities,
                                             std::string_view changed_since) {
  auto answer = change_data_capture(connection, entities, changed_since);
  if (!answer) return std::move(answer).fault();
  auto feed = read_change_feed(answer.value().body);
  if (feed) return feed;
  Fault fault = std::move(feed).fault();
  fault.intuit_tid = answer.value().intuit_tid;
  return fault;
}

HttpRequest ApiClient::request_for(const Connection& connection, const Call& call) const {
  HttpRequest request;
  request.method = call.method;
  request.url = config_.base_url + "/v3/company/" + url_encode_component(connection.realm) +
                call.path + "?" + (call.query.empty() ? "" : call.query + "&") +
                "minorversion=" + std::to_string(config_.minor_version);
  request.body = call.body;
  request.timeout = config_.timeout;
  return request;
}

HttpResult ApiClient::send_with_permit(const Connection& connection, const Call& call,
                                       HttpRequest& request, const std::string& bearer) {
  request.headers = {{"Authorization", "Bearer " + bearer}, {"Accept", "application/json"}};
  if (call.method == "POST") {
    request.headers.emplace_back("Content-Type", "application/json");
  }
  auto permit = governor_.acquire(connection.realm, call.kind);
  return transport_.send(request);
}

Outcome<ApiResponse> ApiClient::read_answer(const Connection& connection, const Call& call,
                                            const HttpResponse& response,
                                            const std::string& bearer) {
  const std::string tid = intuit_tid_of(response);
  if (response.status != 200) {
    Fault fault = parse_fault(response.status, response.body, tid);
    if (fault.fault_class == FaultClass::throttled) {
      // Also an older 403 ThrottleExceeded: the whole realm pauses, not just this call.
      governor_.report_throttled(connection.realm, governor_.now(), retry_after_of(response));
    }
    redact(fault, {bearer});
    return fault;
  }
  boost::system::error_code ec;
  json::value body = json::parse(response.body, ec);
  if (ec || !body.is_object()) {
    Fault fault = parse_fault(response.status, response.body, tid);
    if (fault.errors.empty()) {
      // A 200 whose body is not JSON: the write may or may not have happened.
      fault.fault_class = FaultClass::unknown;
      fault.message = "QuickBooks answered with an unreadable body";
      fault.may_have_reached_server = true;
    }
    redact(fault, {bearer});
    return fault;
  }
  if (auto fault = find_fault(body, response.status, tid)) {
    redact(*fault, {bearer});
    return *fault;
  }
  ApiResponse answer;
  answer.http_status = response.status;
  answer.intuit_tid = tid;
  if (const auto* unwrapped = body.get_object().if_contains(call.unwrap_key)) {
    answer.entity = *unwrapped;
  }
  answer.body = std::move(body);
  return answer;
}

Outcome<ApiResponse> ApiClient::execute(const Connection& connection, const Call& call) {
  if (connection.realm.empty() || connection.tenant.empty()) {
    return validation_fault("a QBO call needs the tenant and its realm",
                            connection.realm.empty() ? "realm" : "tenant");
  }
  HttpRequest request = request_for(connection, call);
  auto token = tokens_.access_token(connection.tenant);
  if (!token) {
    return std::move(token).fault();
  }
  std::string bearer = token.value().value;
  for (int attempt = 0;; ++attempt) {
    HttpResult result = send_with_permit(connection, call, request, bearer);
    if (auto* error = std::get_if<TransportError>(&result)) {
      Fault fault = to_fault(*error);
      redact(fault, {bearer});
      return fault;
    }
    const auto& response = std::get<HttpResponse>(result);
    if (response.status == 401 && attempt == 0) {
      // A rejected token is renewed once; a second rejection is the answer.
      auto renewed = tokens_.refresh_after_rejection(connection.tenant, bearer);
      if (!renewed) {
        return std::move(renewed).fault();
      }
      bearer = renewed.value().value;
      continue;
    }
    return read_answer(connection, call, response, bearer);
  }
}

}  // namespace qbo_sync::qbo
