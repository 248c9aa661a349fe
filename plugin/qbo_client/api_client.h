// QBO Accounting API calls for one tenant's realm: create, update, sparse update, read, query,
// batch, CDC, void and delete. Every call goes through the realm's rate governor, carries a
// bearer token from the token manager (one refresh and one retry after a 401), `minorversion`,
// and, for writes, a `requestid` derived deterministically from the caller's key so that a repeat
// of the same write is answered by QBO's replay instead of creating a duplicate.
//
// The calls block (on the governor and on HTTP); run them on worker threads, not on a host thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "qbo_client/change_feed.h"
#include "qbo_client/http_transport.h"
#include "qbo_client/outcome.h"
#include "qbo_client/query_builder.h"
#include "qbo_client/rate_governor.h"
#include "qbo_client/token_manager.h"

namespace qbo_sync::qbo {

inline constexpr std::string_view kProductionApiBase = "https://quickbooks.api.intuit.com";
inline constexpr std::string_view kSandboxApiBase = "https://sandbox-quickbooks.api.intuit.com";

struct ApiClientConfig {
  std::string base_url{kProductionApiBase};  // scheme and host (and port); "/v3/company/…" follows
  int minor_version = 75;
  std::chrono::milliseconds timeout{std::chrono::seconds(120)};
  std::size_t max_batch_items = 30;
};

// A tenant (CRM sub-account, owner of the tokens) and the QBO company it is connected to.
struct Connection {
  std::string tenant;
  std::string realm;
};

struct ApiResponse {
  int http_status = 0;
  std::string intuit_tid;
  boost::json::value body;    // the whole JSON answer
  boost::json::value entity;  // the unwrapped part: the entity, QueryResponse, BatchItemResponse,
                              // CDCResponse; null when absent
};

// The answer of "Test connection": a read-only CompanyInfo call.
enum class ConnectionState { ok, reconnect_needed, qbo_unavailable, error };

std::string_view to_string(ConnectionState state);

struct ConnectionCheck {
  ConnectionState state = ConnectionState::error;
  std::string company_name;  // when ok
  std::string explanation;   // plain language: why, and what to do
  std::optional<Fault> fault;
};

// A QBO requestid for the caller's idempotency key: the key's SHA-256, shown as a 36-character
// UUID-like text (fits both the 50-character limit and the 36 for batch). Same key, same id.
std::string make_request_id(std::string_view idempotency_key);

class ApiClient {
 public:
  ApiClient(HttpTransport& transport, TokenManager& tokens, RateGovernor& governor,
            ApiClientConfig config = {});

  // POST /{entity}?requestid=…: `entity` as QBO names it ("Invoice", "SalesReceipt").
  Outcome<ApiResponse> create(const Connection& connection, std::string_view entity,
                              const boost::json::object& document,
                              std::string_view idempotency_key);
  // Full update: the document must carry Id and SyncToken; omitted writable fields are cleared.
  Outcome<ApiResponse> update(const Connection& connection, std::string_view entity,
                              const boost::json::object& document,
                              std::string_view idempotency_key);
  // Sparse update: only the given fields change ("sparse": true is added).
  Outcome<ApiResponse> sparse_update(const Connection& connection, std::string_view entity,
                                     boost::json::object document,
                                     std::string_view idempotency_key);
  // POST /{entity}?operation=void with Id and SyncToken.
  Outcome<ApiResponse> void_transaction(const Connection& connection, std::string_view entity,
                                        std::string_view id, std::string_view sync_token,
                                        std::string_view idempotency_key);
  // POST /{entity}?operation=delete with Id and SyncToken.
  Outcome<ApiResponse> delete_transaction(const Connection& connection, std::string_view entity,
                                          std::string_view id, std::string_view sync_token,
                                          std::string_view idempotency_key);
  // GET /{entity}/{id}.
  Outcome<ApiResponse> read(const Connection& connection, std::string_view entity,
                            std::string_view id);
  // GET /preferences (the company's settings, read during discovery).
  Outcome<ApiResponse> preferences(const Connection& connection);
  // GET /query?query=…; `entity` of the response is the QueryResponse object.
  Outcome<ApiResponse> query(const Connection& connection, const QueryBuilder& query);
  // Every row of a query, fetched page by page (`page_size` at most 1000); the query must not
  // set STARTPOSITION or MAXRESULTS itself. Stops with a validation fault past `max_rows`.
  Outcome<boost::json::array> query_all(const Connection& connection, const QueryBuilder& query,
                                        std::uint32_t page_size = 1000,
                                        std::size_t max_rows = 1'000'000);
  // GET /companyinfo/{realm}: ok with the company name, reconnect needed, or QBO unavailable.
  ConnectionCheck test_connection(const Connection& connection);
  // POST /batch with {"BatchItemRequest": items}; each item needs a bId of at most 10
  // characters. `entity` of the response is the BatchItemResponse array (items may hold Faults:
  // see find_fault).
  Outcome<ApiResponse> batch(const Connection& connection, const boost::json::array& items,
                             std::string_view idempotency_key);
  // GET /cdc?entities=…&changedSince=… (changed_since as QBO's date-time text).
  Outcome<ApiResponse> change_data_capture(const Connection& connection,
                                           const std::vector<std::string>& entities,
                                           std::string_view changed_since);
  // The same call, its answer read as a ChangeFeed (a malformed envelope is a fault).
  Outcome<ChangeFeed> changes_since(const Connection& connection,
                                    const std::vector<std::string>& entities,
                                    std::string_view changed_since);

 private:
  struct Call;
  Outcome<ApiResponse> execute(const Connection& connection, const Call& call);
  // POST /{entity}?operation={operation} with Id and SyncToken (void, delete).
  Outcome<ApiResponse> transaction_operation(const Connection& connection,
                                             std::string_view operation, std::string_view entity,
                                             std::string_view id, std::string_view sync_token,
                                             std::string_view idempotency_key);
  HttpRequest request_for(const Connection& connection, const Call& call) const;
  // Sends the request with the bearer token once the realm's rate governor allows it.
  HttpResult send_with_permit(const Connection& connection, const Call& call, HttpRequest& request,
                              const std::string& bearer);
  // The answer of an HTTP response that is not a first 401: the entity, or its fault.
  Outcome<ApiResponse> read_answer(const Connection& connection, const Call& call,
                                   const HttpResponse& response, const std::string& bearer);

  HttpTransport& transport_;
  TokenManager& tokens_;
  RateGovernor& governor_;
  ApiClientConfig config_;
};

}  // namespace qbo_sync::qbo
