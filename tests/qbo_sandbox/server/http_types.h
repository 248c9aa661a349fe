#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace qbo_sandbox {

// One HTTP request as the router sees it, free of any Beast type so that the routing logic can be
// tested without a socket.
struct IncomingRequest {
  std::string method;                          // "GET", "POST", ...
  std::string target;                          // path and query string, as sent
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;

  // The header's value, or "" when absent; `name` in lower case.
  const std::string& header(const std::string& name) const;
};

// One HTTP answer.
struct HttpReply {
  int status = 200;
  std::string body;
  std::string content_type = "application/json;charset=UTF-8";
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers

  void add_header(std::string name, std::string value);
};

// What the connection does with a request: answer it (possibly late), or close without answering.
struct Outcome {
  enum class Action { respond, drop };
  Action action = Action::respond;
  std::chrono::milliseconds delay{0};  // wait this long before acting (on a timer, not a thread)
  // True once a test released the delayed answers (POST /control/faults/release): the wait ends.
  std::function<bool()> released;
  HttpReply reply;
  // Held until the answer is written or the connection is dropped (a concurrency slot).
  std::shared_ptr<void> hold;
};

}  // namespace qbo_sandbox
