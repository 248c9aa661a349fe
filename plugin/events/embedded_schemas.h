// The JSON Schemas of schemas/, compiled into the library at build time.
#pragma once

#include <span>
#include <string_view>

namespace qbo_sync::events::detail {

struct EmbeddedSchema {
  std::string_view name;  // "payment.completed.v1", "common.v1", "host/email_admins.v1", ...
  std::string_view text;  // the schema file's bytes
};

std::span<const EmbeddedSchema> embedded_schemas();

}  // namespace qbo_sync::events::detail
