#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "qbo_sync/host/plugin_instance.h"

namespace qbo_sync::host_stub {

// The columns of a sync record the host shows.
struct SyncRecordRow {
  std::string record_id;
  std::string object_type;
  std::string object_id;
  std::string revision;
  std::string status;
  std::string reason;
  std::string attempts;
  std::string qbo_id;  // the QuickBooks object the record produced, once it has
};

// Every sync record of an account, through the admin op "list_records", following next_cursor.
// Throws HostError when the plugin refuses or answers something that is not a record list.
std::vector<SyncRecordRow> list_all_records(host::PluginInstance& instance,
                                            std::string_view account_id,
                                            const std::optional<std::string>& status = {});

// A fixed-width text table, one record per line, with a header.
void print_records_table(std::ostream& out, const std::vector<SyncRecordRow>& rows);

}  // namespace qbo_sync::host_stub
