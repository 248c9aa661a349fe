#pragma once

#include <chrono>
#include <string>

#include "http_types.h"
#include "rules/fault.h"

namespace qbo_sandbox {

// Answers that QBO's gateway gives before a request reaches the accounting service, in the shapes
// recorded from QBO.

// 401, code 3200, in the gateway's lower-camel JSON shape (recorded/error/401.yml), with
// `WWW-Authenticate: Bearer realm="Intuit", error="invalid_token"`.
HttpReply authentication_failed(std::string detail, std::chrono::system_clock::time_point now);

// 403, code 3100 (a token used on a company it was not issued for), same lower-camel shape.
HttpReply application_authorization_failed(std::chrono::system_clock::time_point now);

// 429, code 3001 ThrottleExceeded, as the XML IntuitResponse QBO sends even to JSON clients.
HttpReply throttle_exceeded(std::chrono::system_clock::time_point now);

// A QBO Fault as JSON: {"Fault":{"Error":[...],"type":...},"time":...} with fault.http_status.
HttpReply json_fault(const Fault& fault, std::chrono::system_clock::time_point now);

// The same Fault as an XML IntuitResponse (what older endpoints and some gateways send).
HttpReply xml_fault(const Fault& fault, std::chrono::system_clock::time_point now);

// 500 SystemFault 10000, QBO's "An application error has occurred".
Fault system_failure_fault();

// 503 from the load balancer: an HTML page, not JSON.
HttpReply service_unavailable();

// 404 for paths that are neither API, OAuth nor control.
HttpReply not_found(std::string_view target, std::chrono::system_clock::time_point now);

// Escapes &, <, >, " and ' for XML text and attributes.
std::string xml_escape(std::string_view text);

}  // namespace qbo_sandbox
