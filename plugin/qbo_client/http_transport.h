// The HTTP seam of the QBO client: an abstract transport (tests substitute a fake) and its
// request/response types. A failed exchange says what failed and whether the request may have
// reached the server, which the exactly-once logic needs.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "qbo_client/fault.h"

namespace qbo_sync::qbo {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

// The value of the first header named `name` (case-insensitive), if any.
std::optional<std::string> find_header(const HttpHeaders& headers, std::string_view name);

struct HttpRequest {
  std::string method = "GET";  // GET or POST
  std::string url;
  HttpHeaders headers;
  std::string body;
  std::chrono::milliseconds timeout{std::chrono::seconds(120)};  // total, connect included
};

struct HttpResponse {
  int status = 0;
  HttpHeaders headers;
  std::string body;

  std::optional<std::string> header(std::string_view name) const {
    return find_header(headers, name);
  }
};

struct TransportError {
  TransportErrorKind kind = TransportErrorKind::other;
  // False only when the request certainly never left (refused, unresolvable, TLS handshake
  // failure, insecure URL); otherwise the server may have received and applied it.
  bool may_have_reached_server = true;
  std::string message;  // never contains request headers or body
};

using HttpResult = std::variant<HttpResponse, TransportError>;

// A transport failure as a Fault of class transient (insecure_url: validation).
Fault to_fault(const TransportError& error);

class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  // Performs one exchange. Thread-safe: may be called from several threads at once.
  virtual HttpResult send(const HttpRequest& request) = 0;
};

}  // namespace qbo_sync::qbo
