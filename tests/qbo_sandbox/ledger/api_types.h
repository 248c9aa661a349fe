#pragma once

#include <chrono>
#include <map>
#include <string>

namespace qbo_sandbox {

// One call to /v3/company/{realm}/..., as the HTTP layer hands it to the ledger.
struct ApiRequest {
  std::string method;  // "GET" or "POST"
  std::string realm_id;
  // The part after /v3/company/{realm}/, e.g. "customer", "invoice/12", "query", "batch", "cdc",
  // "companyinfo/1", "preferences".
  std::string path;
  // Decoded query parameters (operation, requestid, query, minorversion, entities, changedSince,
  // ...).
  std::map<std::string, std::string> params;
  std::string body;
  std::string content_type;
};

struct ApiResponse {
  int status = 200;
  std::string body;  // JSON text (XML only if asked for)
  std::string content_type = "application/json;charset=UTF-8";
};

// One change to an entity; feeds webhooks.
struct ChangeEvent {
  std::string realm_id, entity, id, operation;  // operation: Create Update Delete Merge Void
  std::chrono::system_clock::time_point at;
};

// canada: every province's codes (a company whose provinces are all set up); canada_fresh: a new
// Canadian company, GST/HST codes only until a provincial agency is added; united_states.
enum class CompanyPreset { canada, canada_fresh, united_states };

}  // namespace qbo_sandbox
