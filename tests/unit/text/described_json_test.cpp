#include "text/described_json.h"

#include <gtest/gtest.h>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace qbo_sync::text {
namespace {

enum class Phase { waiting, done };
BOOST_DESCRIBE_ENUM(Phase, waiting, done)

struct Totals {
  int64_t done = 0;
  std::optional<int64_t> total;
};
BOOST_DESCRIBE_STRUCT(Totals, (), (done, total))

struct Progress {
  std::string name = "unnamed";
  bool voided = false;
  int count = 7;
  Phase phase = Phase::waiting;
  std::vector<std::string> ids;
  Totals totals;
};
BOOST_DESCRIBE_STRUCT(Progress, (), (name, voided, count, phase, ids, totals))

struct Tagged : Progress {
  std::string tag;
};
BOOST_DESCRIBE_STRUCT(Tagged, (Progress), (tag))

Progress read(const std::string& text) {
  Progress progress;
  read_present_members(boost::json::parse(text).as_object(), progress);
  return progress;
}

TEST(DescribedJson, WritesEveryMemberByItsNameAndLeavesOutAnEmptyOptional) {
  Progress progress;
  progress.name = "inv-1";
  progress.phase = Phase::done;
  progress.ids = {"a", "b"};
  progress.totals.done = 3;
  EXPECT_EQ(boost::json::serialize(members_to_json(progress)),
            R"({"name":"inv-1","voided":false,"count":7,"phase":"done","ids":["a","b"],)"
            R"("totals":{"done":3}})");
}

TEST(DescribedJson, ReadsBackWhatItWrote) {
  Progress written;
  written.name = "inv-2";
  written.voided = true;
  written.count = -4;
  written.phase = Phase::done;
  written.ids = {"x"};
  written.totals = {5, 9};
  const Progress read_back = read(boost::json::serialize(members_to_json(written)));
  EXPECT_EQ(read_back.name, "inv-2");
  EXPECT_TRUE(read_back.voided);
  EXPECT_EQ(read_back.count, -4);
  EXPECT_EQ(read_back.phase, Phase::done);
  EXPECT_EQ(read_back.ids, std::vector<std::string>{"x"});
  EXPECT_EQ(read_back.totals.done, 5);
  EXPECT_EQ(read_back.totals.total, 9);
}

TEST(DescribedJson, MembersTheTextLeavesOutOrHoldsAsAnotherTypeKeepTheirDefaults) {
  const Progress progress = read(R"({"voided":"yes","count":2,"phase":"lost","unknown":1})");
  EXPECT_EQ(progress.name, "unnamed");
  EXPECT_FALSE(progress.voided);
  EXPECT_EQ(progress.count, 2);
  EXPECT_EQ(progress.phase, Phase::waiting);
  EXPECT_FALSE(progress.totals.total.has_value());
}

TEST(DescribedJson, ABaseClassesMembersAreReadAndWrittenToo) {
  Tagged tagged;
  read_present_members(boost::json::parse(R"({"name":"n","tag":"t"})").as_object(), tagged);
  EXPECT_EQ(tagged.name, "n");
  EXPECT_EQ(tagged.tag, "t");
  EXPECT_EQ(members_to_json(tagged).at("tag"), "t");
  EXPECT_EQ(members_to_json(tagged).at("count"), 7);
}

}  // namespace
}  // namespace qbo_sync::text
