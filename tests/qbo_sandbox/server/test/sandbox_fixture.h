#pragma once

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "http_test_client.h"
#include "server.h"

namespace qbo_sandbox::test {

// A sandbox server started in-process for one test, with helpers for the OAuth flow and for
// API and control calls.
class SandboxTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;
  // Overridden by tests that need other options.
  virtual ServerOptions options() const;

  struct Tokens {
    std::string access_token;
    std::string refresh_token;
    boost::json::object response;
  };
  // GET /connect/oauth2 with valid parameters; returns the `code` of the redirect.
  std::string authorize(const std::string& realm_id = "");
  // POST the token endpoint with a form body and client credentials.
  HttpResult token_request(const std::map<std::string, std::string>& form,
                           const std::vector<std::string>& extra_headers = {});
  // The whole authorization code flow for a realm (default: the first).
  Tokens connect(const std::string& realm_id = "");
  HttpResult refresh(const std::string& refresh_token);

  std::string api_url(const std::string& path, const std::string& realm_id = "") const;
  HttpResult api_get(const std::string& path, const std::string& access_token);
  HttpResult control(const std::string& method, const std::string& path,
                     const std::string& body = "");

  std::unique_ptr<Server> server_;
  std::string base_;
  std::string realm_;
  std::string redirect_uri_;
  HttpClient http_;
};

}  // namespace qbo_sandbox::test
