// The schema examples of the source tree, as the tests send them to the plugin.
#pragma once

#include <boost/json.hpp>
#include <fstream>
#include <sstream>
#include <string>

namespace qbo_sync::testing {

// The text of examples/<path> under the schemas folder, e.g.
// "payment.completed.v1/valid/01-ca-on-order-form.json".
inline std::string example_text(const std::string& path) {
  std::ifstream in(std::string(QBO_SYNC_SCHEMAS_DIR) + "/examples/" + path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The valid example `file` of schema `schema` (e.g. "invoice.sent.v1") as a JSON object.
inline boost::json::object valid_example(const std::string& schema, const std::string& file) {
  return boost::json::parse(example_text(schema + "/valid/" + file)).as_object();
}

}  // namespace qbo_sync::testing
