// The integration card descriptor (admin op integration_card) drawn as text, the way a generic
// renderer draws it: the connection with its warnings and actions, each section's fields by type,
// and the records summary. The demo prints it.
#pragma once

#include <boost/json/object.hpp>
#include <iosfwd>

namespace qbo_sync::host_stub {

void print_card(std::ostream& out, const boost::json::object& card);

}  // namespace qbo_sync::host_stub
