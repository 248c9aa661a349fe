#include "faults.h"

namespace qbo_sandbox::faults {
namespace {

Fault make(std::string code, std::string message, std::string detail, std::string element = {}) {
  return make_fault(std::move(code), std::move(message), std::move(detail), std::move(element));
}

std::string text(std::string_view view) {
  return std::string(view);
}

}  // namespace

Fault stale_object() {
  return make("5010", "Stale Object Error",
              "Stale Object Error : You and Sandbox User were working on this at the same time. "
              "Sandbox User finished before you did, so your work was not saved.");
}

Fault object_not_found(std::string_view entity, std::string_view id) {
  auto fault = make("610", "Object Not Found",
                    "Object Not Found : Something you're trying to use has been made inactive. "
                    "Check the fields with accounts, customers, items, vendors or employees.");
  (void)entity;
  (void)id;
  return fault;
}

Fault duplicate_name() {
  return make("6240", "Duplicate Name Exists Error",
              "The name supplied already exists. : Another customer, vendor or employee is already "
              "using this name. Please use a different name.");
}

Fault duplicate_doc_number(std::string_view doc_number) {
  return make("6140", "Duplicate Document Number Error",
              "Duplicate Document Number Error : You must specify a different number. This number "
              "has already been used. DocNumber=" +
                  text(doc_number),
              "DocNumber");
}

Fault unsupported_operation(std::string_view relative_path) {
  return make("500", "Unsupported Operation",
              "Operation Could not find resource for relative : " + text(relative_path) +
                  " of full path: " + text(relative_path) + " is not supported.");
}

Fault operation_not_supported(std::string_view operation, std::string_view entity) {
  return make("500", "Unsupported Operation",
              "Operation " + text(operation) + " is not supported for " + text(entity) + ".");
}

Fault invalid_id(std::string_view supplied) {
  return make("2030", "Invalid ID", "Id should be a valid number. Supplied value:" + text(supplied),
              "Id");
}

Fault required_parameter(std::string_view name) {
  return make("2020", "Required param missing, need to supply the required value for the API",
              "Required parameter " + text(name) + " is missing in the request", text(name));
}

Fault unsupported_property(std::string_view property, std::string_view entity) {
  return make("2010", "Request has invalid or unsupported property",
              "Property Name:Unrecognized field \"" + text(property) +
                  "\" (class com.intuit.schema.finance.v3." + text(entity) +
                  "), not marked as ignorable specified is unsupported or invalid");
}

Fault malformed_body(std::string_view reason) {
  return make("2010", "Request has invalid or unsupported property",
              "Property Name:Can not parse the request body (" + text(reason) +
                  ") specified is unsupported or invalid");
}

Fault invalid_reference(std::string_view entity, std::string_view id, std::string_view element) {
  return make("2500", "Invalid Reference Id",
              "Invalid Reference Id : " + text(entity) + " " + text(id) + " does not exist",
              text(element));
}

Fault inactive_reference(std::string_view element) {
  return make("2500", "Invalid Reference Id",
              "Invalid Reference Id : Something you're trying to use has been made inactive. Check "
              "the fields with accounts, customers, items, vendors or employees.",
              text(element));
}

Fault invalid_name_characters(std::string_view field) {
  return business_validation(
      "The name can't contain a colon (:), a tab or a new line. Field: " + text(field), field);
}

Fault business_validation(std::string_view detail, std::string_view element) {
  return make("6000", "A business validation error has occurred while processing your request",
              "Business Validation Error: " + text(detail), text(element));
}

Fault account_period_closed() {
  // QBO's own wording, its doubled "through" included.
  return make("6210", "Account Period Closed, Cannot Update Through Services API",
              "The account period has closed and the account books cannot be updated through "
              "through the QBO Services API. Please use the QBO website to make these changes.");
}

Fault deposited_transaction(std::string_view entity, std::string_view deposit_id) {
  return business_validation("This " + text(entity) + " is part of deposit " + text(deposit_id) +
                             ". Remove it from the deposit (or delete the deposit) before you "
                             "void, delete or change its amount.");
}

Fault invalid_value(std::string_view field, std::string_view detail) {
  return make("2050", "Invalid value", text(detail), text(field));
}

Fault batch_too_large(std::size_t limit, std::size_t given) {
  return make("1003", "Batch request size exceeds limit",
              "Maximum number of BatchItemRequest allowed is " + std::to_string(limit) +
                  ". Supplied: " + std::to_string(given));
}

Fault cdc_too_old() {
  return make("4001", "Invalid query",
              "QueryValidationError: changedSince can not be more than 30 days in the past",
              "changedSince");
}

Fault missing_cdc_parameter(std::string_view name) {
  return make("4001", "Invalid query", "QueryValidationError: " + text(name) + " is required",
              text(name));
}

}  // namespace qbo_sandbox::faults
