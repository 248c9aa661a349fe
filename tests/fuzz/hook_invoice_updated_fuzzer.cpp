// The invoice.updated hook's payload validation (schemas/invoice.updated.v1.schema.json and the
// rules beyond it).
#include "hook_fuzzer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return qbo_sync::fuzz::fuzz_hook(qbo_sync::events::HookKind::invoice_updated, data, size);
}
