// QBO failure bodies: qbo::parse_fault over any status and body (JSON faults in both shapes, XML
// faults, OAuth errors, gateway pages), and qbo::find_fault over any JSON value.
#include "fuzz_checks.h"
#include "qbo_client/fault_parser.h"
#include "qbo_fault_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace qbo_sync;
  const int status = fuzz::status_from(data, size);
  const auto body = fuzz::body_from(data, size);
  const auto fault = qbo::parse_fault(status, body, "1-fuzz-tid");
  fuzz::require(fault.http_status == status, "a fault keeps the HTTP status", body);
  fuzz::require_readable_fault(fault, body);

  boost::system::error_code error;
  const auto value = boost::json::parse(body, error);
  if (!error) {
    if (const auto found = qbo::find_fault(value, status, "1-fuzz-tid")) {
      fuzz::require_readable_fault(*found, body);
    }
  }
  return 0;
}
