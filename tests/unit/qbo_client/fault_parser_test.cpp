#include "qbo_client/fault_parser.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <map>
#include <set>
#include <tuple>

#include <boost/json.hpp>

namespace qbo_sync::qbo {
namespace {

namespace json = boost::json;

const std::filesystem::path kRecorded = std::filesystem::path(QBO_RECORDED_DIR);

struct Expected {
  FaultClass fault_class;
  std::string code;
};

// Every fault QBO sent in the recorded traffic, keyed by file, interaction index and batch item
// (-1 for a whole-response fault). A recording with a fault missing from this table fails the test.
const std::map<std::tuple<std::string, int, int>, Expected>& expected_faults() {
  static const std::map<std::tuple<std::string, int, int>, Expected> table = {
      {{"error/400.yml", 1, -1}, {FaultClass::validation, "4001"}},
      {{"error/400_json.yml", 0, -1}, {FaultClass::validation, "2010"}},
      {{"error/401.yml", 0, -1}, {FaultClass::unauthorized, "3200"}},
      {{"error/500.yml", 0, -1}, {FaultClass::validation, "500"}},
      {{"error/500.yml", 1, -1}, {FaultClass::validation, "2030"}},
      {{"error/validation.yml", 0, -1}, {FaultClass::duplicate_name, "6240"}},
      {{"batch/basic.yml", 0, 1}, {FaultClass::not_found, "610"}},
      {{"batch/basic.yml", 0, 2}, {FaultClass::stale_object, "5010"}},
  };
  return table;
}

std::string header_value(const YAML::Node& headers, const std::string& name) {
  for (const auto& entry : headers) {
    std::string key = entry.first.as<std::string>();
    std::transform(key.begin(), key.end(), key.begin(), ::tolower);
    if (key == name && entry.second.IsSequence() && entry.second.size() > 0) {
      return entry.second[0].as<std::string>();
    }
  }
  return {};
}

TEST(FaultParserTest, EveryRecordedFaultParsesIntoItsClassAndCode) {
  std::set<std::tuple<std::string, int, int>> seen;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(kRecorded)) {
    if (entry.path().extension() != ".yml") {
      continue;
    }
    const std::string file = std::filesystem::relative(entry.path(), kRecorded).generic_string();
    const YAML::Node cassette = YAML::LoadFile(entry.path().string());
    int index = 0;
    for (const auto& interaction : cassette["http_interactions"]) {
      const int status = interaction["response"]["status"]["code"].as<int>();
      const std::string body = interaction["response"]["body"]["string"].as<std::string>();
      const std::string tid = header_value(interaction["response"]["headers"], "intuit-tid");
      SCOPED_TRACE(file + " #" + std::to_string(index));
      if (status >= 400) {
        const Fault fault = parse_fault(status, body, tid);
        const auto key = std::make_tuple(file, index, -1);
        ASSERT_TRUE(expected_faults().contains(key)) << "unexpected fault: " << fault.summary();
        EXPECT_EQ(fault.fault_class, expected_faults().at(key).fault_class) << fault.summary();
        EXPECT_EQ(fault.code, expected_faults().at(key).code);
        EXPECT_EQ(fault.http_status, status);
        EXPECT_EQ(fault.intuit_tid, tid);
        EXPECT_FALSE(fault.message.empty());
        seen.insert(key);
      } else {
        boost::system::error_code ec;
        const json::value parsed = json::parse(body, ec);
        if (ec || !parsed.is_object()) {
          ++index;
          continue;
        }
        EXPECT_FALSE(find_fault(parsed, status, tid)) << "a success body read as a fault";
        if (const auto* items = parsed.get_object().if_contains("BatchItemResponse")) {
          int item_index = 0;
          for (const auto& item : items->get_array()) {
            if (auto fault = find_fault(item, status, tid)) {
              const auto key = std::make_tuple(file, index, item_index);
              ASSERT_TRUE(expected_faults().contains(key)) << fault->summary();
              EXPECT_EQ(fault->fault_class, expected_faults().at(key).fault_class);
              EXPECT_EQ(fault->code, expected_faults().at(key).code);
              EXPECT_EQ(fault->fault_type, "ValidationFault");
              seen.insert(key);
            }
            ++item_index;
          }
        }
      }
      ++index;
    }
  }
  EXPECT_EQ(seen.size(), expected_faults().size()) << "a recorded fault was not found";
}

TEST(FaultParserTest, JsonFaultKeepsMessageDetailElementAndAllErrors) {
  const Fault fault = parse_fault(
      400,
      R"({"Fault":{"Error":[{"Message":"Invalid ID","Detail":"Id should be a valid number.","code":"2030","element":"Id"},)"
      R"({"Message":"Second","Detail":"d2","code":"2050","element":"Name"}],"type":"ValidationFault"},"time":"x"})",
      "tid-1");
  EXPECT_EQ(fault.fault_class, FaultClass::validation);
  EXPECT_EQ(fault.code, "2030");
  EXPECT_EQ(fault.message, "Invalid ID");
  EXPECT_EQ(fault.detail, "Id should be a valid number.");
  EXPECT_EQ(fault.element, "Id");
  EXPECT_EQ(fault.fault_type, "ValidationFault");
  ASSERT_EQ(fault.errors.size(), 2U);
  EXPECT_EQ(fault.errors[1].element, "Name");
  EXPECT_EQ(fault.intuit_tid, "tid-1");
}

TEST(FaultParserTest, LowerCamel401MasksTheEchoedToken) {
  const Fault fault = parse_fault(
      401,
      R"({"warnings":null,"fault":{"error":[{"message":"message=AuthenticationFailed; errorCode=003200; statusCode=401","detail":"Token expired: AB01601390262kxzxOlnHYdhtEVRXISU7piPqQrCmmbDN35Yjd","code":"3200","element":null}],"type":"AUTHENTICATION"},"time":1601391072830})");
  EXPECT_EQ(fault.fault_class, FaultClass::unauthorized);
  EXPECT_EQ(fault.code, "3200");
  EXPECT_EQ(fault.fault_type, "AUTHENTICATION");
  EXPECT_EQ(fault.element, "");
  EXPECT_EQ(fault.detail, "Token expired: [redacted]");
  EXPECT_EQ(fault.summary().find("AB0160"), std::string::npos);
}

TEST(FaultParserTest, XmlThrottleFaultIsThrottled) {
  const Fault fault = parse_fault(
      429,
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?><IntuitResponse xmlns="http://schema.intuit.com/finance/v3" time="2016-01-01T00:00:00.000-07:00"><Fault type="SERVICE"><Error code="3001"><Message>message=ThrottleExceeded; errorCode=003001; statusCode=429</Message><Detail>The request limit was reached.  Try again later</Detail></Error></Fault></IntuitResponse>)");
  EXPECT_EQ(fault.fault_class, FaultClass::throttled);
  EXPECT_EQ(fault.code, "3001");
  EXPECT_EQ(fault.fault_type, "SERVICE");
  EXPECT_EQ(fault.detail, "The request limit was reached.  Try again later");
}

TEST(FaultParserTest, OlderXmlThrottleWith403IsStillThrottled) {
  const Fault fault = parse_fault(
      403,
      R"(<IntuitResponse><Fault type="SERVICE"><Error code="3001"><Message>message=ThrottleExceeded; errorCode=003001; statusCode=403</Message></Error></Fault></IntuitResponse>)");
  EXPECT_EQ(fault.fault_class, FaultClass::throttled);
}

TEST(FaultParserTest, XmlValidationFaultWithElement) {
  const Fault fault = parse_fault(
      400,
      R"(<IntuitResponse xmlns="http://schema.intuit.com/finance/v3"><Fault type="ValidationFault"><Error code="6240" element="DisplayName"><Message>Duplicate Name Exists Error</Message><Detail>The name supplied already exists.</Detail></Error></Fault></IntuitResponse>)");
  EXPECT_EQ(fault.fault_class, FaultClass::duplicate_name);
  EXPECT_EQ(fault.element, "DisplayName");
  EXPECT_EQ(fault.message, "Duplicate Name Exists Error");
}

TEST(FaultParserTest, XmlFaultTextsThatAreNotUtf8AreMadeReadable) {
  // A gateway or proxy may hand back bytes that are not UTF-8; the texts go into JSON later.
  const Fault fault =
      parse_fault(400,
                  "<IntuitResponse><Fault type=\"Validation\xff"
                  "Fault\"><Error code=\"6240\">"
                  "<Message>Duplicate\xff\xfe Name \xc3\xa9</Message><Detail>cut \xe2\x82</Detail>"
                  "</Error></Fault></IntuitResponse>");
  EXPECT_EQ(fault.code, "6240");
  EXPECT_EQ(fault.message, "Duplicate Name \xc3\xa9");
  EXPECT_EQ(fault.detail, "cut ");
  EXPECT_EQ(fault.fault_type, "ValidationFault");
  ASSERT_EQ(fault.errors.size(), 1U);
  EXPECT_EQ(fault.errors.front().message, "Duplicate Name \xc3\xa9");
}

TEST(FaultParserTest, LegacyXmlAuthenticationFault) {
  const Fault fault = parse_fault(
      401,
      R"(<Fault type="AuthenticationFault"><Error code="100"><Message>General Authentication Error</Message><Detail>AuthenticationErrorGeneral: SRV-110-Authentication Failure , statusCode: 401</Detail></Error></Fault>)");
  EXPECT_EQ(fault.fault_class, FaultClass::unauthorized);
  EXPECT_EQ(fault.code, "100");
  EXPECT_EQ(fault.fault_type, "AuthenticationFault");
}

TEST(FaultParserTest, OAuthErrorBodies) {
  const Fault grant =
      parse_fault(400, R"({"error_description":"Token invalid","error":"invalid_grant"})");
  EXPECT_EQ(grant.fault_class, FaultClass::reconnect_needed);
  EXPECT_EQ(grant.code, "invalid_grant");
  EXPECT_EQ(grant.message, "Token invalid");
  EXPECT_EQ(parse_fault(401, R"({"error":"invalid_client"})").fault_class, FaultClass::bad_client);
  EXPECT_EQ(parse_fault(400, R"({"error":"invalid_request"})").fault_class, FaultClass::validation);
  EXPECT_EQ(parse_fault(503, R"({"error":"server_error"})").fault_class, FaultClass::transient);
}

TEST(FaultParserTest, HtmlGatewayPageIsTransientWithAnExcerpt) {
  const Fault fault = parse_fault(
      502, "<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center><hr>");
  EXPECT_EQ(fault.fault_class, FaultClass::transient);
  EXPECT_EQ(fault.http_status, 502);
  EXPECT_NE(fault.message.find("502"), std::string::npos);
  EXPECT_NE(fault.detail.find("Bad Gateway"), std::string::npos);
}

TEST(FaultParserTest, EmptyOrGarbageBodiesFallBackToTheStatus) {
  EXPECT_EQ(parse_fault(503, "").fault_class, FaultClass::transient);
  EXPECT_EQ(parse_fault(404, "not here").fault_class, FaultClass::not_found);
  EXPECT_EQ(parse_fault(403, "{broken").fault_class, FaultClass::permission);
  EXPECT_EQ(parse_fault(400, "").fault_class, FaultClass::validation);
  EXPECT_EQ(parse_fault(401, "").fault_class, FaultClass::unauthorized);
}

TEST(FaultParserTest, ClassifiesTheKnownCodes) {
  struct Case {
    int status;
    const char* code;
    const char* message;
    FaultClass expected;
  };
  const Case cases[] = {
      {400, "6140", "Duplicate Document Number Error", FaultClass::duplicate_document_number},
      {400, "", "Duplicate Document Number Error", FaultClass::duplicate_document_number},
      {400, "5020", "Permission Denied Error", FaultClass::permission},
      {400, "6210", "Account Period Closed", FaultClass::closed_period},
      {400, "6000", "A business validation error has occurred", FaultClass::business_rule},
      {400, "6540", "Deposited Transaction cannot be changed", FaultClass::business_rule},
      {400, "2500", "Invalid Reference Id", FaultClass::not_found},
      {500, "10000", "An application error has occurred", FaultClass::transient},
      {403, "3100", "message=ApplicationAuthorizationFailed", FaultClass::reconnect_needed},
      {401, "120", "Authorization Failure", FaultClass::permission},
      {400, "4001", "Invalid query", FaultClass::validation},
      {400, "2020", "Required param missing", FaultClass::validation},
      {503, "", "", FaultClass::transient},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(classify_fault(c.status, c.code, "ValidationFault", c.message, ""), c.expected)
        << c.code << " " << c.message;
  }
}

}  // namespace
}  // namespace qbo_sync::qbo
