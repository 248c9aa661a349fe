#include "engine/local_fault.h"

namespace qbo_sync::engine {

qbo::Fault local_fault(qbo::FaultClass fault_class, std::string message) {
  qbo::Fault fault;
  fault.fault_class = fault_class;
  fault.message = std::move(message);
  return fault;
}

}  // namespace qbo_sync::engine
