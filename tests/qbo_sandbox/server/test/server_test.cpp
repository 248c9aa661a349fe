#include "server.h"

#include <regex>

#include <gtest/gtest.h>

#include "sandbox_fixture.h"

namespace qbo_sandbox {
namespace {

class ServerHttp : public test::SandboxTest {};

TEST_F(ServerHttp, EveryAnswerCarriesAnIntuitTid) {
  const std::regex format("1-[0-9a-f]{8}-[0-9a-f]{24}");
  const auto tokens = connect();
  for (const auto& answer : {api_get("companyinfo/" + realm_, tokens.access_token),
                             api_get("customer/1", "bad"), http_.get(base_ + "/control/info"),
                             http_.get(base_ + "/nowhere"), refresh(tokens.refresh_token)}) {
    EXPECT_TRUE(std::regex_match(answer.header("intuit_tid"), format))
        << answer.status << " " << answer.header("intuit_tid");
    EXPECT_EQ(answer.header("intuit-tid"), answer.header("intuit_tid"));
  }
}

TEST_F(ServerHttp, ConnectionsAreKeptAlive) {
  const auto tokens = connect();
  const auto first = api_get("companyinfo/" + realm_, tokens.access_token);
  const auto second = api_get("companyinfo/" + realm_, tokens.access_token);
  EXPECT_EQ(second.status, 200);
  EXPECT_EQ(second.connections_opened, 0) << "the second call reused the connection";
}

TEST_F(ServerHttp, ApiAnswersComeFromTheLedgerWithMinorVersionAccepted) {
  const auto tokens = connect();
  const auto answer = api_get("companyinfo/" + realm_ + "?minorversion=75", tokens.access_token);
  ASSERT_EQ(answer.status, 200) << answer.body;
  EXPECT_EQ(answer.header("content-type").rfind("application/json", 0), 0u);
  EXPECT_EQ(answer.json().at("CompanyInfo").at("Country"), "CA");

  const auto query = api_get(
      "query?query=" + test::url_encode("select count(*) from Customer") + "&minorversion=75",
      tokens.access_token);
  EXPECT_EQ(query.status, 200) << query.body;
  EXPECT_TRUE(query.json().at("QueryResponse").as_object().contains("totalCount"));
}

TEST_F(ServerHttp, PlusInTheQueryStringIsASpace) {
  const auto tokens = connect();
  const auto answer = api_get("query?query=select+count(*)+from+Customer", tokens.access_token);
  EXPECT_EQ(answer.status, 200) << answer.body;
}

TEST_F(ServerHttp, UnknownPathsGet404) {
  const auto answer = http_.get(base_ + "/v2/nothing");
  EXPECT_EQ(answer.status, 404);
  EXPECT_TRUE(answer.json().as_object().contains("Fault"));
}

TEST_F(ServerHttp, StartupInfoNamesEveryEndpoint) {
  const auto info = server_->startup_info();
  EXPECT_EQ(info.at("api"), boost::json::value(std::string_view(base_)));
  EXPECT_EQ(info.at("token"),
            boost::json::value(std::string_view(base_ + "/oauth2/v1/tokens/bearer")));
  EXPECT_EQ(info.at("authorize"), boost::json::value(std::string_view(base_ + "/connect/oauth2")));
  EXPECT_EQ(info.at("revoke"),
            boost::json::value(std::string_view(base_ + "/v2/oauth2/tokens/revoke")));
  EXPECT_EQ(info.at("control"), boost::json::value(std::string_view(base_ + "/control")));
  EXPECT_EQ(info.at("realm_ids").as_array().size(), 1u);
  EXPECT_EQ(info.at("realm_ids").at(0), boost::json::value(std::string_view(realm_)));
  EXPECT_EQ(info.at("companies").at(0).at("preset"), "ca");
}

TEST(ServerLifecycle, StopIsIdempotentAndFreesThePort) {
  ServerOptions options;
  options.companies = {CompanyPreset::united_states, CompanyPreset::canada};
  Server server(options);
  server.start();
  EXPECT_NE(server.port(), 0);
  EXPECT_EQ(server.ledger().realm_ids().size(), 2u);
  test::HttpClient client;
  EXPECT_EQ(client.get(server.base_url() + "/control/info").status, 200);
  server.stop();
  server.stop();
  test::HttpClient after;
  EXPECT_NE(after.request("GET", server.base_url() + "/control/info", "", {}, 1000).curl_code, 0);
}

TEST(ServerLifecycle, StopsWithConnectionsHeldOpen) {
  Server server(ServerOptions{});
  server.start();
  test::HttpClient client;
  ASSERT_EQ(client
                .post_json(server.base_url() + "/control/faults",
                           R"({"kind":"timeout","delay_ms":60000})")
                .status,
            201);
  ASSERT_EQ(client.get(server.base_url() + "/control/info").status, 200);  // kept alive
  server.stop();  // must not wait for the held connection
}

}  // namespace
}  // namespace qbo_sandbox
