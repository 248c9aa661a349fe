#include "qbo_client/fault_advice.h"

#include <gtest/gtest.h>

#include <set>

#include "qbo_client/fault_parser.h"
#include "qbo_client/http_transport.h"

namespace qbo_sync::qbo {
namespace {

TEST(FaultAdviceTest, EveryClassHasItsOwnAdvice) {
  std::set<std::string> advices;
  for (auto fault_class :
       {FaultClass::throttled, FaultClass::transient, FaultClass::unauthorized,
        FaultClass::reconnect_needed, FaultClass::not_connected, FaultClass::bad_client,
        FaultClass::stale_object, FaultClass::duplicate_name, FaultClass::duplicate_document_number,
        FaultClass::not_found, FaultClass::validation, FaultClass::permission,
        FaultClass::closed_period, FaultClass::business_rule, FaultClass::unknown}) {
    Fault fault;
    fault.fault_class = fault_class;
    const std::string advice = admin_advice(fault);
    EXPECT_GT(advice.size(), 40U) << to_string(fault_class);
    advices.insert(advice);
  }
  EXPECT_EQ(advices.size(), 15U);
}

TEST(FaultAdviceTest, DuplicateNameSaysWhatToDoAndQuotesQbo) {
  const Fault fault = parse_fault(
      400,
      R"({"Fault":{"Error":[{"Message":"Duplicate Name Exists Error","Detail":"The name supplied already exists. : null","code":"6240"}],"type":"ValidationFault"}})",
      "1-5f733d9a-1d4e21aa217ba43177113df4");
  const std::string advice = admin_advice(fault);
  EXPECT_NE(advice.find("already uses this name"), std::string::npos) << advice;
  EXPECT_NE(advice.find("Retry"), std::string::npos);
  EXPECT_NE(advice.find("Duplicate Name Exists Error"), std::string::npos);
  EXPECT_NE(advice.find("Code: 6240"), std::string::npos);
  EXPECT_NE(advice.find("Reference: 1-5f733d9a-1d4e21aa217ba43177113df4"), std::string::npos);
}

TEST(FaultAdviceTest, NamesTheFieldAndExplainsCanadianTaxCodes) {
  const Fault fault = parse_fault(
      400,
      R"({"Fault":{"Error":[{"Message":"A business validation error has occurred while processing your request","Detail":"Business Validation Error: Make sure all your transactions have a GST/HST rate before you save.","code":"6000","element":"Line.SalesItemLineDetail.TaxCodeRef"}],"type":"ValidationFault"}})");
  const std::string advice = admin_advice(fault);
  EXPECT_EQ(fault.fault_class, FaultClass::business_rule);
  EXPECT_NE(advice.find("tax code"), std::string::npos) << advice;
  EXPECT_NE(advice.find("Field: Line.SalesItemLineDetail.TaxCodeRef"), std::string::npos);
}

TEST(FaultAdviceTest, ReconnectAndNetworkAdviceTellTheAdminWhetherToAct) {
  EXPECT_NE(admin_advice(parse_fault(400, R"({"error":"invalid_grant"})")).find("Connect"),
            std::string::npos);
  const std::string network =
      admin_advice(to_fault(TransportError{TransportErrorKind::timeout, true, "Timeout"}));
  EXPECT_NE(network.find("Nothing to do"), std::string::npos);
  EXPECT_NE(network.find("timeout"), std::string::npos);
}

}  // namespace
}  // namespace qbo_sync::qbo
