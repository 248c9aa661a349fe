// An HttpTransport that hands each request to a test's handler and keeps every request it saw.
#pragma once

#include <functional>
#include <mutex>
#include <utility>
#include <vector>

#include "qbo_client/http_transport.h"

namespace qbo_sync::qbo::testing {

class FakeTransport final : public HttpTransport {
 public:
  using Handler = std::function<HttpResult(const HttpRequest&)>;

  explicit FakeTransport(Handler handler = {}) : handler_(std::move(handler)) {}

  void set_handler(Handler handler) {
    std::lock_guard lock(mutex_);
    handler_ = std::move(handler);
  }

  HttpResult send(const HttpRequest& request) override {
    Handler handler;
    {
      std::lock_guard lock(mutex_);
      requests_.push_back(request);
      handler = handler_;
    }
    return handler(request);
  }

  std::vector<HttpRequest> requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }

 private:
  mutable std::mutex mutex_;
  Handler handler_;
  std::vector<HttpRequest> requests_;
};

inline HttpResponse json_response(int status, std::string body, HttpHeaders headers = {}) {
  headers.emplace_back("Content-Type", "application/json");
  return HttpResponse{status, std::move(headers), std::move(body)};
}

}  // namespace qbo_sync::qbo::testing
