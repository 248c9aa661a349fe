// The embedded JSON Schemas, compiled once, and validation of a document against one of them.
#pragma once

#include <memory>
#include <optional>
#include <string_view>

#include <boost/json/value.hpp>

#include "events/input_error.h"

namespace qbo_sync::events::detail {

class SchemaSet {
 public:
  // Compiles every embedded schema; the references to common.v1.schema.json are resolved from
  // the embedded text. Throws std::runtime_error when a schema is broken (a build defect).
  SchemaSet();
  ~SchemaSet();
  SchemaSet(const SchemaSet&) = delete;
  SchemaSet& operator=(const SchemaSet&) = delete;

  bool contains(std::string_view name) const;

  // nullopt when `document` satisfies the schema `name` ("payment.completed.v1",
  // "host/email_admins.v1", ...); otherwise the first violation. Thread-safe.
  // Throws std::out_of_range for an unknown schema name.
  std::optional<InputError> check(std::string_view name, const boost::json::value& document) const;

  // The compiled (self-contained) schema document `name`, e.g. for an admin surface to show.
  const boost::json::value& document(std::string_view name) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace qbo_sync::events::detail
