#include "engine/item_resolver.h"

#include <gtest/gtest.h>

#include "connected_sandbox.h"

namespace qbo_sync::engine {
namespace {

using testing::ConnectedSandbox;

events::Line line(const std::string& product_id, const std::string& name) {
  events::Line l;
  l.product_id = product_id;
  l.name = name;
  return l;
}

class ItemResolverTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sandbox_.connect();
    company_ = std::get<mapping::CompanyData>(
        mapping::parse_company_data(sandbox_.store().connection(testing::kAccount)->company_json));
  }
  ConnectedSandbox sandbox_;
  ItemResolver resolver_{sandbox_.store(), sandbox_.api()};
  events::Settings settings_ = events::default_settings();
  mapping::CompanyData company_;
};

TEST_F(ItemResolverTest, CreatesAServiceItemOnceAndLinksIt) {
  const auto before = sandbox_.ledger_objects("Item").size();
  auto created = resolver_.resolve(sandbox_.connection(), line("prod-1", "Yoga: 10 classes"),
                                   settings_, company_);
  ASSERT_TRUE(created) << created.fault().summary();
  auto again = resolver_.resolve(sandbox_.connection(), line("prod-1", "Yoga: 10 classes"),
                                 settings_, company_);
  ASSERT_TRUE(again);
  EXPECT_EQ(again.value().id, created.value().id);
  const auto items = sandbox_.ledger_objects("Item");
  ASSERT_EQ(items.size(), before + 1);
  for (const auto& item : items) {
    if (item.at("Id").as_string() != created.value().id) continue;
    EXPECT_EQ(item.at("Name"), "Yoga 10 classes");
    EXPECT_EQ(item.at("Type"), "Service");
    EXPECT_EQ(item.at("IncomeAccountRef").at("value").as_string(), *company_.income_account_id());
  }
}

TEST_F(ItemResolverTest, FindsAnItemOfTheSameNameAndHonoursTheSettingsMapping) {
  const auto existing =
      sandbox_.seed("Item", {{"Name", "Yoga mat"},
                             {"Type", "Service"},
                             {"IncomeAccountRef", {{"value", *company_.income_account_id()}}}});
  auto found =
      resolver_.resolve(sandbox_.connection(), line("prod-mat", "yoga MAT"), settings_, company_);
  ASSERT_TRUE(found) << found.fault().summary();
  EXPECT_EQ(found.value().id, existing.at("Id").as_string());

  settings_.item_mappings.push_back({"prod-mapped", "4242"});
  auto mapped = resolver_.resolve(sandbox_.connection(), line("prod-mapped", "Anything"), settings_,
                                  company_);
  ASSERT_TRUE(mapped);
  EXPECT_EQ(mapped.value().id, "4242");
}

}  // namespace
}  // namespace qbo_sync::engine
