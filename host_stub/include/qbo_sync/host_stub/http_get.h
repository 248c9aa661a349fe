// A minimal HTTP client for the demo's side of things the CRM's web front would do: open the
// OAuth consent page without following its redirect, and read the sandbox's control endpoint.
#pragma once

#include <string>

namespace qbo_sync::host_stub {

struct HttpAnswer {
  long status = 0;
  std::string location;  // the Location header of a redirect
  std::string body;
};

// GET (or POST with a JSON body when `body` is not empty). Throws HostError when nothing answers.
HttpAnswer http_request(const std::string& url, const std::string& body = "");

}  // namespace qbo_sync::host_stub
