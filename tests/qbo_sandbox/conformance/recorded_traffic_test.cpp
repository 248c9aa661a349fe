// Replays every recorded QBO exchange in qbo-reference/recorded against a fresh Ledger holding a
// US company, seeded with what the recording presupposes, and checks each answer against the
// recorded one: same status, same JSON shape (keys and kinds at every level; arrays by the merged
// shape of their elements), same fault codes.
//
// Deliberate differences (each also listed in docs/qbo-sandbox.md):
//  - error/401.yml is not replayed: bearer tokens belong to the server layer, which tests it.
//  - "CustomField" is not compared: the recorded company defines a custom field ("Crew #") that
//    QBO copies onto every sales form; the sandbox's preset companies define none.
//  - A fault the recording shows without "time" (2030 for "customer/1.5") gets one from the
//    sandbox, as every other QBO answer has.
//  - cdc/basic.yml asks for changes since 2011, beyond CDC's 30-day window, which real QBO
//    enforces today; the replay sets the sandbox clock one day after changedSince.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <boost/json.hpp>
#include <boost/url/parse.hpp>
#include <filesystem>
#include <map>
#include <set>

#include "json_shape.h"
#include "ledger/entity_catalog.h"
#include "ledger/ledger.h"
#include "ledger/time_format.h"

namespace qbo_sandbox::conformance {
namespace {

namespace json = boost::json;
namespace fs = std::filesystem;

const fs::path kRecorded = QBO_RECORDED_DIR;

// Files not replayed here, with the reason.
const std::map<std::string, std::string> kSkipped{
    {"error/401.yml", "the expired-token 401 is the server layer's (bearer token checks)"},
};

const std::set<std::string> kIgnoredKeys{"CustomField"};

struct Interaction {
  std::string method;
  std::string uri;
  std::string request_body;
  int status = 0;
  std::string response_body;
};

std::vector<Interaction> load(const fs::path& file) {
  std::vector<Interaction> interactions;
  const YAML::Node root = YAML::LoadFile(file.string());
  for (const auto& node : root["http_interactions"]) {
    Interaction interaction;
    interaction.method = node["request"]["method"].as<std::string>();
    for (auto& c : interaction.method)
      c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    interaction.uri = node["request"]["uri"].as<std::string>();
    const auto request_body = node["request"]["body"]["string"];
    if (request_body && !request_body.IsNull())
      interaction.request_body = request_body.as<std::string>();
    interaction.status = node["response"]["status"]["code"].as<int>();
    const auto response_body = node["response"]["body"]["string"];
    if (response_body && !response_body.IsNull())
      interaction.response_body = response_body.as<std::string>();
    interactions.push_back(std::move(interaction));
  }
  return interactions;
}

std::vector<std::string> recorded_files() {
  std::vector<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(kRecorded)) {
    if (entry.is_regular_file() && entry.path().extension() == ".yml") {
      files.push_back(fs::relative(entry.path(), kRecorded).generic_string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The ApiRequest path and parameters of a recorded URI, with or without /company/{realm}.
ApiRequest to_request(const Interaction& interaction, const std::string& realm) {
  ApiRequest request;
  request.method = interaction.method;
  request.realm_id = realm;
  request.body = interaction.request_body;
  request.content_type = "application/json";
  const auto parsed = boost::urls::parse_uri(interaction.uri);
  if (!parsed) throw std::runtime_error("unreadable recorded URI: " + interaction.uri);
  std::vector<std::string> segments;
  for (const auto& segment : parsed->segments()) segments.push_back(segment);
  std::size_t first = 0;
  while (first < segments.size() && segments[first] != "v3") ++first;
  ++first;
  if (first < segments.size() && segments[first] == "company") first += 2;
  for (std::size_t i = first; i < segments.size(); ++i) {
    if (!request.path.empty()) request.path += '/';
    request.path += segments[i];
  }
  for (const auto& param : parsed->params())
    request.params[param.key] = param.has_value ? param.value : "";
  return request;
}

// Every entity object in a response body: envelopes, QueryResponse and CDCResponse lists,
// and (with `batch_queries_only`) the QueryResponse items of a batch answer.
void collect_objects(const json::value& body,
                     std::vector<std::pair<std::string, json::object>>& out) {
  if (!body.is_object()) return;
  const auto take_query = [&out](const json::value& query) {
    if (!query.is_object()) return;
    for (const auto& entry : query.get_object()) {
      const auto* entity = entity_by_name(entry.key());
      if (!entity || !entry.value().is_array()) continue;
      for (const auto& object : entry.value().get_array()) {
        if (object.is_object() && !object.get_object().contains("status")) {
          out.emplace_back(std::string(entity->name), object.get_object());
        }
      }
    }
  };
  for (const auto& entry : body.get_object()) {
    const auto* entity = entity_by_name(entry.key());
    if (entity && entry.value().is_object() && !entry.value().get_object().contains("status")) {
      out.emplace_back(std::string(entity->name), entry.value().get_object());
    } else if (entry.key() == "QueryResponse") {
      take_query(entry.value());
    } else if (entry.key() == "CDCResponse" && entry.value().is_array()) {
      for (const auto& cdc : entry.value().get_array()) {
        if (!cdc.is_object() || !cdc.get_object().contains("QueryResponse")) continue;
        for (const auto& query : cdc.get_object().at("QueryResponse").get_array())
          take_query(query);
      }
    } else if (entry.key() == "BatchItemResponse" && entry.value().is_array()) {
      for (const auto& item : entry.value().get_array()) {
        if (item.is_object() && item.get_object().contains("QueryResponse")) {
          take_query(item.get_object().at("QueryResponse"));
        }
      }
    }
  }
}

std::optional<json::value> parse_json(const std::string& text) {
  boost::system::error_code error;
  auto value = json::parse(text, error);
  if (error) return std::nullopt;
  return value;
}

// Objects seen anywhere in the recordings, by (entity, Id): what a recording presupposes but
// does not itself show is taken from here.
const std::map<std::pair<std::string, std::string>, json::object>& pool() {
  static const auto everything = [] {
    std::map<std::pair<std::string, std::string>, json::object> found;
    for (const auto& file : recorded_files()) {
      for (const auto& interaction : load(kRecorded / file)) {
        const auto body = parse_json(interaction.response_body);
        if (!body) continue;
        std::vector<std::pair<std::string, json::object>> objects;
        collect_objects(*body, objects);
        for (auto& [entity, object] : objects) {
          const auto* id = object.if_contains("Id");
          if (id && id->is_string()) found[{entity, std::string(id->get_string())}] = object;
        }
      }
    }
    return found;
  }();
  return everything;
}

std::vector<std::string> fault_codes(const json::value& body) {
  std::vector<std::string> codes;
  const auto take = [&codes](const json::value& fault) {
    for (const auto& error : fault.at("Error").as_array())
      codes.emplace_back(error.at("code").as_string());
  };
  if (!body.is_object()) return codes;
  if (const auto* fault = body.get_object().if_contains("Fault")) take(*fault);
  if (const auto* items = body.get_object().if_contains("BatchItemResponse")) {
    for (const auto& item : items->as_array()) {
      if (const auto* fault = item.get_object().if_contains("Fault")) take(*fault);
    }
  }
  return codes;
}

class RecordedTraffic : public ::testing::TestWithParam<std::string> {
 protected:
  RecordedTraffic()
      : ledger(clock),
        realm(ledger.add_company(CompanyPreset::united_states, "Recorded Company")) {}

  void seed(const std::string& entity, const json::object& object) {
    const auto* id = object.if_contains("Id");
    if (!id || !id->is_string() || seeded.contains({entity, std::string(id->get_string())})) return;
    seeded.insert({entity, std::string(id->get_string())});
    ASSERT_TRUE(ledger.seed(realm, entity, object)) << entity;
  }

  // Seeds the customers and items a request body refers to, from the pool or made up.
  void seed_references(const json::value& body) {
    if (body.is_object()) {
      for (const auto& entry : body.get_object()) {
        if (entry.key() == "CustomerRef" && entry.value().is_object()) {
          const std::string id(entry.value().at("value").as_string());
          const auto found = pool().find({"Customer", id});
          if (found != pool().end()) seed("Customer", found->second);
        } else if (entry.key() == "ItemRef" && entry.value().is_object()) {
          const std::string id(entry.value().at("value").as_string());
          const auto* name = entry.value().get_object().if_contains("name");
          if (!ledger.snapshot(realm).at("objects").at("Item").as_array().empty() && id == "1")
            continue;
          seed("Item", json::object{{"Name", name ? name->as_string() : json::string("Item " + id)},
                                    {"Active", true},
                                    {"FullyQualifiedName", name ? *name : json::value("Item")},
                                    {"Taxable", false},
                                    {"UnitPrice", 0},
                                    {"Type", "Service"},
                                    {"IncomeAccountRef", {{"value", "1"}, {"name", "Services"}}},
                                    {"domain", "QBO"},
                                    {"sparse", false},
                                    {"Id", id},
                                    {"SyncToken", "0"},
                                    {"MetaData",
                                     {{"CreateTime", "2015-10-01T00:00:00-07:00"},
                                      {"LastUpdatedTime", "2015-10-01T00:00:00-07:00"}}}});
        } else {
          seed_references(entry.value());
        }
      }
    } else if (body.is_array()) {
      for (const auto& element : body.get_array()) seed_references(element);
    }
  }

  // A recorded 6240 presupposes that the name is taken: take it with the recorded customer.
  void seed_taken_name(const json::value& body) {
    const auto* name = body.is_object() ? body.get_object().if_contains("DisplayName") : nullptr;
    if (!name) return;
    for (const auto& [key, object] : pool()) {
      if (key.first == "Customer" && object.contains("DisplayName") &&
          object.at("DisplayName") == *name) {
        seed(key.first, object);
      }
    }
  }

  Clock clock;
  Ledger ledger;
  std::string realm;
  std::set<std::pair<std::string, std::string>> seeded;
};

TEST_P(RecordedTraffic, AnswersAsQboDid) {
  const auto& file = GetParam();
  const auto interactions = load(kRecorded / file);
  ASSERT_FALSE(interactions.empty());

  // What the recording shows QBO already holding: the objects its reads return.
  for (const auto& interaction : interactions) {
    const auto request = to_request(interaction, realm);
    const auto body = parse_json(interaction.response_body);
    if (!body) continue;
    std::vector<std::pair<std::string, json::object>> objects;
    if (interaction.method == "GET" || request.path == "batch") collect_objects(*body, objects);
    for (const auto& [entity, object] : objects) seed(entity, object);
    if (const auto sent = parse_json(interaction.request_body)) {
      seed_references(*sent);
      if (fault_codes(*body) == std::vector<std::string>{"6240"}) seed_taken_name(*sent);
    }
    if (request.path == "cdc") {
      const auto since = parse_time(request.params.at("changedSince"));
      ASSERT_TRUE(since);
      clock.advance(std::chrono::duration_cast<std::chrono::seconds>(
          *since + std::chrono::hours(24) - clock.now()));
    }
  }

  for (std::size_t index = 0; index < interactions.size(); ++index) {
    const auto& interaction = interactions[index];
    SCOPED_TRACE(file + " #" + std::to_string(index) + " " + interaction.method + " " +
                 interaction.uri);
    const auto response = ledger.handle(to_request(interaction, realm));
    EXPECT_EQ(response.status, interaction.status) << response.body;
    const auto expected = parse_json(interaction.response_body);
    ASSERT_TRUE(expected) << "recorded body is not JSON";
    auto actual = parse_json(response.body);
    ASSERT_TRUE(actual) << response.body;
    if (!expected->get_object().contains("time")) actual->as_object().erase("time");
    const auto differences = compare_shapes(shape_of(*expected), shape_of(*actual), kIgnoredKeys);
    EXPECT_TRUE(differences.empty()) << ::testing::PrintToString(differences) << "\n"
                                     << response.body;
    EXPECT_EQ(fault_codes(*actual), fault_codes(*expected)) << response.body;
  }
}

std::vector<std::string> replayed_files() {
  std::vector<std::string> files;
  for (const auto& file : recorded_files()) {
    if (!kSkipped.contains(file)) files.push_back(file);
  }
  return files;
}

INSTANTIATE_TEST_SUITE_P(Recordings, RecordedTraffic, ::testing::ValuesIn(replayed_files()),
                         [](const ::testing::TestParamInfo<std::string>& param_info) {
                           std::string name =
                               param_info.param.substr(0, param_info.param.size() - 4);
                           for (auto& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

TEST(RecordedTrafficCoverage, EveryRecordingIsReplayedOrSkippedForAReason) {
  const auto files = recorded_files();
  EXPECT_GE(files.size(), 20u) << "the recordings were not found in " << kRecorded;
  for (const auto& [file, reason] : kSkipped) {
    EXPECT_NE(std::find(files.begin(), files.end(), file), files.end())
        << file << " (" << reason << ")";
  }
  EXPECT_EQ(replayed_files().size() + kSkipped.size(), files.size());
}

}  // namespace
}  // namespace qbo_sandbox::conformance
