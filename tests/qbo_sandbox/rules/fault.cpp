#include "fault.h"

#include <boost/json/array.hpp>

namespace qbo_sandbox {

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
