// What a host needs from the local QBO sandbox's start-up line (SandboxProcess::info, or the file
// `host_stub serve` writes it to): the plugin's QuickBooks settings and the companies' realm ids.
#pragma once

#include <boost/json/object.hpp>
#include <filesystem>
#include <string>
#include <string_view>

namespace qbo_sync::host_stub {

// The host configuration's "qbo" object for the sandbox: its endpoints, the app's credentials and
// the sandbox's first redirect URI.
std::string qbo_config_for_sandbox(const boost::json::object& info);

// The realm id of the sandbox company of `preset` ("ca", "us"). Throws HostError when none.
std::string realm_for_preset(const boost::json::object& info, std::string_view preset);

// The start-up line saved in `file`. Throws HostError when it cannot be read.
boost::json::object read_sandbox_info(const std::filesystem::path& file);

}  // namespace qbo_sync::host_stub
