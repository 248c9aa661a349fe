#include "http_test_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include <boost/json/parse.hpp>

#include "crypto/base64.h"
#include "text/ascii.h"

namespace qbo_sandbox::test {
namespace {

size_t append_body(char* data, size_t size, size_t count, void* target) {
  static_cast<std::string*>(target)->append(data, size * count);
  return size * count;
}

size_t append_header(char* data, size_t size, size_t count, void* target) {
  std::string line(data, size * count);
  auto* headers = static_cast<std::map<std::string, std::string>*>(target);
  const auto colon = line.find(':');
  if (colon != std::string::npos) {
    const std::string_view text(line);
    (*headers)[qbo_sync::text::ascii_lower(text.substr(0, colon))] =
        std::string(qbo_sync::text::trim(text.substr(colon + 1)));
  }
  return size * count;
}

}  // namespace

std::string HttpResult::header(const std::string& lower_case_name) const {
  auto found = headers.find(lower_case_name);
  return found == headers.end() ? std::string() : found->second;
}

boost::json::value HttpResult::json() const {
  return boost::json::parse(body);
}

HttpClient::HttpClient() : curl_(curl_easy_init()) {
  if (curl_ == nullptr) {
    throw std::runtime_error("curl_easy_init failed");
  }
}

HttpClient::~HttpClient() {
  curl_easy_cleanup(static_cast<CURL*>(curl_));
}

HttpResult HttpClient::request(const std::string& method, const std::string& url,
                               const std::string& body, const std::vector<std::string>& headers,
                               long timeout_ms) {
  CURL* curl = static_cast<CURL*>(curl_);
  curl_easy_reset(curl);
  HttpResult result;
  curl_slist* header_list = nullptr;
  for (const auto& header : headers) {
    header_list = curl_slist_append(header_list, header.c_str());
  }
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_NOPROXY, "*");
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
  if (method == "POST" || !body.empty()) {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  }
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, header_list);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, timeout_ms);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &result.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, append_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &result.headers);
  result.curl_code = curl_easy_perform(curl);
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &result.status);
  curl_easy_getinfo(curl, CURLINFO_NUM_CONNECTS, &result.connections_opened);
  curl_slist_free_all(header_list);
  return result;
}

HttpResult HttpClient::get(const std::string& url, const std::vector<std::string>& headers) {
  return request("GET", url, "", headers);
}

HttpResult HttpClient::post_json(const std::string& url, const std::string& body,
                                 const std::vector<std::string>& headers) {
  std::vector<std::string> all = headers;
  all.emplace_back("Content-Type: application/json");
  return request("POST", url, body, all);
}

std::string url_encode(const std::string& text) {
  std::string encoded;
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      encoded.push_back(static_cast<char>(c));
    } else {
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 0x0f];
    }
  }
  return encoded;
}

std::string form_encode(const std::map<std::string, std::string>& fields) {
  std::string form;
  for (const auto& [name, value] : fields) {
    if (!form.empty()) {
      form += '&';
    }
    form += url_encode(name) + "=" + url_encode(value);
  }
  return form;
}

std::string basic_authorization(const std::string& client_id, const std::string& client_secret) {
  return "Authorization: Basic " + qbo_sync::crypto::base64_encode(client_id + ":" + client_secret);
}

}  // namespace qbo_sandbox::test
