// The developer console's HTTP side without a browser: the embedded page, the JSON API over the
// real plugin, the schema examples, and the Connect redirect, served by HttpServer on a free port.
#include "qbo_sync/host_stub/console_app.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <thread>

#include "abi_test_paths.h"
#include "abi_test_support.h"
#include "qbo_sync/host_stub/host_config.h"
#include "qbo_sync/host_stub/http_get.h"
#include "qbo_sync/host_stub/http_server.h"

namespace qbo_sync::host_stub {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

// The console's QuickBooks app points at a port nothing listens on: connect_begin needs no answer.
constexpr const char* kQboJson =
    R"({"environment":"custom","api_base_url":"http://127.0.0.1:9/v3",
        "authorize_url":"http://127.0.0.1:9/connect/oauth2",
        "token_url":"http://127.0.0.1:9/token","revoke_url":"http://127.0.0.1:9/revoke",
        "client_id":"console-client","client_secret":"console-secret",
        "redirect_uri":"http://127.0.0.1:9/oauth/callback"})";

class ConsoleAppTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::string(abi_test::kRealPlugin).empty()) {
      GTEST_SKIP() << "libqbo_sync.so is not part of this build";
    }
    HostConfig config = host_config_for(scratch_.path() / "data");
    config.qbo_json = kQboJson;
    host_ = std::make_unique<host::RecordingHost>();
    plugin_ = std::make_unique<host::PluginInstance>(
        host::LoadedPlugin::load(abi_test::kRealPlugin), host_->table(), host_config_json(config));
    app_ = std::make_unique<ConsoleApp>(
        *plugin_, *host_, std::vector<ConsoleAccount>{{"acct-1", "First account", "realm-7"}},
        abi_test::kSchemaExamplesDir);
    server_ = std::make_unique<HttpServer>(
        0, [this](const HttpRequest& request) { return app_->handle(request); });
    serving_ = std::thread([this] { server_->serve(); });
  }

  void TearDown() override {
    if (server_) {
      server_->stop();
      serving_.join();
    }
  }

  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(server_->port()) + path;
  }

  boost::json::object post(const std::string& path, const boost::json::object& body) {
    return boost::json::parse(http_request(url(path), boost::json::serialize(body)).body)
        .as_object();
  }

  qbo_sync::testing::TempDir scratch_;
  std::unique_ptr<host::RecordingHost> host_;
  std::unique_ptr<host::PluginInstance> plugin_;
  std::unique_ptr<ConsoleApp> app_;
  std::unique_ptr<HttpServer> server_;
  std::thread serving_;
};

TEST_F(ConsoleAppTest, ServesThePageItsScriptAndNothingElse) {
  const auto page = http_request(url("/"));
  EXPECT_EQ(page.status, 200);
  EXPECT_THAT(page.body, HasSubstr("<script src=\"/console.js\">"));
  EXPECT_THAT(http_request(url("/console.js")).body, HasSubstr("integration_card"));
  EXPECT_EQ(http_request(url("/etc/passwd")).status, 404);
}

TEST_F(ConsoleAppTest, TheAdminApiAnswersTheCardAndRefusalsWithTheirPath) {
  const auto card = post("/api/admin", {{"op", "integration_card"}, {"account_id", "acct-1"}});
  EXPECT_EQ(card.at("ok"), true);
  EXPECT_EQ(card.at("body").at("connection").at("state"), "not_connected");
  const auto refused = post("/api/admin", {{"op", "get_record"}, {"account_id", "acct-1"}});
  EXPECT_EQ(refused.at("ok"), false);
  EXPECT_EQ(refused.at("body").at("path"), "/record_id");
}

TEST_F(ConsoleAppTest, HooksTakeAnyPayloadAndNameTheFieldTheyRefuse) {
  const auto answer = post("/api/hook?hook=payment", {{"schema", "payment.completed.v1"}});
  EXPECT_EQ(answer.at("ok"), false);
  EXPECT_EQ(answer.at("status"), "INVALID_INPUT");
  EXPECT_THAT(std::string(answer.at("body").at("path").as_string()), StartsWith("/"));
  EXPECT_EQ(http_request(url("/api/hook?hook=refund"), "{}").status, 400);
}

TEST_F(ConsoleAppTest, ListsTheExamplesOfEveryHook) {
  const auto examples =
      boost::json::parse(http_request(url("/api/examples")).body).at("examples").as_array();
  ASSERT_FALSE(examples.empty());
  bool settings = false;
  for (const auto& example : examples) {
    settings = settings || example.at("hook") == "settings";
    EXPECT_FALSE(example.at("text").as_string().empty());
  }
  EXPECT_TRUE(settings);
}

TEST_F(ConsoleAppTest, ConnectRedirectsToTheConsentPageWithTheAccountsCompany) {
  const auto answer = http_request(url("/connect?account=acct-1"));
  EXPECT_EQ(answer.status, 302);
  EXPECT_THAT(answer.location, StartsWith("http://127.0.0.1:9/connect/oauth2?"));
  EXPECT_THAT(answer.location, HasSubstr("client_id=console-client"));
  EXPECT_THAT(answer.location, HasSubstr("&realm_id=realm-7"));
  EXPECT_EQ(http_request(url("/connect?account=someone-else")).status, 404);
}

TEST_F(ConsoleAppTest, ARefusedConsentComesBackToThePageWithTheError) {
  const auto denied = http_request(url("/oauth/callback?error=access_denied&state=x"));
  EXPECT_EQ(denied.status, 302);
  EXPECT_THAT(denied.location, ::testing::EndsWith("/#error=access_denied"));
  const auto forged = http_request(url("/oauth/callback?code=c&state=forged&realmId=r"));
  EXPECT_EQ(forged.status, 400);
  EXPECT_THAT(forged.body, HasSubstr("did not complete"));
}

}  // namespace
}  // namespace qbo_sync::host_stub
