#pragma once

#include <map>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

namespace qbo_sandbox::test {

// A blocking libcurl client for the sandbox's tests: no redirect following, no proxies.
struct HttpResult {
  long status = 0;
  int curl_code = 0;  // CURLcode; 0 when an answer came
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names
  long connections_opened = 0;                 // 0 when a kept-alive connection was reused

  std::string header(const std::string& lower_case_name) const;
  boost::json::value json() const;  // throws when the body is not JSON
};

class HttpClient {
 public:
  HttpClient();
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Reuses one connection across calls (keep-alive).
  HttpResult request(const std::string& method, const std::string& url,
                     const std::string& body = "", const std::vector<std::string>& headers = {},
                     long timeout_ms = 10000);
  HttpResult get(const std::string& url, const std::vector<std::string>& headers = {});
  HttpResult post_json(const std::string& url, const std::string& body,
                       const std::vector<std::string>& headers = {});

 private:
  void* curl_;
};

std::string url_encode(const std::string& text);
std::string form_encode(const std::map<std::string, std::string>& fields);
// "Authorization: Basic base64(id:secret)"
std::string basic_authorization(const std::string& client_id, const std::string& client_secret);

}  // namespace qbo_sandbox::test
