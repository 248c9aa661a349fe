// A classified failure of a QBO, OAuth or transport call, in a form the engine and the admin can
// act on. It never carries a token or a secret: parsers and clients redact them before building
// one.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qbo_sync::qbo {

enum class FaultClass {
  throttled,                  // 429 / 3001: wait, then retry
  transient,                  // 5xx, 10000 SystemFault, network trouble: retry with backoff
  unauthorized,               // 401: refresh the access token once, then retry
  reconnect_needed,           // invalid_grant, revoked app: the admin must reconnect
  not_connected,              // no tokens stored for the tenant
  bad_client,                 // invalid_client: the app's client id or secret is wrong
  stale_object,               // 5010: re-read the object, then retry
  duplicate_name,             // 6240
  duplicate_document_number,  // 6140
  not_found,                  // 610, 2500, 404: a referenced object is missing or inactive
  validation,                 // permanent: the request itself is wrong
  permission,                 // 5020, 120, 6190: the company's plan or the user's role forbids it
  closed_period,              // 6210: the books are closed for that date
  business_rule,              // 6000, 6540 and other business validation
  unknown,
};

std::string_view to_string(FaultClass fault_class);

// Where a transport failure happened, when the fault came from the network rather than from QBO.
enum class TransportErrorKind {
  timeout,
  connection_refused,
  connection_dropped,
  tls,
  resolve,
  insecure_url,  // plain http:// to a non-loopback host, refused before sending
  other,
};

std::string_view to_string(TransportErrorKind kind);

struct FaultError {
  std::string code;
  std::string message;
  std::string detail;
  std::string element;
};

struct Fault {
  FaultClass fault_class = FaultClass::unknown;
  int http_status = 0;             // 0 when no HTTP response arrived
  std::string code;                // first error's QBO code, or the OAuth error ("invalid_grant")
  std::string message;             // first error's message
  std::string detail;              // first error's detail
  std::string element;             // first error's element, if QBO named one
  std::string fault_type;          // "ValidationFault", "SERVICE", ... as QBO sent it
  std::string intuit_tid;          // Intuit's transaction id, for support
  std::vector<FaultError> errors;  // all errors of a multi-error fault
  std::optional<TransportErrorKind> transport_error;
  // For a transport failure: whether the request may have reached QBO (the outcome is unknown).
  bool may_have_reached_server = false;

  // One line for logs and audit rows: class, status, code, message, detail, intuit_tid.
  std::string summary() const;
};

// Replaces every occurrence of each non-empty secret in `text` with "[redacted]".
std::string redact(std::string text, const std::vector<std::string_view>& secrets);
// Redacts the secrets in every text field of the fault.
void redact(Fault& fault, const std::vector<std::string_view>& secrets);

}  // namespace qbo_sync::qbo
