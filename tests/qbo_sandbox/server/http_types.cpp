#include "http_types.h"

namespace qbo_sandbox {

const std::string& IncomingRequest::header(const std::string& name) const {
  static const std::string empty;
  auto found = headers.find(name);
  return found == headers.end() ? empty : found->second;
}

void HttpReply::add_header(std::string name, std::string value) {
  headers.emplace_back(std::move(name), std::move(value));
}

}  // namespace qbo_sandbox
