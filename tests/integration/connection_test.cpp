// Issue: connecting a CRM account to QuickBooks, against the QBO sandbox, through the real plugin.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <thread>

#include "connected_plugin_fixture.h"
#include "store/store.h"
#include "store_backend.h"
#include "stored_tokens.h"

namespace qbo_sync::testing {
namespace {

constexpr const char* kAccount = "acct-demo-ca";

std::string text(const boost::json::value& value) {
  return value.is_string() ? std::string(value.as_string()) : boost::json::serialize(value);
}

class ConnectionTest : public ConnectedPluginFixture {
 protected:
  std::unique_ptr<PluginInstance> make_instance() {
    return std::make_unique<PluginInstance>(*library_, host_,
                                            sandbox_.plugin_config(dir_.path().string()));
  }

  Answer admin(PluginInstance& plugin, const std::string& op) {
    return plugin.admin(boost::json::object{{"op", op}, {"account_id", kAccount}});
  }

  // The whole OAuth flow: begin, the browser's consent, complete.
  Answer connect(PluginInstance& plugin, const std::string& realm_id = "") {
    const auto begun = admin(plugin, "connect_begin");
    EXPECT_EQ(begun.status, QBO_SYNC_OK) << begun.text;
    const auto redirect =
        sandbox_.consent(std::string(begun.body.at("authorization_url").as_string()), realm_id);
    return plugin.admin(boost::json::object{{"op", "connect_complete"},
                                            {"code", redirect.code},
                                            {"state", redirect.state},
                                            {"realm_id", redirect.realm_id}});
  }

  // A second company in the sandbox, a US one; its realm id.
  std::string other_company() {
    return std::string(
        sandbox_.control("POST", "/companies", R"({"preset":"us","name":"Other Co"})")
            .as_object()
            .at("realm_id")
            .as_string());
  }

  std::string state_of(PluginInstance& plugin) {
    return std::string(admin(plugin, "connection_status").body.at("state").as_string());
  }

  boost::json::array refreshes() {
    return sandbox_.control("GET", "/oauth").as_object().at("refreshes").as_array();
  }

  // The tokens as the plugin stored them, decrypted with the test's key.
  boost::json::object stored_tokens() { return testing::stored_tokens(dir_.path(), kAccount); }
};

TEST_F(ConnectionTest, AFullConnectDiscoversTheCompany) {
  EXPECT_EQ(state_of(*plugin_), "not_connected");
  const auto connected = connect(*plugin_);
  ASSERT_EQ(connected.status, QBO_SYNC_OK) << connected.text;
  EXPECT_EQ(connected.body.at("state"), "connected");
  EXPECT_EQ(text(connected.body.at("realm_id")), sandbox_.realm_id());
  EXPECT_EQ(connected.body.at("country"), "CA");
  const std::string company(connected.body.at("company").as_string());
  EXPECT_FALSE(company.empty());
  EXPECT_EQ(text(connected.body.at("label")), "Connected: " + company);

  auto store = open_plugin_store(dir_.path());
  const auto row = store->connection(kAccount);
  ASSERT_TRUE(row);
  const auto discovered = boost::json::parse(row->company_json).as_object();
  EXPECT_FALSE(discovered.at("TaxCode").as_array().empty());
  EXPECT_FALSE(discovered.at("TaxRate").as_array().empty());
  EXPECT_FALSE(discovered.at("Account").as_array().empty());
  EXPECT_FALSE(discovered.at("Item").as_array().empty());

  const auto card = admin(*plugin_, "integration_card");
  EXPECT_EQ(card.body.at("connection").at("state"), "connected");
  EXPECT_EQ(admin(*plugin_, "test_connection").body.at("result"), "ok");
}

TEST_F(ConnectionTest, AConsentLinkWorksOnce) {
  const auto begun = admin(*plugin_, "connect_begin");
  const auto redirect =
      sandbox_.consent(std::string(begun.body.at("authorization_url").as_string()));
  const boost::json::object complete{{"op", "connect_complete"},
                                     {"code", redirect.code},
                                     {"state", redirect.state},
                                     {"realm_id", redirect.realm_id}};
  ASSERT_EQ(plugin_->admin(complete).status, QBO_SYNC_OK);
  const auto replayed = plugin_->admin(complete);
  EXPECT_EQ(replayed.status, QBO_SYNC_INVALID_INPUT);
  EXPECT_EQ(replayed.body.at("code"), "invalid_state");
}

TEST_F(ConnectionTest, AnotherCompanyIsRefusedUntilDisconnected) {
  ASSERT_EQ(connect(*plugin_).status, QBO_SYNC_OK);
  const auto second_realm = other_company();
  const auto refused = connect(*plugin_, second_realm);
  EXPECT_EQ(refused.body.at("code"), "other_company_connected") << refused.text;
  EXPECT_EQ(state_of(*plugin_), "connected");

  ASSERT_EQ(admin(*plugin_, "disconnect").status, QBO_SYNC_OK);
  const auto switched = connect(*plugin_, second_realm);
  ASSERT_EQ(switched.status, QBO_SYNC_OK) << switched.text;
  EXPECT_EQ(text(switched.body.at("realm_id")), second_realm);
  EXPECT_EQ(switched.body.at("country"), "US");
}

TEST_F(ConnectionTest, ReconnectingTheSameCompanyKeepsItsLinks) {
  ASSERT_EQ(connect(*plugin_).status, QBO_SYNC_OK);
  {
    auto store = open_plugin_store(dir_.path());
    store->put_link({kAccount, "contact", "ct-1", "Customer", "58", "0", "crm"});
  }
  ASSERT_EQ(admin(*plugin_, "disconnect").status, QBO_SYNC_OK);
  ASSERT_EQ(connect(*plugin_).status, QBO_SYNC_OK);
  auto store = open_plugin_store(dir_.path());
  EXPECT_TRUE(store->link(kAccount, "contact", "ct-1").has_value());
}

TEST_F(ConnectionTest, TokensRefreshAcrossManyRotations) {
  ASSERT_EQ(connect(*plugin_).status, QBO_SYNC_OK);
  std::string previous_refresh_token(stored_tokens().at("refresh_token").as_string());
  constexpr int kDays = 6;
  for (int day = 0; day < kDays; ++day) {
    // A day passes at QuickBooks: the access token has expired and the refresh token rotates.
    sandbox_.control("POST", "/clock/advance", R"({"seconds":90000})");
    const auto tested = admin(*plugin_, "test_connection");
    ASSERT_EQ(tested.body.at("result"), "ok") << "day " << day << ": " << tested.text;
    const std::string refresh_token(stored_tokens().at("refresh_token").as_string());
    EXPECT_NE(refresh_token, previous_refresh_token) << "day " << day;
    previous_refresh_token = refresh_token;
  }
  int rotated = 0;
  for (const auto& entry : refreshes()) {
    EXPECT_EQ(entry.at("outcome"), "ok");
    if (entry.at("rotated").as_bool()) ++rotated;
  }
  EXPECT_EQ(rotated, kDays);
}

TEST_F(ConnectionTest, TwoInstancesRefreshingAtOnceNeverLoseTheToken) {
  ASSERT_EQ(connect(*plugin_).status, QBO_SYNC_OK);
  auto second = make_instance();
  sandbox_.control("POST", "/clock/advance", R"({"seconds":90000})");
  Answer first_answer, second_answer;
  std::thread a([&] { first_answer = admin(*plugin_, "test_connection"); });
  std::thread b([&] { second_answer = admin(*second, "test_connection"); });
  a.join();
  b.join();
  EXPECT_EQ(first_answer.body.at("result"), "ok") << first_answer.text;
  EXPECT_EQ(second_answer.body.at("result"), "ok") << second_answer.text;
  for (const auto& entry : refreshes()) EXPECT_EQ(entry.at("outcome"), "ok");
  // Both keep working afterwards, with whatever token the store now holds.
  sandbox_.control("POST", "/clock/advance", R"({"seconds":90000})");
  EXPECT_EQ(admin(*second, "test_connection").body.at("result"), "ok");
  EXPECT_EQ(admin(*plugin_, "test_connection").body.at("result"), "ok");
  for (const auto& entry : refreshes()) EXPECT_EQ(entry.at("outcome"), "ok");
}

TEST_F(ConnectionTest, InvalidGrantNeedsAReconnectAndEmailsTheAdminsOnce) {
  ASSERT_EQ(connect(*plugin_).status, QBO_SYNC_OK);
  sandbox_.control("POST", "/tokens/expire",
                   R"({"realm_id":")" + sandbox_.realm_id() + R"(","which":"both"})");
  EXPECT_EQ(admin(*plugin_, "test_connection").body.at("result"), "reconnect_needed");
  EXPECT_EQ(admin(*plugin_, "test_connection").body.at("result"), "reconnect_needed");
  EXPECT_EQ(state_of(*plugin_), "reconnect_needed");
  const auto emails = host_.emails();
  ASSERT_EQ(emails.size(), 1u);
  EXPECT_EQ(emails[0].at("account_id"), kAccount);
  EXPECT_EQ(emails[0].at("problem_key"), "reconnect_needed");

  const auto reconnected = connect(*plugin_);
  ASSERT_EQ(reconnected.status, QBO_SYNC_OK) << reconnected.text;
  EXPECT_EQ(reconnected.body.at("state"), "connected");
  EXPECT_EQ(admin(*plugin_, "test_connection").body.at("result"), "ok");
  EXPECT_EQ(host_.emails().size(), 1u);
}

TEST_F(ConnectionTest, DisconnectRevokesTheTokenAtQuickBooks) {
  ASSERT_EQ(connect(*plugin_).status, QBO_SYNC_OK);
  const auto disconnected = admin(*plugin_, "disconnect");
  ASSERT_EQ(disconnected.status, QBO_SYNC_OK) << disconnected.text;
  EXPECT_EQ(disconnected.body.at("revoked_at_qbo"), true);
  EXPECT_EQ(disconnected.body.at("state"), "not_connected");
  const auto revocations =
      sandbox_.control("GET", "/oauth").as_object().at("revocations").as_array();
  ASSERT_EQ(revocations.size(), 1u);
  EXPECT_EQ(text(revocations[0].at("realm_id")), sandbox_.realm_id());
  EXPECT_EQ(admin(*plugin_, "test_connection").body.at("result"), "not_connected");
  EXPECT_TRUE(stored_tokens().empty());
}

TEST_F(ConnectionTest, ThrottlingShowsInTheStatusAndPasses) {
  ASSERT_EQ(connect(*plugin_).status, QBO_SYNC_OK);
  // Aimed at the connection test's call: the customer import started by the connection queries
  // the same realm meanwhile.
  sandbox_.control("POST", "/faults",
                   R"({"kind":"throttle","count":1,"path_prefix":"companyinfo","realm_id":")" +
                       sandbox_.realm_id() + R"("})");
  const auto throttled = admin(*plugin_, "test_connection");
  EXPECT_EQ(throttled.body.at("result"), "qbo_unavailable") << throttled.text;
  EXPECT_FALSE(admin(*plugin_, "connection_status").body.at("throttled_until").is_null());
  // The pause (60 s, scaled by the test's time scale) passes and QuickBooks answers again.
  bool answered = false;
  for (int i = 0; i < 100 && !answered; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    answered = admin(*plugin_, "test_connection").body.at("result") == "ok";
  }
  EXPECT_TRUE(answered);
}

TEST_F(ConnectionTest, NoTokenOrSecretAppearsInLogsOrAdminOutput) {
  std::vector<std::string> secrets{std::string(sandbox_.info().at("client_secret").as_string()),
                                   std::string(kTestEncryptionKey)};
  auto remember_tokens = [&] {
    auto tokens = stored_tokens();
    for (const char* key : {"access_token", "refresh_token"}) {
      if (tokens.contains(key)) secrets.emplace_back(tokens.at(key).as_string());
    }
  };
  ASSERT_EQ(connect(*plugin_).status, QBO_SYNC_OK);
  remember_tokens();
  sandbox_.control("POST", "/clock/advance", R"({"seconds":90000})");
  admin(*plugin_, "test_connection");
  remember_tokens();
  admin(*plugin_, "connection_status");
  admin(*plugin_, "integration_card");
  plugin_->admin(R"({"op":"connect_complete","code":"c","state":"forged","realm_id":"1"})");
  sandbox_.control("POST", "/tokens/expire",
                   R"({"realm_id":")" + sandbox_.realm_id() + R"(","which":"both"})");
  admin(*plugin_, "test_connection");
  ASSERT_EQ(connect(*plugin_).status, QBO_SYNC_OK);
  remember_tokens();
  admin(*plugin_, "disconnect");

  std::vector<std::string> texts = host_.everything();
  for (const auto& response : plugin_->responses()) texts.push_back(response);
  ASSERT_GT(texts.size(), 10u);
  ASSERT_GE(secrets.size(), 6u);
  for (const auto& secret : secrets) {
    ASSERT_GE(secret.size(), 8u);
    for (const auto& text : texts) {
      EXPECT_EQ(text.find(secret), std::string::npos) << "a secret leaked into: " << text;
    }
  }
}

// The consent is given for one company; a redirect whose realm_id was changed to another names a
// company the authorisation is not for.
TEST_F(ConnectionTest, ARealmOtherThanTheAuthorisedOneIsRefusedAndNothingIsStored) {
  const auto other_realm = other_company();
  const auto begun = admin(*plugin_, "connect_begin");
  const auto redirect =
      sandbox_.consent(std::string(begun.body.at("authorization_url").as_string()));
  ASSERT_NE(redirect.realm_id, other_realm);
  const auto forged = plugin_->admin(boost::json::object{{"op", "connect_complete"},
                                                         {"code", redirect.code},
                                                         {"state", redirect.state},
                                                         {"realm_id", other_realm}});
  EXPECT_EQ(forged.status, QBO_SYNC_INVALID_INPUT) << forged.text;
  EXPECT_EQ(forged.body.at("code"), "realm_mismatch");
  EXPECT_EQ(forged.body.at("path"), "/realm_id");
  EXPECT_EQ(state_of(*plugin_), "not_connected");
  auto store = open_plugin_store(dir_.path());
  EXPECT_FALSE(store->connection(kAccount).has_value());
}

TEST_F(ConnectionTest, AForgedRealmOnAReconnectLeavesTheWorkingConnectionAsItWas) {
  ASSERT_EQ(connect(*plugin_).status, QBO_SYNC_OK);
  const auto other_realm = other_company();
  // The admin consents for the other company, but the redirect names the connected one.
  const auto begun = admin(*plugin_, "connect_begin");
  const auto redirect =
      sandbox_.consent(std::string(begun.body.at("authorization_url").as_string()), other_realm);
  const auto forged = plugin_->admin(boost::json::object{{"op", "connect_complete"},
                                                         {"code", redirect.code},
                                                         {"state", redirect.state},
                                                         {"realm_id", sandbox_.realm_id()}});
  EXPECT_EQ(forged.body.at("code"), "realm_mismatch") << forged.text;
  EXPECT_EQ(state_of(*plugin_), "connected");
  EXPECT_EQ(admin(*plugin_, "test_connection").body.at("result"), "ok");
  EXPECT_EQ(text(admin(*plugin_, "connection_status").body.at("realm_id")), sandbox_.realm_id());
}

}  // namespace
}  // namespace qbo_sync::testing
