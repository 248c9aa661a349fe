#include "gateway_faults.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "qbo_time.h"

namespace qbo_sandbox {
namespace {

namespace json = boost::json;

// The gateway's body: every key of the recorded 401 present, most of them null.
HttpReply gateway_fault(int status, std::string type, std::string code, std::string message,
                        std::string detail, std::chrono::system_clock::time_point now) {
  json::object error;
  error["message"] = std::move(message);
  error["detail"] = std::move(detail);
  error["code"] = std::move(code);
  error["element"] = nullptr;
  json::object fault;
  fault["error"] = json::array{std::move(error)};
  fault["type"] = std::move(type);
  json::object body;
  body["warnings"] = nullptr;
  body["intuitObject"] = nullptr;
  body["fault"] = std::move(fault);
  body["report"] = nullptr;
  body["queryResponse"] = nullptr;
  body["batchItemResponse"] = json::array{};
  body["attachableResponse"] = json::array{};
  body["syncErrorResponse"] = nullptr;
  body["requestId"] = nullptr;
  body["time"] = epoch_millis(now);
  body["status"] = nullptr;
  body["cdcresponse"] = json::array{};
  HttpReply reply;
  reply.status = status;
  reply.content_type = "application/json";
  reply.body = json::serialize(body);
  return reply;
}

}  // namespace

HttpReply authentication_failed(std::string detail, std::chrono::system_clock::time_point now) {
  HttpReply reply = gateway_fault(401, "AUTHENTICATION", "3200",
                                  "message=AuthenticationFailed; errorCode=003200; statusCode=401",
                                  std::move(detail), now);
  reply.add_header("WWW-Authenticate", R"(Bearer realm="Intuit", error="invalid_token")");
  return reply;
}

HttpReply application_authorization_failed(std::chrono::system_clock::time_point now) {
  return gateway_fault(403, "SERVICE", "3100",
                       "message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403",
                       "The access token was not issued for this company", now);
}

HttpReply throttle_exceeded(std::chrono::system_clock::time_point now) {
  Fault fault;
  fault.http_status = 429;
  fault.type = "SERVICE";
  fault.code = "3001";
  fault.message = "message=ThrottleExceeded; errorCode=003001; statusCode=429";
  fault.detail = "The request limit was reached.  Try again later";
  return xml_fault(fault, now);
}

HttpReply json_fault(const Fault& fault, std::chrono::system_clock::time_point now) {
  json::object body;
  body["Fault"] = to_fault_object(fault);
  body["time"] = pacific_timestamp(now);
  HttpReply reply;
  reply.status = fault.http_status;
  reply.content_type = "application/json";
  reply.body = json::serialize(body);
  return reply;
}

HttpReply xml_fault(const Fault& fault, std::chrono::system_clock::time_point now) {
  std::string body = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)";
  body += R"(<IntuitResponse xmlns="http://schema.intuit.com/finance/v3" time=")" +
          xml_escape(pacific_timestamp(now)) + R"("><Fault type=")" + xml_escape(fault.type) +
          R"("><Error code=")" + xml_escape(fault.code) + '"';
  if (!fault.element.empty()) {
    body += R"( element=")" + xml_escape(fault.element) + '"';
  }
  body += "><Message>" + xml_escape(fault.message) + "</Message><Detail>" +
          xml_escape(fault.detail) + "</Detail></Error></Fault></IntuitResponse>";
  HttpReply reply;
  reply.status = fault.http_status;
  reply.content_type = "application/xml";
  reply.body = std::move(body);
  return reply;
}

Fault system_failure_fault() {
  Fault fault = make_fault(
      "10000", "An application error has occurred while processing your request",
      "System Failure Error: An unexpected error occurred while accessing or saving your data. "
      "Please wait a few minutes and try again. If the problem persists, contact customer "
      "support.");
  fault.http_status = 500;
  fault.type = "SystemFault";
  return fault;
}

HttpReply service_unavailable() {
  HttpReply reply;
  reply.status = 503;
  reply.content_type = "text/html";
  reply.body =
      "<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n"
      "<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n</body>\r\n</html>\r\n";
  return reply;
}

HttpReply not_found(std::string_view target, std::chrono::system_clock::time_point now) {
  Fault fault;
  fault.http_status = 404;
  fault.code = "500";
  fault.message = "Unsupported Operation";
  fault.detail = "Operation Could not find resource for relative : " + std::string(target) +
                 " is not supported.";
  return json_fault(fault, now);
}

std::string xml_escape(std::string_view text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        escaped += "&amp;";
        break;
      case '<':
        escaped += "&lt;";
        break;
      case '>':
        escaped += "&gt;";
        break;
      case '"':
        escaped += "&quot;";
        break;
      case '\'':
        escaped += "&apos;";
        break;
      default:
        escaped.push_back(c);
    }
  }
  return escaped;
}

}  // namespace qbo_sandbox
