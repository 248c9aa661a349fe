#include "runtime/plugin_instance.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "store/temp_dir.h"

namespace qbo_sync::runtime {
namespace {

std::string read_example(const std::string& relative) {
  std::ifstream file(std::string(QBO_SYNC_SCHEMAS_DIR) + "/examples/" + relative);
  EXPECT_TRUE(file.good()) << relative;
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

std::string config_for(const std::filesystem::path& dir) {
  return R"({"data_dir":")" + dir.string() + R"(","encryption_key":")" + std::string(64, 'a') +
         R"("})";
}

boost::json::object body_of(const HookResponse& response) {
  return boost::json::parse(response.body).as_object();
}

class PluginInstanceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    HookResponse error;
    instance_ = PluginInstance::create(nullptr, config_for(dir_.path()), error);
    ASSERT_TRUE(instance_) << error.body;
  }

  HookResponse send(events::HookKind kind, const std::string& payload) {
    return instance_->handle_hook(kind, payload.data(), payload.size());
  }

  testing::TempDir dir_;
  std::unique_ptr<PluginInstance> instance_;
};

TEST(PluginInstanceCreate, RefusesAConfigurationWithoutDataDir) {
  HookResponse error;
  auto instance = PluginInstance::create(
      nullptr, R"({"encryption_key":")" + std::string(64, 'a') + R"("})", error);
  EXPECT_FALSE(instance);
  EXPECT_EQ(error.status, QBO_SYNC_INVALID_INPUT);
  EXPECT_EQ(body_of(error).at("path"), "/data_dir");
}

TEST(PluginInstanceCreate, RefusesARelativeDataDirAndABadKey) {
  HookResponse error;
  EXPECT_FALSE(PluginInstance::create(
      nullptr, R"({"data_dir":"relative/dir","encryption_key":")" + std::string(64, 'a') + R"("})",
      error));
  EXPECT_EQ(body_of(error).at("path"), "/data_dir");
  testing::TempDir dir;
  EXPECT_FALSE(PluginInstance::create(nullptr,
                                      R"({"data_dir":")" + dir.path().string() +
                                          R"(","encryption_key":")" + std::string(64, 'z') +
                                          R"("})",
                                      error));
  EXPECT_EQ(body_of(error).at("path"), "/encryption_key");
  // The key is never echoed back.
  EXPECT_EQ(error.body.find(std::string(64, 'z')), std::string::npos);
}

TEST(PluginInstanceCreate, AnUnreachableDatabaseIsNamedByItsFieldWithoutItsPassword) {
  testing::TempDir dir;
  HookResponse error;
  // Port 1 on loopback: nothing listens there, so the connection is refused at once.
  EXPECT_FALSE(PluginInstance::create(
      nullptr,
      R"({"data_dir":")" + dir.path().string() + R"(","encryption_key":")" + std::string(64, 'a') +
          R"(","store":{"kind":"postgresql","url":"postgresql://sync:s3cret@127.0.0.1:1/crm"}})",
      error));
  EXPECT_EQ(error.status, QBO_SYNC_INTERNAL_ERROR);
  EXPECT_EQ(body_of(error).at("path"), "/store/url");
  EXPECT_EQ(error.body.find("s3cret"), std::string::npos) << error.body;
}

TEST_F(PluginInstanceTest, AcceptsAPaymentAndAnswersDuplicateOnRedelivery) {
  const auto payload = read_example("payment.completed.v1/valid/01-ca-on-order-form.json");
  const auto first = send(events::HookKind::payment_completed, payload);
  ASSERT_EQ(first.status, QBO_SYNC_OK) << first.body;
  const auto record_id = body_of(first).at("record_id").as_string();
  EXPECT_FALSE(record_id.empty());

  const auto again = send(events::HookKind::payment_completed, payload);
  EXPECT_EQ(again.status, QBO_SYNC_DUPLICATE);
  EXPECT_EQ(body_of(again).at("record_id").as_string(), record_id);
  EXPECT_EQ(instance_->store().count_records("acct-demo-ca", std::nullopt), 1);
  auto record = instance_->store().get_record(std::stoll(std::string(record_id)));
  ASSERT_TRUE(record);
  EXPECT_EQ(record->object_id, "pay-ca-0001");
  EXPECT_EQ(record->status, store::RecordStatus::todo);
}

TEST_F(PluginInstanceTest, RefusesInvalidInputAndStoresNothing) {
  const auto malformed = send(events::HookKind::payment_completed, "{\"schema\":");
  EXPECT_EQ(malformed.status, QBO_SYNC_INVALID_INPUT);
  EXPECT_EQ(body_of(malformed).at("code"), "malformed_json");
  const auto empty = instance_->handle_hook(events::HookKind::payment_completed, nullptr, 0);
  EXPECT_EQ(empty.status, QBO_SYNC_INVALID_INPUT);

  auto payload =
      boost::json::parse(read_example("payment.completed.v1/valid/01-ca-on-order-form.json"));
  payload.as_object()["payment"].as_object()["lines"].as_array()[0].as_object()["quantity"] = "-1";
  const auto negative = send(events::HookKind::payment_completed, boost::json::serialize(payload));
  EXPECT_EQ(negative.status, QBO_SYNC_INVALID_INPUT);
  EXPECT_EQ(body_of(negative).at("path"), "/payment/lines/0/quantity");
  EXPECT_EQ(instance_->store().count_records("acct-demo-ca", std::nullopt), 0);
}

TEST_F(PluginInstanceTest, APaymentSentToTheInvoiceHookIsRefused) {
  const auto payload = read_example("payment.completed.v1/valid/01-ca-on-order-form.json");
  const auto response = send(events::HookKind::invoice_sent, payload);
  EXPECT_EQ(response.status, QBO_SYNC_INVALID_INPUT);
  EXPECT_EQ(instance_->store().count_records("acct-demo-ca", std::nullopt), 0);
}

TEST_F(PluginInstanceTest, InvoiceRevisionsShareOneRecord) {
  const auto sent = send(events::HookKind::invoice_sent,
                         read_example("invoice.sent.v1/valid/01-ca-on-inv-1001.json"));
  ASSERT_EQ(sent.status, QBO_SYNC_OK) << sent.body;
  const auto updated =
      send(events::HookKind::invoice_updated,
           read_example("invoice.updated.v1/valid/01-ca-on-inv-1001-discount-added.json"));
  ASSERT_EQ(updated.status, QBO_SYNC_OK) << updated.body;
  EXPECT_EQ(body_of(sent).at("record_id"), body_of(updated).at("record_id"));
  auto record = instance_->store().get_record(
      std::stoll(std::string(body_of(sent).at("record_id").as_string())));
  EXPECT_GT(record->revision, 1);
}

TEST_F(PluginInstanceTest, EveryValidExampleIsAccepted) {
  const std::pair<const char*, events::HookKind> hooks[] = {
      {"payment.completed.v1", events::HookKind::payment_completed},
      {"invoice.sent.v1", events::HookKind::invoice_sent},
      {"invoice.updated.v1", events::HookKind::invoice_updated},
      {"settings.changed.v1", events::HookKind::settings_changed},
  };
  int accepted = 0;
  for (const auto& [schema, kind] : hooks) {
    const auto folder = std::filesystem::path(QBO_SYNC_SCHEMAS_DIR) / "examples" / schema / "valid";
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
      files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      const auto response =
          send(kind, read_example(std::string(schema) + "/valid/" + file.filename().string()));
      EXPECT_EQ(response.status, QBO_SYNC_OK) << file << ": " << response.body;
      ++accepted;
    }
  }
  EXPECT_GE(accepted, 4);
}

}  // namespace
}  // namespace qbo_sync::runtime
