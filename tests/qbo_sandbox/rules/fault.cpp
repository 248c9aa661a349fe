#include "fault.h"

#include <boost/json/array.hpp>

namespace qbo_sandbox {

Fault make_fault(std::string code, std::string message, std::string detail, std::string element) {
  Fault fault;
  fault.code = std::move(code);
  fault.message = std::move(message);
  fault.detail = std::move(detail);
  fault.element = std::move(element);
  return fault;
}

boost::json::object to_error_object(const Fault& fault) {
  boost::json::object error;
  error["Message"] = fault.message;
  error["Detail"] = fault.detail;
  error["code"] = fault.code;
  error["element"] = fault.element;
  return error;
}

boost::json::object to_fault_object(const Fault& fault) {
  boost::json::object result;
  result["Error"] = boost::json::array{to_error_object(fault)};
  result["type"] = fault.type;
  return result;
}

}  // namespace qbo_sandbox
