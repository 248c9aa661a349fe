#pragma once

#include <string>
#include <string_view>

#include "rules/fault.h"

// The faults the ledger answers with, worded as QBO words them (see docs/qbo-sandbox.md for the
// ones whose exact wording was never observed).
namespace qbo_sandbox::faults {

Fault stale_object();                                                  // 5010
Fault object_not_found(std::string_view entity, std::string_view id);  // 610
Fault duplicate_name();                                                // 6240
Fault duplicate_doc_number(std::string_view doc_number);               // 6140
Fault unsupported_operation(std::string_view relative_path);           // 500, unknown resource
Fault operation_not_supported(std::string_view operation, std::string_view entity);  // 500
Fault invalid_id(std::string_view supplied);                                         // 2030
Fault required_parameter(std::string_view name);                                     // 2020
Fault unsupported_property(std::string_view property, std::string_view entity);      // 2010
Fault malformed_body(std::string_view reason);  // 2010, unreadable JSON
Fault invalid_reference(std::string_view entity, std::string_view id,
                        std::string_view element);      // 2500
Fault inactive_reference(std::string_view element);     // 2500, made inactive
Fault invalid_name_characters(std::string_view field);  // 6000, ':' tab newline
Fault business_validation(std::string_view detail, std::string_view element = {});  // 6000
Fault invalid_value(std::string_view field, std::string_view detail);  // 2050-style bad field value
Fault batch_too_large(std::size_t limit, std::size_t given);           // batch over the item limit
Fault account_period_closed();  // 6210, a change on or before the company's closing date
Fault deposited_transaction(std::string_view entity, std::string_view deposit_id);  // 6000
Fault cdc_too_old();                                 // changedSince older than 30 days
Fault missing_cdc_parameter(std::string_view name);  // entities / changedSince missing

}  // namespace qbo_sandbox::faults
