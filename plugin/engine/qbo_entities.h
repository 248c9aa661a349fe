// Small readers of QBO answers shared by the resolvers and the payment sync.
#pragma once

#include <string>
#include <string_view>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "qbo_client/fault.h"

namespace qbo_sync::engine {

// The entity rows of a QueryResponse (`entity` of an ApiResponse): QueryResponse[entity].
boost::json::array query_rows(const boost::json::value& query_response, std::string_view entity);

// A string member of an object; empty when absent or not a string.
std::string string_member(const boost::json::value& object, std::string_view key);

// The entity object of a create/update answer, whether it is wrapped ({"Customer":{...}}) or not.
boost::json::object unwrap_entity(const boost::json::value& entity, std::string_view name);

// A fault the plugin raises itself (no QBO call behind it), e.g. a company without an income
// account.
qbo::Fault local_fault(qbo::FaultClass fault_class, std::string message);

}  // namespace qbo_sync::engine
